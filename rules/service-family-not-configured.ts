import { defineRule, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'service-family-not-configured',
  code: 'DS122',
  title: 'Service asks for a family the cluster does not have',
  description: 'Reports Services whose ipFamilies name a family outside the cluster service ranges, or that require dual-stack on a single-stack cluster.',
  rationale:
    'The API server rejects such a Service on create and on every update ("not configured on this cluster"), so the apply fails or the object becomes impossible to change.',
  remediation:
    'Remove the missing family from spec.ipFamilies and use PreferDualStack instead of RequireDualStack, or add that family to the cluster service range first.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['services', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/registry/core/service/storage/alloc.go#initIPFamilyFields ("this cluster is not configured for dual-stack services")',
    'KEP-563 Services rules 1-5',
  ],
  messages: {
    familyNotConfigured: (d: { family: Family; configured: string }) =>
      `Service requests ${d.family}, but the cluster service ranges are ${d.configured} only; the API server rejects it`,
    requireDualStackOnSingle: (d: { configured: string }) =>
      `Service requires dual-stack, but the cluster service ranges are ${d.configured} only; the API server rejects it`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const known =
      net.serviceFamiliesSource === 'declared'
        ? net.serviceFamilies
        : net.state === 'ipv4'
          ? (['IPv4'] as const)
          : net.state === 'ipv6'
            ? (['IPv6'] as const)
            : net.state === 'dual' && net.serviceDualStack
              ? net.serviceFamilies
              : undefined;
    if (!known) return ctx.notAssessed('cluster service families unknown: no source declares the service range');
    const configured = known.join(' and ');
    for (const svc of ctx.model.services) {
      // Headless Services without selectors are not validated against the cluster configuration (KEP-563).
      if (svc.type === 'ExternalName' || (svc.headless && !svc.selector)) continue;
      const bad = svc.ipFamilies.findIndex((f) => !known.includes(f));
      if (bad >= 0) {
        yield ctx.finding(svc, 'familyNotConfigured', { family: svc.ipFamilies[bad], configured }, { path: svc.ipFamilyPaths[bad], ipFamily: svc.ipFamilies[bad] });
      } else if (svc.ipFamilyPolicy === 'RequireDualStack' && known.length < 2) {
        yield ctx.finding(svc, 'requireDualStackOnSingle', { configured }, { path: 'spec.ipFamilyPolicy' });
      }
    }
  },
});
