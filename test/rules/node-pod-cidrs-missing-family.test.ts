import rule from '../../rules/node-pod-cidrs-missing-family.js';
import { controlPlanePod, DUAL_KUBEADM, IPV4_KUBEADM, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const manyOld = Array.from({ length: 21 }, (_, i) => node(`old-${String(i).padStart(2, '0')}`, [`10.244.${i}.0/24`]));

runRuleTests(rule, {
  valid: [
    { name: 'dual nodes on a dual cluster', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64'])] },
    { name: 'single-family cluster', objects: [IPV4_KUBEADM, node('n1', ['10.244.1.0/24'])] },
    { name: 'node without podCIDRs gets both on allocation', objects: [DUAL_KUBEADM, node('n1', [])] },
    { name: 'node being deleted', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24'], { deleting: true })] },
    {
      name: 'controller-manager does not allocate node CIDRs',
      objects: [controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'false', 'cluster-cidr': '10.244.0.0/16,fd00:10:244::/56' }), node('n1', ['10.244.1.0/24'])],
    },
  ],
  invalid: [
    {
      name: 'node registered before the conversion',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']), node('n2', ['10.244.2.0/24'])],
      expect: [{
        messageId: 'missingFamily', object: 'Node n2', severity: 'error', path: 'spec.podCIDRs',
        fix: 'kubectl drain n2, kubectl delete node n2, then restart its kubelet so it registers again with a podCIDR of each family',
      }],
    },
    {
      name: 'dual-stack evident from other nodes without any declared range',
      objects: [node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']), node('n2', ['fd00:10:244:2::/64'])],
      expect: [{ messageId: 'missingFamily', object: 'Node n2' }],
    },
    {
      name: 'more than 20 nodes are summarized',
      objects: [controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'true', 'cluster-cidr': '10.244.0.0/16,fd00:10:244::/56' }), ...manyOld],
      expect: [{ messageId: 'missingFamilyMany', object: 'Node old-00' }],
    },
  ],
  notAssessed: [{ name: 'no pod range source and no podCIDRs', objects: [node('n1', [])] }],
});
