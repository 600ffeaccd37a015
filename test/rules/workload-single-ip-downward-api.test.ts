import rule from '../../rules/workload-single-ip-downward-api.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, kubeadmConfigMap, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const POD_IP = { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } };
const deployment = (container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'gossip', namespace: 'mesh' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'gossip:1', ...container }] } } },
});
const IPV6_PRIMARY = kubeadmConfigMap('fd00:10:244::/56,10.244.0.0/16', 'fd00:10:96::/112,10.96.0.0/16');

runRuleTests(rule, {
  valid: [
    { name: 'no workloads or pods in the input: nothing to check', objects: [svc()] },
    { name: 'the pod address read but not listened on or joined to a port', objects: [deployment({ args: ['--advertise=$(POD_IP)', '--node-name=$(NODE)'], env: [POD_IP] })] },
    { name: 'status.podIPs, a bracketed host and an escaped reference', objects: [deployment({ args: ['--peer=[$(POD_IP)]:7946', '--note=$$(POD_IP):1'], env: [POD_IP, { name: 'IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } }, { name: 'LISTEN', value: '$(IPS)' }] })] },
    { name: 'a variable that is not from the downward API', objects: [deployment({ args: ['--bind-address=$(POD_IP)'], env: [{ name: 'POD_IP', value: '::' }] })] },
    { name: 'host:port on a dual-stack cluster whose pods are IPv4 first', objects: [DUAL_KUBEADM, deployment({ args: ['--advertise-address=$(POD_IP):7946'], env: [POD_IP] })] },
    { name: 'an IPv6-only target: the one address is the only family there is', target: 'ipv6', objects: [deployment({ args: ['--bind-address=$(POD_IP)'], env: [POD_IP] })] },
  ],
  invalid: [
    {
      name: 'listens on status.podIP',
      objects: [DUAL_KUBEADM, deployment({ args: ['--log=info', '--bind-address=$(POD_IP)'], env: [POD_IP] })],
      expect: [{ messageId: 'listensOnSingleIp', object: 'Deployment mesh/gossip', severity: 'warning', path: 'spec.template.spec.containers[0].args[1]', confidence: 'high' }],
    },
    {
      name: 'listens on status.hostIP through another variable',
      objects: [deployment({ env: [{ name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } }, { name: 'HTTP_ADDR', value: '$(HOST_IP):8080' }] })],
      expect: [{ messageId: 'listensOnSingleIp', object: 'Deployment mesh/gossip', path: 'spec.template.spec.containers[0].env[1].value' }],
    },
    {
      name: 'joins the pod address to a port on an IPv6-primary cluster',
      objects: [IPV6_PRIMARY, deployment({ args: ['--advertise-address=$(POD_IP):7946'], env: [POD_IP] })],
      expect: [{ messageId: 'joinsSingleIpToPort', object: 'Deployment mesh/gossip', path: 'spec.template.spec.containers[0].args[0]', confidence: 'medium' }],
    },
    {
      name: 'joins the pod address to a port when the primary family is unknown',
      objects: [deployment({ command: ['sh', '-c', 'exec app --peer http://$(POD_IP):8080/'], env: [POD_IP] })],
      expect: [{ messageId: 'joinsSingleIpToPort', object: 'Deployment mesh/gossip', path: 'spec.template.spec.containers[0].command[2]' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, deployment({ args: ['--listen=$(POD_IP):9000'], env: [POD_IP] })],
      expect: [{ messageId: 'listensOnSingleIp', object: 'Deployment mesh/gossip', severity: 'info' }],
    },
  ],
});
