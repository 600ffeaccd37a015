import rule from '../../rules/service-primary-family-removed.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const v6First = svc({ name: 'cart', namespace: 'shop', policy: 'PreferDualStack', clusterIPs: ['fd00:10:96::a', '10.96.0.10'] });

runRuleTests(rule, {
  valid: [
    { name: 'single-stack cluster', objects: [IPV4_KUBEADM, svc({ clusterIPs: ['10.96.0.9'] })] },
    { name: 'IPv4-first Service kept by a rollback to IPv4', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.9', 'fd00:10:96::9'] })], rollbackTo: 'IPv4' },
    { name: 'ExternalName has no cluster IP', objects: [DUAL_KUBEADM, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } }], rollbackTo: 'IPv6' },
    {
      name: 'default/kubernetes is DS305',
      objects: [DUAL_KUBEADM, svc({ name: 'kubernetes', clusterIPs: ['10.96.0.1'], selector: null })],
      rollbackTo: 'IPv6',
    },
  ],
  invalid: [
    {
      name: 'IPv6-primary Service on a rollback to IPv4',
      objects: [DUAL_KUBEADM, v6First],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'mustRecreate', object: 'Service shop/cart', severity: 'error', path: 'spec.clusterIPs[0]' }],
    },
    {
      name: 'no scenario: the secondary family is the one a rollback removes, at info',
      objects: [DUAL_KUBEADM, v6First],
      expect: [{ messageId: 'mustRecreate', object: 'Service shop/cart', severity: 'info' }],
    },
    {
      name: 'SingleStack IPv6 manifest',
      objects: [DUAL_KUBEADM, svc({ name: 'v6', families: ['IPv6'] })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'mustRecreate', object: 'Service default/v6', path: 'spec.ipFamilies[0]' }],
    },
    {
      name: 'target ipv6-only: every IPv4-first Service',
      objects: [DUAL_KUBEADM, svc({ name: 'lb', type: 'LoadBalancer', clusterIPs: ['10.96.0.11'] })],
      target: 'ipv6-only',
      expect: [{ messageId: 'mustRecreate', object: 'Service default/lb', severity: 'error' }],
    },
    {
      name: 'headless: one combined patch, at info',
      objects: [DUAL_KUBEADM, { ...svc({ name: 'db', clusterIPs: ['None'], families: ['IPv6', 'IPv4'], policy: 'RequireDualStack' }) }],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'headlessPatch', object: 'Service default/db', severity: 'info', path: 'spec.ipFamilies[0]' }],
    },
  ],
});
