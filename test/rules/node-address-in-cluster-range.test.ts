import rule from '../../rules/node-address-in-cluster-range.js';
import { DUAL_KUBEADM, kubeadmConfigMap, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const manyNodes = Array.from({ length: 21 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, [], { addresses: [`10.1.0.${i + 1}`] }));

runRuleTests(rule, {
  valid: [
    { name: 'nodes on their own network', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24'], { addresses: ['192.168.1.10', '2001:db8::10'] })] },
    {
      name: 'hostnames are not addresses',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'Hostname', address: '10.244.0.5' }] } }],
    },
    { name: 'node without addresses', objects: [DUAL_KUBEADM, node('n1', [])] },
  ],
  invalid: [
    {
      name: 'node address inside the pod range',
      objects: [kubeadmConfigMap('10.0.0.0/8', '172.20.0.0/16'), node('n1', [], { addresses: ['10.1.2.3'] })],
      expect: [{ messageId: 'inRange', object: 'Node n1', severity: 'error', path: 'status.addresses[0]' }],
    },
    {
      name: 'IPv6 node address inside the service range',
      objects: [DUAL_KUBEADM, node('n1', [], { addresses: ['192.168.1.10', 'fd00:10:96::5'] })],
      expect: [{ messageId: 'inRange', object: 'Node n1', path: 'status.addresses[1]' }],
    },
    {
      name: 'more than 20 nodes in one range are summarized',
      objects: [kubeadmConfigMap('10.0.0.0/8', '172.20.0.0/16'), ...manyNodes],
      expect: [{ messageId: 'inRangeMany', object: 'Node n00' }],
    },
  ],
  notAssessed: [{ name: 'no declared range', objects: [node('n1', ['10.244.1.0/24'], { addresses: ['10.244.1.1'] })] }],
});
