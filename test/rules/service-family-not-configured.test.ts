import rule from '../../rules/service-family-not-configured.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'dual cluster accepts RequireDualStack', objects: [DUAL_KUBEADM, svc({ policy: 'RequireDualStack', families: ['IPv6', 'IPv4'] })] },
    { name: 'PreferDualStack on a single-stack cluster is fine', objects: [IPV4_KUBEADM, svc({ policy: 'PreferDualStack' })] },
    { name: 'selectorless headless is not validated against the cluster', objects: [IPV4_KUBEADM, svc({ selector: null, clusterIPs: ['None'], policy: 'RequireDualStack' })] },
    { name: 'cluster flag via --service-cidr', serviceCidrs: ['10.96.0.0/16'], objects: [svc({ families: ['IPv4'] })] },
  ],
  invalid: [
    { name: 'RequireDualStack on an IPv4 cluster', objects: [IPV4_KUBEADM, svc({ policy: 'RequireDualStack' })], expect: [{ messageId: 'requireDualStackOnSingle', object: 'Service default/web', severity: 'error', path: 'spec.ipFamilyPolicy' }] },
    { name: 'IPv6 requested on an IPv4 cluster', objects: [IPV4_KUBEADM, svc({ families: ['IPv6'] })], expect: [{ messageId: 'familyNotConfigured', object: 'Service default/web', path: 'spec.ipFamilies[0]' }] },
    { name: 'family after an unknown one is named by its index as written', objects: [IPV4_KUBEADM, svc({ families: ['IPv5', 'IPv6'] })], expect: [{ messageId: 'familyNotConfigured', object: 'Service default/web', path: 'spec.ipFamilies[1]' }] },
    { name: 'second family not configured', serviceCidrs: ['fd00:10:96::/112'], objects: [svc({ policy: 'PreferDualStack', families: ['IPv6', 'IPv4'] })], expect: [{ messageId: 'familyNotConfigured', object: 'Service default/web', path: 'spec.ipFamilies[1]' }] },
  ],
  notAssessed: [{ name: 'manifests only: cluster state unknown', objects: [svc({ policy: 'RequireDualStack' })] }],
});
