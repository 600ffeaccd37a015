import rule from '../../rules/node-cidr-below-max-pods.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfig } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kcm = (flags: Record<string, string>) => controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'true', ...flags });
const capacity = (name: string, pods: string) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity: { pods } } });
const kubeletConfig = (maxPods: number) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'kubelet-config', namespace: 'kube-system' },
  data: { kubelet: `apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: ${maxPods}\n` },
});

runRuleTests(rule, {
  valid: [
    { name: 'default /24 for 110 pods', objects: [DUAL_KUBEADM] },
    { name: '/25 leaves 125 addresses', objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': '25' })] },
    { name: '/26 with maxPods 60', objects: [kcm({ 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': '26' }), kubeletConfig(60)] },
    { name: 'IPv6 /64 nodes are never short', objects: [kcm({ 'cluster-cidr': 'fd00::/56' })] },
  ],
  invalid: [
    {
      name: '/26 node ranges for the default 110 pods',
      objects: [kubeadmConfig('controllerManager:\n  extraArgs:\n    node-cidr-mask-size: "26"\nnetworking:\n  podSubnet: 10.244.0.0/16\n')],
      expect: [{ messageId: 'belowMaxPods', object: 'ConfigMap kube-system/kubeadm-config', severity: 'warning' }],
    },
    {
      name: 'node capacity above the /24 room',
      objects: [DUAL_KUBEADM, capacity('big', '300'), capacity('small', '110')],
      expect: [{ messageId: 'belowMaxPods', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'IPv6 /122 node ranges',
      objects: [kcm({ 'cluster-cidr': '10.244.0.0/16,fd00::/112', 'node-cidr-mask-size-ipv6': '122' })],
      expect: [{ messageId: 'belowMaxPods', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
  ],
  notAssessed: [{ name: 'no cluster CIDR', objects: [] }],
});
