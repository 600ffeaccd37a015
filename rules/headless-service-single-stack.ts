import { defineRule, otherFamily, serviceFamilies, setFieldFix, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'headless-service-single-stack',
  code: 'DS105',
  title: 'Headless Service with a selector is single-family',
  description: 'Reports headless Services with a selector that have, or will get on create, only one IP family.',
  rationale:
    'A headless Service with a selector defaults to SingleStack with the cluster primary family, and cluster DNS publishes its pod records only for the families in spec.ipFamilies, so StatefulSet peers and clients resolve only A (or only AAAA) records even though the pods are dual-stack.',
  remediation:
    'Set spec.ipFamilyPolicy to PreferDualStack; headless Services may change families after creation, so the API server accepts the change in place.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#dual-stack-defaults-on-existing-services',
    'KEP-563 dual-stack, section "Type Headless services"',
    'kubernetes pkg/apis/core/validation/validation.go#validateUpgradeDowngradeIPFamilies (headless Services may change families)',
  ],
  messages: {
    singleFamily: (d: { family: string; policy: string; missing: string }) =>
      `Headless Service publishes only ${d.family} pod records (ipFamilyPolicy ${d.policy}); DNS returns no ${d.missing} addresses for its pods`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      // Selectorless headless Services default to RequireDualStack and are not validated against the cluster (KEP-563).
      if (!svc.headless || !svc.selector || svc.type === 'ExternalName' || svc.isDefaultKubernetes) continue;
      const fams = serviceFamilies(svc, net);
      if (fams.count !== 1) continue;
      const family = fams.families[0];
      yield ctx.finding(
        svc,
        'singleFamily',
        {
          family: family ?? 'one family of',
          policy: svc.ipFamilyPolicySet ? svc.ipFamilyPolicy : 'unset, defaults to SingleStack',
          missing: family ? otherFamily(family) : 'other-family',
        },
        {
          path: 'spec.ipFamilyPolicy',
          severity: worklistSeverity(ctx.model, 'warning'),
          ...(family ? { ipFamily: otherFamily(family) } : {}),
          fix: setFieldFix(svc, 'spec.ipFamilyPolicy', 'PreferDualStack'),
        },
      );
    }
  },
});
