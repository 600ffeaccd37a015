import rule from '../../rules/service-require-dual-stack-rollback.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const requireMany = (n: number) => Array.from({ length: n }, (_, i) => svc({ name: `r${String(i).padStart(2, '0')}`, namespace: 'shop', policy: 'RequireDualStack', clusterIPs: [`10.96.2.${i}`, `fd00:10:96::2:${i}`] }));

const required = svc({ name: 'cart', namespace: 'shop', policy: 'RequireDualStack', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'] });
const helm = {
  ...svc({ name: 'api', namespace: 'shop', policy: 'RequireDualStack', clusterIPs: ['10.96.0.21', 'fd00:10:96::21'], annotations: { 'meta.helm.sh/release-name': 'api', 'meta.helm.sh/release-namespace': 'shop' } }),
};

runRuleTests(rule, {
  valid: [
    { name: 'single-stack cluster has no family to remove', objects: [IPV4_KUBEADM, svc({ policy: 'RequireDualStack' })] },
    { name: 'PreferDualStack stays updatable (DS303)', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9', 'fd00:10:96::9'] })], rollbackTo: 'IPv4' },
    { name: 'selectorless headless survives the rollback', objects: [DUAL_KUBEADM, svc({ clusterIPs: ['None'], selector: null })], rollbackTo: 'IPv4' },
    { name: 'first family removed is DS302', objects: [DUAL_KUBEADM, svc({ policy: 'RequireDualStack', clusterIPs: ['fd00:10:96::9', '10.96.0.9'] })], rollbackTo: 'IPv4' },
  ],
  invalid: [
    {
      name: '21 RequireDualStack Services without a scenario: one summary at info',
      objects: [DUAL_KUBEADM, ...requireMany(21)],
      expect: [{ messageId: 'rejectsUpdatesMany', object: 'Service shop/r00', severity: 'info', path: 'spec.ipFamilyPolicy' }],
    },
    {
      name: '21 RequireDualStack Services with the rollback named: each listed',
      objects: [DUAL_KUBEADM, ...requireMany(21)],
      rollbackTo: 'IPv4',
      expect: Array.from({ length: 21 }, (_, i) => ({ messageId: 'rejectsUpdates', object: `Service shop/r${String(i).padStart(2, '0')}` })),
    },
    {
      name: 'no scenario: awareness at info',
      objects: [DUAL_KUBEADM, required],
      expect: [{ messageId: 'rejectsUpdates', object: 'Service shop/cart', severity: 'info', path: 'spec.ipFamilyPolicy' }],
    },
    {
      name: 'rollback to IPv4 named: catalog severity',
      objects: [DUAL_KUBEADM, required],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'rejectsUpdates', object: 'Service shop/cart', severity: 'warning' }],
    },
    {
      name: 'Helm-managed Service is an error',
      objects: [DUAL_KUBEADM, helm],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'rejectsUpdates', object: 'Service shop/api', severity: 'error' }],
    },
    {
      name: 'headless with selector is rejected too',
      objects: [DUAL_KUBEADM, svc({ name: 'db', policy: 'RequireDualStack', clusterIPs: ['None'] })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'rejectsUpdates', object: 'Service default/db', severity: 'warning' }],
    },
    {
      name: 'target ipv6-only removes IPv4 from an IPv6-first Service',
      objects: [DUAL_KUBEADM, svc({ name: 'v6', policy: 'RequireDualStack', clusterIPs: ['fd00:10:96::30', '10.96.0.30'] })],
      target: 'ipv6-only',
      expect: [{ messageId: 'rejectsUpdates', object: 'Service default/v6', severity: 'warning' }],
    },
    {
      name: 'a manifest on a dual-stack cluster',
      objects: [DUAL_KUBEADM, svc({ name: 'web', policy: 'RequireDualStack' })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'rejectsUpdates', object: 'Service default/web' }],
    },
  ],
});
