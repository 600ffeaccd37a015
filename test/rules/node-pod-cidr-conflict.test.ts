import rule from '../../rules/node-pod-cidr-conflict.js';
import { controlPlanePod, DUAL_KUBEADM, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kcm = (cidrs: string, allocate = 'true') => controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': allocate, 'cluster-cidr': cidrs });
const outsiders = Array.from({ length: 21 }, (_, i) => node(`old-${String(i).padStart(2, '0')}`, [`10.96.${i}.0/24`]));

runRuleTests(rule, {
  valid: [
    { name: 'distinct podCIDRs inside the cluster range', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']), node('n2', ['10.244.2.0/24', 'fd00:10:244:2::/64'])] },
    { name: 'no node holds a podCIDR', objects: [DUAL_KUBEADM, node('n1', [])] },
    { name: 'without node CIDR allocation outside ranges are harmless', objects: [kcm('10.244.0.0/16', 'false'), node('n1', ['10.250.0.0/24'])] },
    { name: 'no cluster range to compare with', objects: [node('n1', ['10.244.1.0/24']), node('n2', ['10.244.2.0/24'])] },
  ],
  invalid: [
    {
      name: 'two nodes with the same podCIDR',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24']), node('n2', ['10.244.1.0/24'])],
      expect: [{ messageId: 'overlap', object: 'Node n2', severity: 'error', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'a podCIDR nested in another node\'s',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.0.0/23']), node('n2', ['10.244.1.0/24'])],
      expect: [{ messageId: 'overlap', object: 'Node n2' }],
    },
    {
      name: 'IPv6 podCIDR after the cluster CIDR shrank to IPv4',
      objects: [kcm('10.244.0.0/16'), node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64'])],
      expect: [{ messageId: 'outside', object: 'Node n1', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'podCIDR outside the cluster range',
      objects: [kcm('10.244.0.0/16,fd00:10:244::/56'), node('n1', ['10.245.1.0/24', 'fd00:10:244:1::/64'])],
      expect: [{ messageId: 'outside', object: 'Node n1', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'more than 20 nodes outside are summarized',
      objects: [kcm('10.244.0.0/16'), ...outsiders],
      expect: [{ messageId: 'outsideMany', object: 'Node old-00' }],
    },
  ],
});
