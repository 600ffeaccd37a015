import rule from '../../rules/workload-config-binds-single-family.js';
import { IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const cm = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' }, data });
const deploy = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec } },
});

runRuleTests(rule, {
  valid: [
    { name: 'no workloads or pods in the input: nothing to check', objects: [svc(), cm('x', { 'nginx.conf': 'server { listen 80; }' })] },
    {
      name: 'nginx server block with an IPv6 listen on the same port',
      objects: [cm('web', { 'default.conf': 'server {\n  listen 80;\n  listen [::]:80;\n}\n' }), deploy({ containers: [{ name: 'nginx' }], volumes: [{ name: 'c', configMap: { name: 'web' } }] })],
    },
    {
      name: 'a bare host holding a peer address, and a bind list with IPv6',
      objects: [
        cm('app', { 'app.yaml': 'database:\n  host: 10.0.0.7\nbind: "0.0.0.0,::"\n' }),
        deploy({ containers: [{ name: 'app' }], volumes: [{ name: 'c', configMap: { name: 'app' } }] }),
      ],
    },
    {
      name: 'a volume with items mounts only the keys listed',
      objects: [
        cm('app', { 'nginx.conf': 'server { listen 80; }', 'ok.conf': 'server { listen [::]:80 ipv6only=off; }' }),
        deploy({ containers: [{ name: 'app' }], volumes: [{ name: 'c', configMap: { name: 'app', items: [{ key: 'ok.conf', path: 'ok.conf' }] } }] }),
      ],
    },
    {
      name: 'loopback listeners serve only their own pod',
      objects: [
        cm('app', { 'app.yaml': 'bindAddress: 127.0.0.1:8082\n', 'nginx.conf': 'server { listen 127.0.0.1:8080; }' }),
        deploy({ containers: [{ name: 'app' }], volumes: [{ name: 'c', configMap: { name: 'app' } }] }),
      ],
    },
    {
      name: 'configMapKeyRef under a name that is no listen address',
      objects: [cm('app', { upstream: '0.0.0.0:53' }), deploy({ containers: [{ name: 'app', env: [{ name: 'UPSTREAM', valueFrom: { configMapKeyRef: { name: 'app', key: 'upstream' } } }] }] })],
    },
    {
      name: '0.0.0.0 read only by well-known Go programs (SPIRE) listens on both families',
      objects: [cm('spire', { 'server.conf': 'server {\n  bind_address = "0.0.0.0"\n}\n' }), deploy({ containers: [{ name: 'spire-server', image: 'ghcr.io/spiffe/spire-server:1.9.6' }], volumes: [{ name: 'c', configMap: { name: 'spire' } }] })],
    },
  ],
  invalid: [
    {
      name: 'a Go program bound to a specific IPv4 address, and 0.0.0.0 read by a container that is not a known Go program',
      objects: [
        cm('spire', { 'server.conf': 'server {\n  bind_address = "10.0.0.9"\n}\n' }),
        cm('mixed', { 'app.conf': 'bind_address = "0.0.0.0"\n' }),
        deploy({ containers: [{ name: 'spire-server', image: 'ghcr.io/spiffe/spire-server:1.9.6' }, { name: 'app', image: 'python:3.12' }], volumes: [{ name: 'c', configMap: { name: 'spire' } }, { name: 'm', configMap: { name: 'mixed' } }] }),
      ],
      expect: [
        { messageId: 'singleFamilyBind', object: 'ConfigMap shop/mixed' },
        { messageId: 'singleFamilyBind', object: 'ConfigMap shop/spire' },
      ],
    },
    {
      name: 'nginx listen 80 without [::]:80 in a mounted ConfigMap',
      objects: [cm('web', { 'default.conf': 'server {\n  listen 80;\n}\n' }), deploy({ containers: [{ name: 'nginx' }], volumes: [{ name: 'c', configMap: { name: 'web' } }] })],
      expect: [{ messageId: 'singleFamilyBind', object: 'ConfigMap shop/web', severity: 'warning', path: 'data["default.conf"]' }],
    },
    {
      name: 'configMapKeyRef read under a listen variable',
      objects: [cm('app', { addr: '0.0.0.0:9100' }), deploy({ containers: [{ name: 'app', env: [{ name: 'LISTEN_ADDRESS', valueFrom: { configMapKeyRef: { name: 'app', key: 'addr' } } }] }] })],
      expect: [{ messageId: 'singleFamilyBind', object: 'ConfigMap shop/app', path: 'data.addr' }],
    },
    {
      name: 'one line read through envFrom and a volume by two workloads is one finding',
      objects: [
        cm('app', { BIND: '0.0.0.0' }),
        deploy({ containers: [{ name: 'app', envFrom: [{ configMapRef: { name: 'app' } }] }], volumes: [{ name: 'c', configMap: { name: 'app' } }] }),
        { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'a', envFrom: [{ configMapRef: { name: 'app' } }] }] } } } },
      ],
      expect: [{ messageId: 'singleFamilyBind', object: 'ConfigMap shop/app', path: 'data.BIND' }],
    },
    {
      name: 'on a single-stack cluster the finding is the worklist (info)',
      objects: [IPV4_KUBEADM, cm('web', { 'app.yaml': 'host: 0.0.0.0\n' }), deploy({ containers: [{ name: 'app' }], volumes: [{ name: 'c', configMap: { name: 'web' } }] })],
      expect: [{ messageId: 'singleFamilyBind', object: 'ConfigMap shop/web', severity: 'info', path: 'data["app.yaml"]' }],
    },
  ],
  notAssessed: [
    {
      name: 'one of two referenced ConfigMaps is missing and the other binds both families',
      notAssessed: true,
      objects: [cm('ok', { BIND: '::' }), deploy({ containers: [{ name: 'app', envFrom: [{ configMapRef: { name: 'ok' } }, { configMapRef: { name: 'absent' } }] }] })],
    },
    {
      name: 'the referenced ConfigMaps are not in the input',
      notAssessed: true,
      objects: [deploy({ containers: [{ name: 'app', envFrom: [{ configMapRef: { name: 'absent' } }] }] })],
    },
  ],
});
