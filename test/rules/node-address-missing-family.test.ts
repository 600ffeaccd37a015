import rule from '../../rules/node-address-missing-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const v4Only = Array.from({ length: 21 }, (_, i) => node(`v4-${String(i).padStart(2, '0')}`, [], { addresses: [`192.168.1.${i + 10}`] }));
const flipped = Array.from({ length: 21 }, (_, i) => node(`flip-${String(i).padStart(2, '0')}`, [], { addresses: [`2001:db8::${i + 10}`, `192.168.1.${i + 10}`] }));

runRuleTests(rule, {
  valid: [
    { name: 'node with addresses of both families', objects: [DUAL_KUBEADM, node('n1', [], { addresses: ['192.168.1.10', '2001:db8::10'] })] },
    {
      name: 'the families may come from InternalIP and ExternalIP together',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.4' }, { type: 'ExternalIP', address: '2001:db8::4' }, { type: 'Hostname', address: 'n1' }] } }],
    },
    {
      name: 'virtual kubelet',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'virtual-aci', labels: { type: 'virtual-kubelet' } }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.9' }] } }],
    },
    { name: 'node that reports no IP address', objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { addresses: [{ type: 'Hostname', address: 'n1' }] } }] },
    { name: 'IPv6 first on an IPv6-primary cluster', serviceCidrs: ['fd00:10:96::/112', '10.96.0.0/16'], objects: [node('n1', [], { addresses: ['2001:db8::10', '192.168.1.10'] })] },
  ],
  invalid: [
    {
      name: 'node without an IPv6 address on a dual-stack cluster',
      objects: [DUAL_KUBEADM, node('n1', [], { addresses: ['192.168.1.10', '2001:db8::10'] }), node('n2', [], { addresses: ['192.168.1.11'] })],
      expect: [{ messageId: 'missingFamily', object: 'Node n2', severity: 'warning', path: 'status.addresses' }],
    },
    {
      name: 'the kubelet was given a single --node-ip',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n3', annotations: { 'alpha.kubernetes.io/provided-node-ip': '192.168.1.12' } }, status: { addresses: [{ type: 'InternalIP', address: '192.168.1.12' }] } }],
      expect: [{ messageId: 'missingFamily', object: 'Node n3' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, node('n1', ['10.244.1.0/24'], { addresses: ['192.168.1.10'] })],
      expect: [{ messageId: 'missingFamily', object: 'Node n1', severity: 'info' }],
    },
    {
      name: 'IPv6 node address listed first on an IPv4-primary cluster',
      objects: [DUAL_KUBEADM, node('n1', [], { addresses: ['2001:db8::10', '192.168.1.10'] })],
      expect: [{ messageId: 'primaryMismatch', object: 'Node n1', severity: 'info' }],
    },
    { name: 'more than 20 nodes without IPv6 are summarized', objects: [DUAL_KUBEADM, ...v4Only], expect: [{ messageId: 'missingFamilyMany', object: 'Node v4-00', severity: 'warning' }] },
    { name: 'more than 20 flipped nodes are summarized', objects: [DUAL_KUBEADM, ...flipped], expect: [{ messageId: 'primaryMismatchMany', object: 'Node flip-00', severity: 'info' }] },
  ],
});
