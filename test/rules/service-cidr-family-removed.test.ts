import rule from '../../rules/service-cidr-family-removed.js';
import { DUAL_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const serviceCidr = (name: string, cidrs: string[]) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name }, spec: { cidrs } });
const dualDefault = serviceCidr('kubernetes', ['10.96.0.0/16', 'fd00:10:96::/112']);

runRuleTests(rule, {
  valid: [
    { name: 'single-stack default ServiceCIDR of the kept family', objects: [DUAL_KUBEADM, serviceCidr('kubernetes', ['10.96.0.0/16'])], rollbackTo: 'IPv4' },
    { name: 'dual-stack ServiceCIDR that is not the default one', objects: [DUAL_KUBEADM, serviceCidr('extra', ['10.97.0.0/24', 'fd00:10:97::/112'])], rollbackTo: 'IPv4' },
    { name: 'primary change removes no family', objects: [DUAL_KUBEADM, dualDefault], newPrimary: 'IPv6' },
  ],
  invalid: [
    {
      name: 'dual-stack default ServiceCIDR on a rollback to IPv4',
      objects: [DUAL_KUBEADM, dualDefault],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'keepsRemoved', object: 'ServiceCIDR kubernetes', severity: 'error', path: 'spec.cidrs[1]' }],
    },
    {
      name: 'IPv4 turned off: the IPv4 entry',
      objects: [DUAL_KUBEADM, dualDefault],
      target: 'ipv6-only',
      expect: [{ messageId: 'keepsRemoved', object: 'ServiceCIDR kubernetes', severity: 'error', path: 'spec.cidrs[0]' }],
    },
    {
      name: 'no scenario: info, as if the secondary family were removed',
      objects: [DUAL_KUBEADM, dualDefault],
      expect: [{ messageId: 'keepsRemoved', object: 'ServiceCIDR kubernetes', severity: 'info', path: 'spec.cidrs[1]' }],
    },
  ],
});
