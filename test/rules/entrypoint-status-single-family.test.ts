import rule from '../../rules/entrypoint-status-single-family.js';
import { IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** Entrypoints without status (pending) are never findings; cases mix them in beside the one under test. */
const SERVICE = svc({ name: 'internal' });
const INGRESS = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'pending', namespace: 'default' }, spec: { ingressClassName: 'nginx' } };
const GATEWAY = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'pending', namespace: 'default' }, spec: { gatewayClassName: 'envoy', listeners: [] } };

runRuleTests(rule, {
  valid: [
    { name: 'manifests with Services only: absent Ingresses and Gateways are nothing to check', objects: [svc({ name: 'web', type: 'LoadBalancer', policy: 'RequireDualStack' })] },
    {
      name: 'dual-stack LoadBalancer with addresses of both families',
      objects: [INGRESS, GATEWAY, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
        spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.5', 'fd00:10:96::5'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 443 }] },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.5' }, { ip: '2001:db8:ff::5' }] } },
      }],
    },
    {
      name: 'single-stack LoadBalancer (DS102) and pending or hostname-only entrypoints',
      objects: [
        {
          apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy', namespace: 'default', uid: 'u2' },
          spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.6'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 443 }] },
          status: { loadBalancer: { ingress: [{ ip: '203.0.113.6' }] } },
        },
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'alb', namespace: 'default' }, spec: {}, status: { loadBalancer: { ingress: [{ hostname: 'k8s-default-alb.elb.amazonaws.com' }] } } },
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { gatewayClassName: 'gke-l7' }, status: { addresses: [{ type: 'Hostname', value: 'gw.example.com' }] } },
        svc({ name: 'pending', type: 'LoadBalancer', policy: 'RequireDualStack' }),
      ],
    },
    {
      name: 'Ingress and Gateway with addresses of both families',
      objects: [
        SERVICE,
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default' }, spec: {}, status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { ip: '2001:db8:ff::7' }] } } },
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { gatewayClassName: 'envoy' }, status: { addresses: [{ type: 'IPAddress', value: '203.0.113.8' }, { value: '2001:db8:ff::8' }] } },
      ],
    },
  ],
  invalid: [
    {
      name: 'dual-stack Service whose load balancer delivered IPv4 only',
      objects: [INGRESS, GATEWAY, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default', uid: 'u1' },
        spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.5', 'fd00:10:96::5'], ipFamilies: ['IPv4', 'IPv6'], ipFamilyPolicy: 'RequireDualStack', ports: [{ port: 443 }] },
        status: { loadBalancer: { ingress: [{ ip: '203.0.113.5' }, { hostname: 'web.example.com' }] } },
      }],
      expect: [{ messageId: 'serviceSingleFamily', object: 'Service default/web', severity: 'error', path: 'status.loadBalancer.ingress' }],
    },
    {
      name: 'Ingress with IPv4 status only',
      objects: [SERVICE, GATEWAY, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop', namespace: 'shop' }, spec: {}, status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } } }],
      expect: [{ messageId: 'entrypointSingleFamily', object: 'Ingress shop/shop', severity: 'warning', path: 'status.loadBalancer.ingress' }],
    },
    {
      name: 'v1beta1 Gateway with IPv6 status only',
      objects: [SERVICE, INGRESS, { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'Gateway', metadata: { name: 'public', namespace: 'edge' }, spec: { gatewayClassName: 'cilium' }, status: { addresses: [{ type: 'IPAddress', value: '2001:db8:ff::10' }] } }],
      expect: [{ messageId: 'entrypointSingleFamily', object: 'Gateway edge/public', severity: 'warning', path: 'status.addresses' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, SERVICE, GATEWAY, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop', namespace: 'shop' }, spec: {}, status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } } }],
      expect: [{ messageId: 'entrypointSingleFamily', object: 'Ingress shop/shop', severity: 'info' }],
    },
  ],
});
