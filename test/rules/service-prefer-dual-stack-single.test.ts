import rule from '../../rules/service-prefer-dual-stack-single.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'manifest without allocated IPs', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack' })] },
    { name: 'PreferDualStack with both IPs', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9', 'fd00:10:96::9'] })] },
    { name: 'single IP on a single-stack cluster is expected', objects: [IPV4_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9'] })] },
    { name: 'headless', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['None'] })] },
    { name: 'SingleStack is DS101', objects: [DUAL_KUBEADM, svc({ policy: 'SingleStack', clusterIPs: ['10.96.0.9'] })] },
  ],
  invalid: [
    {
      name: 'PreferDualStack Service created before the conversion',
      objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9'], families: ['IPv4'] })],
      expect: [{ messageId: 'notUpgraded', object: 'Service default/web', severity: 'warning', path: 'spec.clusterIPs', fix: 'Set spec.ipFamilyPolicy: RequireDualStack on Service default/web (then back to PreferDualStack if you like)' }],
    },
    {
      name: 'IPv6-primary Service missing IPv4',
      objects: [DUAL_KUBEADM, svc({ name: 'v6', policy: 'PreferDualStack', clusterIPs: ['fd00:10:96::9'] })],
      expect: [{ messageId: 'notUpgraded', object: 'Service default/v6' }],
    },
  ],
});
