import { defineRule, otherFamily, setFieldFix, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'service-prefer-dual-stack-single',
  code: 'DS103',
  title: 'PreferDualStack Service still holds only one family',
  description: 'Reports Services read back from a dual-stack cluster whose policy is PreferDualStack but which hold a cluster IP of one family only.',
  rationale:
    'The API server never upgrades PreferDualStack Services when the cluster becomes dual-stack, so Services created before the conversion look dual-stack-ready but serve one family.',
  remediation:
    "Patch the policy to RequireDualStack (kubectl patch svc NAME -p '{\"spec\":{\"ipFamilyPolicy\":\"RequireDualStack\"}}') to force allocation of the second cluster IP, then optionally patch it back to PreferDualStack.",
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: ['kubernetes pkg/registry/core/service/storage/alloc.go#isMatchingPreferDualStackClusterIPFields'],
  messages: {
    notUpgraded: (d: { family: string; missing: string }) =>
      `PreferDualStack Service holds only an ${d.family} cluster IP; the API server will not add ${d.missing} by itself`,
  },
  *check(ctx) {
    if (!ctx.model.clusterNetwork.serviceDualStack) return;
    for (const svc of ctx.model.services) {
      if (svc.ipFamilyPolicy !== 'PreferDualStack' || svc.headless || svc.type === 'ExternalName') continue;
      if (svc.clusterIPs.length !== 1) continue;
      const family = svc.clusterIPs[0].family;
      yield ctx.finding(svc, 'notUpgraded', { family, missing: otherFamily(family) }, {
        path: 'spec.clusterIPs',
        severity: worklistSeverity(ctx.model, 'warning'),
        ipFamily: otherFamily(family),
        fix: `${setFieldFix(svc, 'spec.ipFamilyPolicy', 'RequireDualStack')} (then back to PreferDualStack if you like)`,
      });
    }
  },
});
