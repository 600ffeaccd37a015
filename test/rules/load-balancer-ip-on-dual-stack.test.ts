import rule from '../../rules/load-balancer-ip-on-dual-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    {
      name: 'single-stack LoadBalancer may pin its address',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', loadBalancerIP: '203.0.113.10', ports: [{ port: 443 }] } }],
    },
    {
      name: 'dual-stack LoadBalancer with per-family annotation',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', annotations: { 'metallb.io/loadBalancerIPs': '203.0.113.10,2001:db8:ff::10' } }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 443 }] } }],
    },
    {
      name: 'PreferDualStack on a single-stack cluster stays single',
      objects: [IPV4_KUBEADM, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'PreferDualStack', loadBalancerIP: '203.0.113.10', ports: [{ port: 443 }] } }],
    },
    {
      name: 'PreferDualStack and loadBalancerIP text inside a ConfigMap template is not a Service',
      objects: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'PreferDualStack', ports: [{ port: 443 }] } },
        {
          apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lb-template', namespace: 'default' },
          data: { 'service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: LoadBalancer\n  ipFamilyPolicy: PreferDualStack\n  loadBalancerIP: 203.0.113.10\n' },
        },
      ],
    },
  ],
  invalid: [
    {
      name: 'RequireDualStack LoadBalancer manifest with loadBalancerIP',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerIP: '203.0.113.10', ports: [{ port: 443 }] } }],
      expect: [{ messageId: 'pinnedAddress', object: 'Service default/web', severity: 'warning', path: 'spec.loadBalancerIP' }],
    },
    {
      name: 'live dual-stack LoadBalancer with loadBalancerIP, no namespace written',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'edge', uid: 'u1' }, spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack', loadBalancerIP: '203.0.113.20', ports: [{ port: 443 }] } }],
      expect: [{ messageId: 'pinnedAddress', object: 'Service default/edge' }],
    },
    {
      name: 'partially dual-stack cluster (single service range): info',
      serviceCidrs: ['10.96.0.0/16'],
      podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerIP: '203.0.113.10', ports: [{ port: 443 }] } }],
      expect: [{ messageId: 'pinnedAddress', object: 'Service default/web', severity: 'info' }],
    },
  ],
});
