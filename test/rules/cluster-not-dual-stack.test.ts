import rule from '../../rules/cluster-not-dual-stack.js';
import { controlPlanePod, DUAL_KUBEADM, IPV4_KUBEADM, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm dual-stack', objects: [DUAL_KUBEADM] },
    { name: 'dual node podCIDRs', objects: [node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64'])] },
    { name: 'dual apiserver flag', objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' })] },
  ],
  invalid: [
    {
      name: 'IPv4-only kubeadm config',
      objects: [IPV4_KUBEADM],
      // One finding for the cluster, naming the declaring ConfigMap once (as the object) and its fields as evidence.
      expect: [
        {
          messageId: 'singleFamily', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error',
          path: 'data.ClusterConfiguration',
          fix: 'Add an IPv6 range after 10.96.0.0/16 in networking.serviceSubnet ("10.96.0.0/16,<IPv6 CIDR>"); add an IPv6 range after 10.244.0.0/16 in networking.podSubnet ("10.244.0.0/16,<IPv6 CIDR>"), and the same in every component that declares the service and pod ranges',
        },
      ],
    },
    {
      name: 'IPv4 node podCIDRs only',
      objects: [node('n1', ['10.244.1.0/24']), node('n2', ['10.244.2.0/24'])],
      // Nothing declares the range, so there is no place to name: the finding carries the rule's remediation.
      expect: [{ messageId: 'singleFamily', object: 'Cluster cluster', fix: rule.meta.remediation }],
    },
    {
      name: 'IPv6-only apiserver and controller-manager flags',
      objects: [
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': 'fd00:10:96::/112' }),
        controlPlanePod('kube-controller-manager', { 'cluster-cidr': 'fd00:10:244::/56', 'allocate-node-cidrs': 'true' }),
      ],
      // The second declaring object is named once, in the evidence.
      expect: [
        {
          messageId: 'singleFamily', object: 'Pod kube-system/kube-apiserver-cp1',
          fix: 'Add an IPv4 range after fd00:10:96::/112 in kube-apiserver --service-cluster-ip-range ("fd00:10:96::/112,<IPv4 CIDR>"); add an IPv4 range after fd00:10:244::/56 in kube-controller-manager --cluster-cidr (Pod kube-system/kube-controller-manager-cp1) ("fd00:10:244::/56,<IPv4 CIDR>"), and the same in every component that declares the service and pod ranges',
        },
      ],
    },
  ],
  notAssessed: [
    { name: 'manifests without cluster evidence', objects: [] },
    { name: 'target ipv4', objects: [IPV4_KUBEADM], target: 'ipv4' },
  ],
});
