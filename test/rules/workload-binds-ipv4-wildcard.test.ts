import rule from '../../rules/workload-binds-ipv4-wildcard.js';
import { IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'no workloads or pods in the input: nothing to check', objects: [svc()] },
    {
      name: 'IPv6 wildcard, empty host, hostnames and peer addresses',
      objects: [{
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
        spec: { template: { spec: { containers: [{
          name: 'app', image: 'web:1',
          args: ['--listen=[::]:8080', '--metrics-bind-address=:9090', '--host=localhost', '--upstream=10.0.0.5:53', '--advertise-address', '10.0.0.6'],
          env: [{ name: 'DB_HOST', value: '10.0.0.7' }, { name: 'BIND', value: '::' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
        }] } } },
      }],
    },
    {
      name: 'pods of a workload in the input are judged by its template',
      objects: [
        { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'app', args: ['--listen=[::]:8080'] }] } } } },
        {
          apiVersion: 'v1', kind: 'Pod',
          metadata: { name: 'web-5d8f7-a', namespace: 'shop', labels: { 'pod-template-hash': '5d8f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7' }] },
          spec: { containers: [{ name: 'app', args: ['--listen=0.0.0.0:8080'] }] },
        },
      ],
    },
    {
      name: 'control-plane static pods bind as Kubernetes components do',
      objects: [{
        apiVersion: 'v1', kind: 'Pod',
        metadata: { name: 'kube-scheduler-cp1', namespace: 'kube-system', labels: { component: 'kube-scheduler', tier: 'control-plane' } },
        spec: { hostNetwork: true, containers: [{ name: 'kube-scheduler', command: ['kube-scheduler', '--bind-address=127.0.0.1'] }] },
      }],
    },
    {
      name: 'a well-known Go program on 0.0.0.0 listens on both families (net.Listen opens a dual-stack socket)',
      objects: [{
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prometheus', namespace: 'monitoring' },
        spec: { template: { spec: { containers: [{ name: 'reload', image: 'ghcr.io/prometheus-operator/prometheus-config-reloader:v0.81.0', args: ['--listen-address=0.0.0.0:8080'] }] } } },
      }],
    },
  ],
  invalid: [
    {
      name: 'a Go program bound to a specific IPv4 address is still IPv4-only, and other images on 0.0.0.0 are reported',
      objects: [{
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'prometheus', namespace: 'monitoring' },
        spec: { template: { spec: { containers: [
          { name: 'reload', image: 'ghcr.io/prometheus-operator/prometheus-config-reloader:v0.81.0', args: ['--listen-address=10.0.0.9:8080'] },
          { name: 'node', image: 'node:20', env: [{ name: 'HOST', value: '0.0.0.0' }] },
        ] } } },
      }],
      expect: [{ messageId: 'ipv4Listen', object: 'Deployment monitoring/prometheus', path: 'spec.template.spec.containers[0].args[0]' }],
    },
    {
      name: 'Deployment listens on 0.0.0.0',
      objects: [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'web:1', args: ['--log-level=info', '--listen=0.0.0.0:8080'] }] } } } }],
      expect: [{ messageId: 'ipv4Listen', object: 'Deployment shop/web', severity: 'warning', path: 'spec.template.spec.containers[0].args[1]' }],
    },
    {
      name: 'CronJob env variable',
      objects: [{
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'report', namespace: 'shop' },
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'job', env: [{ name: 'LISTEN_ADDR', value: '0.0.0.0' }] }] } } } } },
      }],
      expect: [{ messageId: 'ipv4Listen', object: 'CronJob shop/report', path: 'spec.jobTemplate.spec.template.spec.containers[0].env[0].value' }],
    },
    {
      name: 'bare Pod with an IPv4 literal under --host',
      objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'shop' }, spec: { containers: [{ name: 'py', command: ['python', '-m', 'http.server'], args: ['--host', '127.0.0.1', '8000'] }] } }],
      expect: [{ messageId: 'ipv4Listen', object: 'Pod shop/debug', path: 'spec.containers[0].args[1]' }],
    },
    {
      name: 'pods whose workload is not in the input make one finding for it',
      objects: [
        {
          apiVersion: 'v1', kind: 'Pod',
          metadata: { name: 'web-5d8f7-a', namespace: 'shop', labels: { 'pod-template-hash': '5d8f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7' }] },
          spec: { containers: [{ name: 'app', args: ['0.0.0.0:8080'] }] },
        },
        {
          apiVersion: 'v1', kind: 'Pod',
          metadata: { name: 'web-5d8f7-b', namespace: 'shop', labels: { 'pod-template-hash': '5d8f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7' }] },
          spec: { containers: [{ name: 'app', args: ['0.0.0.0:8080'] }] },
        },
      ],
      expect: [{ messageId: 'ipv4Listen', object: 'Deployment shop/web', path: 'spec.containers[0].args[0]' }],
    },
    {
      name: 'several listeners in one workload make one finding',
      objects: [{
        apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'data' },
        spec: { template: { spec: {
          initContainers: [{ name: 'init', command: ['sh', '-c', 'exec seed --bind 0.0.0.0:7000'] }],
          containers: [{ name: 'db', args: ['--bind-address=0.0.0.0', '--http-address=127.0.0.1:8080'] }],
        } } },
      }],
      expect: [{ messageId: 'ipv4Listen', object: 'StatefulSet data/db', path: 'spec.template.spec.containers[0].args[0]' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'ops' }, spec: { template: { spec: { containers: [{ name: 'agent', args: ['--listen=0.0.0.0:9100'] }] } } } }],
      expect: [{ messageId: 'ipv4Listen', object: 'DaemonSet ops/agent', severity: 'info' }],
    },
  ],
});
