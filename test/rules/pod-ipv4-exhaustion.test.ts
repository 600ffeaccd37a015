import rule from '../../rules/pod-ipv4-exhaustion.js';
import { controlPlanePod, DUAL_KUBEADM, node, pod } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** /26 cluster with /29 node masks: 8 node ranges × 5 pod addresses = 40 IPv4 pod addresses. */
const kcm = controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'true', 'cluster-cidr': '10.244.0.0/26', 'node-cidr-mask-size': '29' });
const nodes = Array.from({ length: 8 }, (_, i) => node(`w${i}`, [`10.244.0.${i * 8}/29`]));
const podsOn = (count: number, perNode: number, phase = 'Running') =>
  Array.from({ length: count }, (_, i) => pod(`p${String(i).padStart(2, '0')}`, `w${Math.floor(i / perNode)}`, [`10.244.0.${Math.floor(i / perNode) * 8 + (i % perNode) + 1}`], { phase }));

runRuleTests(rule, {
  valid: [
    { name: 'a few pods', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24']), pod('a', 'n1', ['10.244.1.5', 'fd00:10:244:1::5'])] },
    { name: 'finished pods do not hold addresses', objects: [kcm, ...nodes, ...podsOn(32, 4, 'Succeeded')] },
    { name: 'host-network pods do not hold pod addresses', objects: [kcm, ...nodes, ...['1', '2', '3', '4', '5'].map((x) => pod(`h${x}`, 'w0', [`10.244.0.${x}`], { hostNetwork: true }))] },
  ],
  invalid: [
    {
      name: '32 of 40 addresses',
      objects: [kcm, ...nodes, ...podsOn(32, 4)],
      expect: [{ messageId: 'clusterNearlyFull', object: 'Pod kube-system/kube-controller-manager-cp1', severity: 'warning' }],
    },
    {
      name: '39 of 40 addresses, most nodes full',
      objects: [kcm, ...nodes, ...podsOn(39, 5)],
      expect: [
        { messageId: 'clusterNearlyFull', object: 'Pod kube-system/kube-controller-manager-cp1', severity: 'error' },
        ...['w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6'].map((n) => ({ messageId: 'nodeNearlyFull', object: `Node ${n}`, severity: 'warning' as const })),
      ],
    },
    {
      name: 'one full node',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/29']), ...['1', '2', '3', '4', '5'].map((x) => pod(`a${x}`, 'n1', [`10.244.1.${x}`]))],
      expect: [{ messageId: 'nodeNearlyFull', object: 'Node n1', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'more than 20 full nodes are summarized',
      objects: [
        DUAL_KUBEADM,
        ...Array.from({ length: 21 }, (_, i) => node(`f${String(i).padStart(2, '0')}`, [`10.244.${i}.0/30`])),
        ...Array.from({ length: 21 }, (_, i) => pod(`q${String(i).padStart(2, '0')}`, `f${String(i).padStart(2, '0')}`, [`10.244.${i}.1`])),
      ],
      expect: [{ messageId: 'nodesNearlyFull', object: 'Node f00' }],
    },
  ],
  notAssessed: [{ name: 'pods without addresses', objects: [DUAL_KUBEADM, node('n1', []), pod('a', 'n1', [])] }],
});
