import rule from '../../rules/controller-manager-mask-flags-invalid.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfig } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kcm = (flags: Record<string, string>) => controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'true', ...flags });

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm dual-stack defaults', objects: [DUAL_KUBEADM] },
    { name: 'dual-stack with per-family masks', objects: [kcm({ 'cluster-cidr': '10.244.0.0/16,fd00::/56', 'node-cidr-mask-size-ipv4': '24', 'node-cidr-mask-size-ipv6': '64' })] },
    { name: 'single-stack with the generic mask', objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': '25' })] },
    { name: 'single-stack IPv4 with the IPv4 mask', objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size-ipv4': '25' })] },
    { name: 'no allocation, flags unused', objects: [kcm({ 'allocate-node-cidrs': 'false', 'node-cidr-mask-size': '24', 'cluster-cidr': '10.244.0.0/16,fd00::/56' })] },
  ],
  invalid: [
    {
      name: '--node-cidr-mask-size on a dual-stack cluster',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16,fd00::/56', 'node-cidr-mask-size': '24' })],
      expect: [{ messageId: 'maskSizeWithDualStack', object: 'Pod kube-system/kube-controller-manager-cp1', severity: 'error' }],
    },
    {
      name: 'generic and per-family masks together',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': '24', 'node-cidr-mask-size-ipv4': '25' })],
      expect: [{ messageId: 'maskFlagsCombined', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'IPv4 mask on an IPv6 cluster (kubeadm extraArgs)',
      objects: [kubeadmConfig('controllerManager:\n  extraArgs:\n    node-cidr-mask-size-ipv4: "24"\nnetworking:\n  podSubnet: fd00:10:244::/56\n')],
      expect: [{ messageId: 'maskFlagWrongFamily', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'IPv6 mask on an IPv4 cluster',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size-ipv6': '64' })],
      expect: [{ messageId: 'maskFlagWrongFamily', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'allocation without a cluster CIDR',
      objects: [kcm({})],
      expect: [{ messageId: 'clusterCidrMissing', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'CloudAllocator with an external cloud provider',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'cidr-allocator-type': 'CloudAllocator', 'cloud-provider': 'external' })],
      expect: [{ messageId: 'cloudAllocatorWithoutCloud', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
  ],
  notAssessed: [{ name: 'no controller-manager configuration', objects: [], podCidrs: ['10.244.0.0/16'] }],
});
