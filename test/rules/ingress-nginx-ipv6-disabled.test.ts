import rule from '../../rules/ingress-nginx-ipv6-disabled.js';
import { IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'IPv6 explicitly enabled', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { 'disable-ipv6': 'false', 'use-forwarded-headers': 'true' } }] },
    { name: 'another application with the same key', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'proxy-settings', namespace: 'shop' }, data: { 'disable-ipv6': 'true' } }] },
    {
      name: 'the key inside a template value is not a setting',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { 'values.yaml': 'controller:\n  config:\n    disable-ipv6: "true"\n' } }],
    },
  ],
  invalid: [
    {
      name: 'default controller ConfigMap disables IPv6',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { 'disable-ipv6': 'true' } }],
      expect: [{ messageId: 'ipv6Disabled', object: 'ConfigMap ingress-nginx/ingress-nginx-controller', severity: 'warning', path: 'data.disable-ipv6' }],
    },
    {
      name: 'Helm release prefix, Go boolean spelling',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'edge-ingress-nginx-controller', namespace: 'edge' }, data: { 'disable-ipv6': 'True' } }],
      expect: [{ messageId: 'ipv6Disabled', object: 'ConfigMap edge/edge-ingress-nginx-controller' }],
    },
    {
      name: 'legacy ConfigMap found by its label disables AAAA lookups',
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'nginx-configuration', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } }, data: { 'disable-ipv6-dns': 'true' } }],
      expect: [{ messageId: 'ipv6DnsDisabled', object: 'ConfigMap ingress-nginx/nginx-configuration', severity: 'info', path: 'data.disable-ipv6-dns' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx' }, data: { 'disable-ipv6': 'true' } }],
      expect: [{ messageId: 'ipv6Disabled', object: 'ConfigMap ingress-nginx/ingress-nginx-controller', severity: 'info' }],
    },
  ],
});
