import rule from '../../rules/external-ip-family-mismatch.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'dual-stack Service with externalIPs of both families', objects: [DUAL_KUBEADM, svc({ policy: 'RequireDualStack', externalIPs: ['203.0.113.5', '2001:db8::5'] })] },
    { name: 'single-stack Service with an externalIP of its family', objects: [DUAL_KUBEADM, svc({ externalIPs: ['203.0.113.5'] })] },
    { name: 'manifest on a cluster of unknown primary family', objects: [svc({ externalIPs: ['2001:db8::5'] })] },
    {
      name: 'Proxy-mode and hostname-only load-balancer ingress',
      objects: [{
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
        spec: { type: 'LoadBalancer', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 443 }] },
        status: { loadBalancer: { ingress: [{ ip: '2001:db8:ff::9', ipMode: 'Proxy' }, { hostname: 'lb.example.com' }] } },
      }],
    },
    {
      name: 'the default kubernetes Service is never a finding',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], externalIPs: ['2001:db8::1'], ports: [{ port: 443 }] } }],
    },
  ],
  invalid: [
    {
      name: 'IPv6 externalIP on a Service that will be IPv4-only',
      objects: [DUAL_KUBEADM, svc({ externalIPs: ['203.0.113.5', '2001:db8::5'] })],
      expect: [{ messageId: 'externalIpFamily', object: 'Service default/web', severity: 'warning', path: 'spec.externalIPs[1]' }],
    },
    {
      name: 'load-balancer IP of the other family in VIP mode',
      objects: [{
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
        spec: { type: 'LoadBalancer', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 443 }] },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { ip: '2001:db8:ff::9', ipMode: 'VIP' }] } },
      }],
      expect: [{ messageId: 'ingressIpFamily', object: 'Service default/web', severity: 'info', path: 'status.loadBalancer.ingress[1].ip' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, svc({ families: ['IPv4'], externalIPs: ['2001:db8::5'] })],
      expect: [{ messageId: 'externalIpFamily', object: 'Service default/web', severity: 'info' }],
    },
  ],
});
