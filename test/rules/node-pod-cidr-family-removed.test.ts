import rule from '../../rules/node-pod-cidr-family-removed.js';
import { DUAL_KUBEADM, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const dualNode = node('worker-1', ['10.244.1.0/24', 'fd00:10:244:1::/64']);
const dualNodes = (n: number) => Array.from({ length: n }, (_, i) => node(`w${String(i).padStart(2, '0')}`, [`10.244.${i}.0/24`, `fd00:10:244:${i.toString(16)}::/64`]));

runRuleTests(rule, {
  valid: [
    { name: 'IPv4 node on a rollback to IPv4', objects: [DUAL_KUBEADM, node('worker-1', ['10.244.1.0/24'])], rollbackTo: 'IPv4' },
    { name: 'IPv4-only node, no scenario', objects: [node('worker-1', ['10.244.1.0/24'])] },
    { name: 'node without podCIDRs', objects: [DUAL_KUBEADM, node('worker-1', [])], newPrimary: 'IPv6' },
    { name: 'IPv6-first node when IPv6 becomes primary', objects: [DUAL_KUBEADM, node('worker-1', ['fd00:10:244:1::/64', '10.244.1.0/24'])], newPrimary: 'IPv6' },
  ],
  invalid: [
    {
      name: '21 dual-stack nodes on a rollback to IPv4: one summary',
      objects: [DUAL_KUBEADM, ...dualNodes(21)],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'holdsRemovedMany', object: 'Node w00', severity: 'error', path: 'spec.podCIDRs' }],
    },
    {
      name: '20 dual-stack nodes on a rollback to IPv4: one finding each',
      objects: [DUAL_KUBEADM, ...dualNodes(20)],
      rollbackTo: 'IPv4',
      expect: Array.from({ length: 20 }, (_, i) => ({ messageId: 'holdsRemoved', object: `Node w${String(i).padStart(2, '0')}` })),
    },
    {
      name: '21 IPv4-first nodes when IPv6 becomes primary: one summary',
      objects: [DUAL_KUBEADM, ...dualNodes(21)],
      newPrimary: 'IPv6',
      expect: [{ messageId: 'wrongFirstMany', object: 'Node w00', severity: 'error', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'dual-stack node on a rollback to IPv4',
      objects: [DUAL_KUBEADM, dualNode],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'holdsRemoved', object: 'Node worker-1', severity: 'error', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'no scenario: info',
      objects: [DUAL_KUBEADM, dualNode],
      expect: [{ messageId: 'holdsRemoved', object: 'Node worker-1', severity: 'info' }],
    },
    {
      name: 'primary change to IPv6: IPv4-first nodes',
      objects: [DUAL_KUBEADM, dualNode],
      target: 'ipv6-primary',
      expect: [{ messageId: 'wrongFirst', object: 'Node worker-1', severity: 'error', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'IPv4-only node when IPv4 is turned off',
      objects: [DUAL_KUBEADM, node('worker-2', ['10.244.2.0/24'])],
      target: 'ipv6-only',
      expect: [{ messageId: 'holdsRemoved', object: 'Node worker-2', severity: 'error', path: 'spec.podCIDRs[0]' }],
    },
  ],
});
