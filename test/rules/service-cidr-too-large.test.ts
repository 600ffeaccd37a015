import rule from '../../rules/service-cidr-too-large.js';
import { controlPlanePod, kubeadmConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'IPv4 /12 and IPv6 /112', objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/12,fd00:10:96::/112')] },
    {
      name: 'both allocator gates on by flag',
      objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': 'fd00:10:96::/64', 'feature-gates': 'MultiCIDRServiceAllocator=true,DisableAllocatorDualWrite=true' })],
    },
  ],
  invalid: [
    {
      name: 'IPv4 /8 on the apiserver (version from the image, 1.31)',
      objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.0.0.0/8' })],
      expect: [{ messageId: 'apiserverRefuses', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }],
    },
    {
      name: 'one allocator gate is not enough',
      objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': 'fd00:10:96::/96', 'feature-gates': 'MultiCIDRServiceAllocator=true' })],
      expect: [{ messageId: 'apiserverRefuses', object: 'Pod kube-system/kube-apiserver-cp1' }],
    },
    {
      name: 'kubeadm refuses a large subnet on any version',
      objects: [kubeadmConfigMap('10.244.0.0/16', '10.0.0.0/10')],
      expect: [{ messageId: 'kubeadmRefuses', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' }],
    },
    {
      name: 'IPv6 /110 is clamped once even when declared twice',
      objects: [kubeadmConfigMap('fd00:10:244::/56', 'fd00:10:96::/110'), controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': 'fd00:10:96::/110' })],
      expect: [{ messageId: 'bitmapClamped', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'info' }],
    },
    {
      name: 'command-line range with an unknown version',
      objects: [],
      serviceCidrs: ['fd00::/64'],
      expect: [{ messageId: 'apiserverRefuses', object: 'Cluster cluster' }],
    },
  ],
  // A kubeadm config always has one (an empty serviceSubnet defaults to 10.96.0.0/12): only the pod range is declared here.
  notAssessed: [{ name: 'no service range', objects: [controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16' })] }],
});
