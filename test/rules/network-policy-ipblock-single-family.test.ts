import rule from '../../rules/network-policy-ipblock-single-family.js';
import { IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'policy without ipBlock peers',
      objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'same-ns', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } }],
    },
    {
      name: 'allow-all written for both families',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }, { ipBlock: { cidr: '::/0' } }] }] },
      }],
    },
    {
      name: 'specific ranges of both families',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }] }, { to: [{ ipBlock: { cidr: 'fd00:20::/48' } }] }] },
      }],
    },
    {
      name: 'egress rules are not enforced when policyTypes lists only Ingress',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'ingress-only', namespace: 'shop' },
        spec: { podSelector: {}, policyTypes: ['Ingress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] },
      }],
    },
    {
      name: 'a CRD whose schema mentions ipBlock is not a NetworkPolicy',
      objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all', namespace: 'shop' }, spec: { podSelector: {} } },
        {
          apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'firewallrules.example.io' },
          spec: { group: 'example.io', names: { kind: 'FirewallRule', plural: 'firewallrules' }, scope: 'Namespaced', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { ipBlock: { type: 'object', properties: { cidr: { type: 'string', default: '0.0.0.0/0' } } } } } } } } }] },
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'ingress allows 0.0.0.0/0 but not ::/0',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' },
        spec: { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] },
      }],
      expect: [{ messageId: 'allowAllOneFamily', object: 'NetworkPolicy shop/web', severity: 'warning', path: 'spec.ingress[0].from[1].ipBlock.cidr' }],
    },
    {
      name: '::/0 without 0.0.0.0/0 in egress, even with other IPv4 ranges',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'egress', namespace: 'shop' },
        spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }, { ipBlock: { cidr: '::/0' } }] }] },
      }],
      expect: [{ messageId: 'allowAllOneFamily', object: 'NetworkPolicy shop/egress', path: 'spec.egress[0].to[1].ipBlock.cidr' }],
    },
    {
      name: 'egress ipBlocks all of one family are reported at info',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db-egress', namespace: 'shop' },
        spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }, { ipBlock: { cidr: '10.30.0.0/16' } }] }] },
      }],
      expect: [{ messageId: 'singleFamily', object: 'NetworkPolicy shop/db-egress', severity: 'info', path: 'spec.egress[0].to[0].ipBlock.cidr' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'web', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] } }],
      expect: [{ messageId: 'allowAllOneFamily', object: 'NetworkPolicy shop/web', severity: 'info' }],
    },
  ],
});
