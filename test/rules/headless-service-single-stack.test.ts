import rule from '../../rules/headless-service-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'PreferDualStack headless manifest on a dual cluster', objects: [DUAL_KUBEADM, svc({ name: 'db', clusterIPs: ['None'], policy: 'PreferDualStack' })] },
    { name: 'RequireDualStack headless manifest', objects: [svc({ name: 'db', clusterIPs: ['None'], policy: 'RequireDualStack' })] },
    { name: 'selectorless headless Service defaults to RequireDualStack', objects: [svc({ name: 'external-db', clusterIPs: ['None'], selector: null })] },
    { name: 'a ClusterIP Service is DS101', objects: [svc({ name: 'web' })] },
    {
      name: 'live headless Service with both families',
      objects: [{
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: 'db', namespace: 'data', uid: 'u1' },
        spec: { clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'], selector: { app: 'db' }, ports: [{ port: 5432 }] },
      }],
    },
    {
      name: 'the default kubernetes Service is never a finding',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', uid: 'u0' }, spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', ports: [{ port: 443 }] } }],
    },
    {
      name: 'a headless Service template inside a ConfigMap is not a Service',
      objects: [
        svc({ name: 'db', clusterIPs: ['None'], policy: 'RequireDualStack' }),
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'chart-templates', namespace: 'default' }, data: { 'svc.yaml': 'kind: Service\nspec:\n  clusterIP: None\n  selector: {app: db}\n' } },
      ],
    },
  ],
  invalid: [
    {
      name: 'headless Service with a selector and no policy',
      objects: [svc({ name: 'db', clusterIPs: ['None'] })],
      expect: [{ messageId: 'singleFamily', object: 'Service default/db', severity: 'warning', path: 'spec.ipFamilyPolicy', fix: 'Set spec.ipFamilyPolicy: PreferDualStack on Service default/db' }],
    },
    {
      name: 'live PreferDualStack headless Service created before the conversion',
      objects: [
        DUAL_KUBEADM,
        {
          apiVersion: 'v1', kind: 'Service',
          metadata: { name: 'db', namespace: 'data', uid: 'u1' },
          spec: { clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4'], selector: { app: 'db' }, ports: [{ port: 5432 }] },
        },
      ],
      expect: [{ messageId: 'singleFamily', object: 'Service data/db', severity: 'warning' }],
    },
    {
      name: 'a Service with no namespace lands in the default namespace',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'peers' }, spec: { clusterIP: 'None', selector: { app: 'peers' }, ports: [{ port: 7000 }] } }],
      expect: [{ messageId: 'singleFamily', object: 'Service default/peers' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, svc({ name: 'db', clusterIPs: ['None'], policy: 'PreferDualStack' })],
      expect: [{ messageId: 'singleFamily', object: 'Service default/db', severity: 'info' }],
    },
    {
      name: 'partially dual-stack cluster (single service range): info',
      serviceCidrs: ['10.96.0.0/16'],
      podCidrs: ['10.244.0.0/16', 'fd00:10:244::/56'],
      objects: [svc({ name: 'db', clusterIPs: ['None'], policy: 'SingleStack' })],
      expect: [{ messageId: 'singleFamily', object: 'Service default/db', severity: 'info' }],
    },
  ],
});
