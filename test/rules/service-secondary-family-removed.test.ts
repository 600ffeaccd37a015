import rule from '../../rules/service-secondary-family-removed.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

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
