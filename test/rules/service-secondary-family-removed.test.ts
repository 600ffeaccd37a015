import rule from '../../rules/service-secondary-family-removed.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const preferMany = (n: number) => Array.from({ length: n }, (_, i) => svc({ name: `s${String(i).padStart(2, '0')}`, namespace: 'shop', policy: 'PreferDualStack', clusterIPs: [`10.96.1.${i}`, `fd00:10:96::1:${i}`] }));

const prefer = svc({ name: 'orders', namespace: 'shop', policy: 'PreferDualStack', clusterIPs: ['10.96.0.40', 'fd00:10:96::40'] });

runRuleTests(rule, {
  valid: [
    { name: 'single-stack cluster', objects: [IPV4_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9'] })] },
    { name: 'already SingleStack', objects: [DUAL_KUBEADM, svc({ policy: 'SingleStack', clusterIPs: ['10.96.0.9'] })], rollbackTo: 'IPv4' },
    { name: 'RequireDualStack is DS301', objects: [DUAL_KUBEADM, svc({ policy: 'RequireDualStack', clusterIPs: ['10.96.0.9', 'fd00:10:96::9'] })], rollbackTo: 'IPv4' },
    { name: 'second family kept', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['fd00:10:96::9', '10.96.0.9'] })], rollbackTo: 'IPv4' },
  ],
  invalid: [
    {
      name: '21 such Services without a scenario: one summary at info',
      objects: [DUAL_KUBEADM, ...preferMany(21)],
      expect: [{ messageId: 'silentlyKeptMany', object: 'Service shop/s00', severity: 'info', path: 'spec.ipFamilyPolicy' }],
    },
    {
      name: '21 such Services with the rollback named: each listed',
      objects: [DUAL_KUBEADM, ...preferMany(21)],
      rollbackTo: 'IPv4',
      expect: Array.from({ length: 21 }, (_, i) => ({ messageId: 'silentlyKept', object: `Service shop/s${String(i).padStart(2, '0')}` })),
    },
    {
      name: 'PreferDualStack keeps its IPv6 cluster IP after a rollback to IPv4',
      objects: [DUAL_KUBEADM, prefer],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'silentlyKept', object: 'Service shop/orders', severity: 'warning', path: 'spec.clusterIPs[1]' }],
    },
    {
      name: 'no scenario: info',
      objects: [DUAL_KUBEADM, prefer],
      expect: [{ messageId: 'silentlyKept', object: 'Service shop/orders', severity: 'info' }],
    },
    {
      name: 'a PreferDualStack manifest will get the second family',
      objects: [DUAL_KUBEADM, svc({ name: 'web', policy: 'PreferDualStack' })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'silentlyKept', object: 'Service default/web', path: 'spec.ipFamilyPolicy' }],
    },
  ],
});
