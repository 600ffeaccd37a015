import rule from '../../rules/workload-probe-pinned-family.js';
import { svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const deployment = (container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' },
  spec: { template: { spec: { containers: [{ name: 'app', image: 'api:1', ...container }] } } },
});
const curl = (url: string) => ({ exec: { command: ['sh', '-c', `curl -fsS ${url}`] } });

runRuleTests(rule, {
  valid: [
    { name: 'probes without a host, and localhost in exec', objects: [deployment({ args: ['--listen=[::1]:8080'], readinessProbe: { httpGet: { path: '/healthz', port: 8080 } }, livenessProbe: curl('http://localhost:8080/healthz') })] },
    { name: 'loopback probe of the family the container listens on', objects: [deployment({ args: ['--listen=127.0.0.1:8080'], livenessProbe: curl('http://127.0.0.1:8080/') })] },
    { name: 'the IPv6 wildcard serves both families', objects: [deployment({ args: ['--listen=[::]:8080'], livenessProbe: curl('http://127.0.0.1:8080/'), readinessProbe: { tcpSocket: { host: '10.0.0.5', port: 8080 } } })] },
    { name: 'a pinned host on a dual-stack target with no listen address known', objects: [deployment({ readinessProbe: { httpGet: { host: '10.0.0.5', port: 8080 } } })] },
    { name: 'a peer address in an exec probe is not the container', objects: [deployment({ args: ['--listen=[::1]:53'], livenessProbe: { exec: { command: ['nslookup', 'kubernetes.default', '8.8.8.8'] } } })] },
    { name: 'a node loopback host on an IPv6-only target', target: 'ipv6', objects: [deployment({ livenessProbe: { tcpSocket: { host: '127.0.0.1', port: 8080 } } })] },
  ],
  invalid: [
    {
      name: 'exec probe calls 127.0.0.1, the container listens on [::1] only',
      objects: [deployment({ args: ['--listen=[::1]:8080'], livenessProbe: curl('http://127.0.0.1:8080/healthz') })],
      expect: [{ messageId: 'listensOnOtherFamily', object: 'Deployment shop/api', severity: 'warning', path: 'spec.template.spec.containers[0].livenessProbe.exec.command[2]', confidence: 'medium' }],
    },
    {
      name: 'httpGet host of one family, the container bound to the IPv4 wildcard',
      objects: [deployment({ env: [{ name: 'BIND_ADDR', value: '0.0.0.0:8080' }], startupProbe: { httpGet: { host: '::1', port: 8080 } } })],
      expect: [{ messageId: 'listensOnOtherFamily', object: 'Deployment shop/api', path: 'spec.template.spec.containers[0].startupProbe.httpGet.host', confidence: 'high' }],
    },
    {
      name: 'IPv4 probe host on an IPv6-only target',
      target: 'ipv6',
      objects: [deployment({ readinessProbe: { tcpSocket: { host: '10.0.0.5', port: 8080 } } })],
      expect: [{ messageId: 'familyNotInTarget', object: 'Deployment shop/api', path: 'spec.template.spec.containers[0].readinessProbe.tcpSocket.host', confidence: 'high' }],
    },
  ],
  notAssessed: [{ name: 'no workloads or pods in the input', objects: [svc()], notAssessed: true }],
});
