import rule from '../../rules/apiserver-advertise-address-family.js';
import { controlPlanePod, kubeadmConfig } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const apiserver = (flags: Record<string, string>) => controlPlanePod('kube-apiserver', flags);

runRuleTests(rule, {
  valid: [
    { name: 'IPv4 address, IPv4-first dual-stack range', objects: [apiserver({ 'advertise-address': '192.0.2.10', 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' })] },
    { name: 'IPv6 address, IPv6-first dual-stack range', objects: [apiserver({ 'advertise-address': '2001:db8::10', 'service-cluster-ip-range': 'fd00:10:96::/112,10.96.0.0/16' })] },
    { name: 'mismatch with --endpoint-reconciler-type=none', objects: [apiserver({ 'advertise-address': '192.0.2.10', 'service-cluster-ip-range': 'fd00:10:96::/112', 'endpoint-reconciler-type': 'none' })] },
  ],
  invalid: [
    {
      name: 'IPv4 advertise address, IPv6-first range',
      objects: [apiserver({ 'advertise-address': '192.0.2.10', 'service-cluster-ip-range': 'fd00:10:96::/112,10.96.0.0/16' })],
      expect: [{ messageId: 'familyMismatch', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }],
    },
    {
      name: 'specific IPv6 bind address, IPv4 range',
      objects: [apiserver({ 'bind-address': '2001:db8::10', 'service-cluster-ip-range': '10.96.0.0/16' })],
      expect: [{ messageId: 'familyMismatch', object: 'Pod kube-system/kube-apiserver-cp1' }],
    },
    {
      name: 'kubeadm apiServer.extraArgs',
      objects: [kubeadmConfig('apiServer:\n  extraArgs:\n    advertise-address: "2001:db8::10"\nnetworking:\n  serviceSubnet: 10.96.0.0/16\n  podSubnet: 10.244.0.0/16\n')],
      expect: [{ messageId: 'familyMismatch', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
  ],
  notAssessed: [
    { name: 'no advertise address in the input', objects: [apiserver({ 'service-cluster-ip-range': '10.96.0.0/16' })] },
    { name: 'a wildcard bind address says nothing', objects: [apiserver({ 'bind-address': '0.0.0.0', 'service-cluster-ip-range': 'fd00:10:96::/112' })] },
  ],
});
