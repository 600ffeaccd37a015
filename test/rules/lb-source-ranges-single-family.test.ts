import rule from '../../rules/lb-source-ranges-single-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'dual-stack LoadBalancer without source ranges is open by design', objects: [svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })] },
    {
      name: 'source ranges of both families',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerSourceRanges: ['198.51.100.0/24', '2001:db8:100::/48'], selector: { app: 'web' }, ports: [{ port: 443 }] } }],
    },
    {
      name: 'single-stack LoadBalancer: one family is all there is',
      objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['198.51.100.0/24'], selector: { app: 'web' }, ports: [{ port: 443 }] } }],
    },
    {
      name: 'annotations: null with field ranges of both families',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', annotations: null }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'PreferDualStack', loadBalancerSourceRanges: ['198.51.100.0/24', '2001:db8:100::/48'], ports: [{ port: 443 }] } }],
    },
    {
      name: 'the field wins over the annotation',
      objects: [{
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: 'web', namespace: 'default', annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '198.51.100.0/24' } },
        spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerSourceRanges: ['198.51.100.0/24', '2001:db8:100::/48'], ports: [{ port: 443 }] },
      }],
    },
  ],
  invalid: [
    {
      name: 'dual-stack LoadBalancer restricted for IPv4 only',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'admin', namespace: 'ops' }, spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerSourceRanges: ['198.51.100.0/24', '203.0.113.0/24'], selector: { app: 'admin' }, ports: [{ port: 443 }] } }],
      expect: [{ messageId: 'openFamily', object: 'Service ops/admin', severity: 'error', path: 'spec.loadBalancerSourceRanges' }],
    },
    {
      name: 'live dual-stack Service with IPv6 ranges only',
      objects: [{
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'admin', namespace: 'ops', uid: 'u1' },
        spec: { type: 'LoadBalancer', clusterIP: '10.96.0.7', clusterIPs: ['10.96.0.7', 'fd00:10:96::7'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'PreferDualStack', loadBalancerSourceRanges: ['2001:db8:100::/48'], ports: [{ port: 443 }] },
      }],
      expect: [{ messageId: 'openFamily', object: 'Service ops/admin' }],
    },
    {
      name: 'ranges from the annotation when the field is empty',
      objects: [DUAL_KUBEADM, svc({ name: 'admin', type: 'LoadBalancer', policy: 'PreferDualStack', annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '198.51.100.0/24,203.0.113.0/24' } })],
      expect: [{ messageId: 'openFamily', object: 'Service default/admin', path: 'metadata.annotations' }],
    },
    {
      name: 'load-balancer status shows both families',
      objects: [{
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'edge', namespace: 'ops', uid: 'u2' },
        spec: { type: 'LoadBalancer', clusterIP: '10.96.0.8', clusterIPs: ['10.96.0.8'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', loadBalancerSourceRanges: ['198.51.100.0/24'], ports: [{ port: 443 }] },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.8' }, { ip: '2001:db8:ff::8' }] } },
      }],
      expect: [{ messageId: 'openFamily', object: 'Service ops/edge' }],
    },
    {
      name: 'AWS dualstack load balancer on a single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, svc({ name: 'edge', type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack', 'service.beta.kubernetes.io/load-balancer-source-ranges': '198.51.100.0/24' } })],
      expect: [{ messageId: 'openFamily', object: 'Service default/edge', severity: 'info' }],
    },
  ],
});
