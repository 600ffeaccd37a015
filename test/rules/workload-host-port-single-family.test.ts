import rule from '../../rules/workload-host-port-single-family.js';
import { node, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const daemonSet = (port: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' },
  spec: { template: { spec: { ...spec, containers: [{ name: 'agent', image: 'agent:1', ports: [port] }] } } },
});
const dualNodes = [node('n1', [], { addresses: ['10.0.0.1', 'fd00::1'] }), node('n2', [], { addresses: ['10.0.0.2', 'fd00::2'] })];
const ipv4Nodes = [node('n1', [], { addresses: ['10.0.0.1'] }), node('n2', [], { addresses: ['10.0.0.2'] })];
const calicoIpv4Pool = { apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name: 'default-ipv4-ippool' }, spec: { cidr: '192.168.0.0/16' } };

runRuleTests(rule, {
  valid: [
    { name: 'no hostIP on dual-stack nodes', objects: [...dualNodes, daemonSet({ containerPort: 9100, hostPort: 9100 })] },
    { name: 'no hostIP and nothing known of the nodes or the CNI', objects: [daemonSet({ containerPort: 9100, hostPort: 9100 })] },
    { name: 'a port without hostPort on IPv4-only nodes', objects: [...ipv4Nodes, daemonSet({ containerPort: 9100 })] },
    { name: 'hostNetwork pods bind the node addresses themselves', objects: [...ipv4Nodes, daemonSet({ containerPort: 9100, hostPort: 9100, hostIP: '0.0.0.0' }, { hostNetwork: true })] },
    { name: 'an IPv6 hostIP on an IPv6 target', target: 'ipv6', objects: [daemonSet({ containerPort: 80, hostPort: 80, hostIP: '::' })] },
    { name: 'some nodes of each family: the node rule reports the ones missing one', objects: [node('n1', [], { addresses: ['10.0.0.1'] }), node('n2', [], { addresses: ['fd00::2'] }), daemonSet({ containerPort: 9100, hostPort: 9100 })] },
  ],
  invalid: [
    {
      name: 'hostIP 0.0.0.0 publishes over IPv4 only',
      objects: [...dualNodes, daemonSet({ containerPort: 9100, hostPort: 9100, hostIP: '0.0.0.0' })],
      expect: [{ messageId: 'hostIpFamily', object: 'DaemonSet ops/agent', severity: 'warning', path: 'spec.template.spec.containers[0].ports[0].hostIP' }],
    },
    {
      name: 'an IPv4 hostIP on an IPv6 target',
      target: 'ipv6',
      objects: [daemonSet({ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' })],
      expect: [{ messageId: 'hostIpFamily', object: 'DaemonSet ops/agent', path: 'spec.template.spec.containers[0].ports[0].hostIP' }],
    },
    {
      name: 'every node has IPv4 addresses only',
      objects: [...ipv4Nodes, daemonSet({ containerPort: 9100, hostPort: 9100, protocol: 'UDP' })],
      expect: [{ messageId: 'servedFamily', object: 'DaemonSet ops/agent', path: 'spec.template.spec.containers[0].ports[0].hostPort' }],
    },
    {
      name: 'the CNI assigns IPv4 pod addresses only',
      objects: [...dualNodes, calicoIpv4Pool, daemonSet({ containerPort: 9100, hostPort: 9100 })],
      expect: [{ messageId: 'servedFamily', object: 'DaemonSet ops/agent', path: 'spec.template.spec.containers[0].ports[0].hostPort' }],
    },
  ],
  notAssessed: [
    { name: 'no workloads or pods in the input', objects: [svc()], notAssessed: true },
    { name: 'an IPv4 target needs no other family', target: 'ipv4', objects: [daemonSet({ containerPort: 9100, hostPort: 9100, hostIP: '0.0.0.0' })], notAssessed: true },
  ],
});
