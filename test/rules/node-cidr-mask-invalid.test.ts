import rule from '../../rules/node-cidr-mask-invalid.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfig, kubeadmConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kcm = (flags: Record<string, string>) => controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'true', ...flags });

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm dual-stack defaults', objects: [DUAL_KUBEADM] },
    { name: 'IPv6 /48 with /64 nodes is exactly 16 bits', objects: [kcm({ 'cluster-cidr': 'fd00:10::/48' })] },
    { name: 'IPv4 difference over 16 is fine without kubeadm', objects: [kcm({ 'cluster-cidr': '10.0.0.0/8', 'node-cidr-mask-size': '26' })] },
    { name: 'no node CIDR allocation', objects: [kcm({ 'cluster-cidr': 'fd00:10::/32', 'allocate-node-cidrs': 'false' })] },
  ],
  invalid: [
    {
      name: 'IPv6 /40 with /64 nodes',
      objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10::/40', '10.96.0.0/16,fd00:10:96::/112')],
      expect: [{ messageId: 'tooManyBits', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' }],
    },
    {
      name: 'kubeadm rejects an IPv4 difference over 16',
      objects: [kubeadmConfig('controllerManager:\n  extraArgs:\n    node-cidr-mask-size: "26"\nnetworking:\n  podSubnet: 10.0.0.0/8\n')],
      expect: [{ messageId: 'tooManyBits', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'node mask wider than the cluster range',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/24', 'node-cidr-mask-size': '16' })],
      expect: [{ messageId: 'shorterThanCluster', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'node mask beyond the address width',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16,fd00::/56', 'node-cidr-mask-size-ipv6': '130' })],
      expect: [{ messageId: 'beyondWidth', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'node mask equal to the cluster range',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/24' })],
      expect: [{ messageId: 'singleNode', object: 'Pod kube-system/kube-controller-manager-cp1', severity: 'warning' }],
    },
  ],
  notAssessed: [{ name: 'no cluster CIDR', objects: [] }],
});
