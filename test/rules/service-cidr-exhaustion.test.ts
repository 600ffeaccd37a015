import rule from '../../rules/service-cidr-exhaustion.js';
import { controlPlanePod, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const apiserver28 = controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/28,fd00:10:96::/112' });
const fourteen = Array.from({ length: 14 }, (_, i) => svc({ name: `s${String(i).padStart(2, '0')}`, clusterIPs: [`10.96.0.${i + 1}`] }));
const twelve = fourteen.slice(0, 12);
const extraServiceCidr = { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.97.0.0/24'] } };

runRuleTests(rule, {
  valid: [
    { name: 'plenty of room', objects: [apiserver28, svc({ name: 'web', clusterIPs: ['10.96.0.5', 'fd00:10:96::5'] })] },
    { name: 'manifests hold no cluster IPs', objects: [apiserver28, svc({ name: 'web' })] },
    { name: 'an extra ServiceCIDR adds room', objects: [apiserver28, extraServiceCidr, ...fourteen] },
  ],
  invalid: [
    {
      name: 'a /29 is too small',
      objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/29' }), svc({ name: 'web' })],
      expect: [{ messageId: 'tooSmall', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }],
    },
    { name: 'every address allocated', objects: [apiserver28, ...fourteen], expect: [{ messageId: 'full', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }] },
    { name: '12 of 14 allocated', objects: [apiserver28, ...twelve], expect: [{ messageId: 'nearlyFull', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'warning' }] },
  ],
  notAssessed: [{ name: 'no service range declared', objects: [svc({ name: 'web', clusterIPs: ['10.96.0.5'] })] }],
});
