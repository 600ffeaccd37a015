import rule from '../../rules/service-ip-family-field-removed.js';
import { svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const withIpFamily = (value: unknown) => {
  const s = svc();
  return { ...s, spec: { ...(s.spec as Record<string, unknown>), ipFamily: value } };
};

runRuleTests(rule, {
  valid: [
    { name: 'spec.ipFamilies and spec.ipFamilyPolicy', objects: [svc({ policy: 'SingleStack', families: ['IPv6'] })] },
    { name: 'no family fields at all', objects: [svc()] },
    { name: 'spec.ipFamily: null is absent', objects: [withIpFamily(null)] },
  ],
  invalid: [
    {
      name: 'spec.ipFamily: IPv6',
      objects: [withIpFamily('IPv6')],
      expect: [{ messageId: 'removedField', object: 'Service default/web', severity: 'warning', path: 'spec.ipFamily' }],
    },
    {
      name: 'spec.ipFamily next to the fields that replaced it',
      objects: [{ ...withIpFamily('IPv4'), spec: { ...(withIpFamily('IPv4').spec as Record<string, unknown>), ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' } }],
      expect: [{ messageId: 'removedField', object: 'Service default/web', path: 'spec.ipFamily' }],
    },
    {
      name: 'spec.ipFamily with a value that was never a family',
      objects: [withIpFamily(6)],
      expect: [{ messageId: 'removedField', object: 'Service default/web', path: 'spec.ipFamily' }],
    },
  ],
});
