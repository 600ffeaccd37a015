import { defineRule, otherFamily } from '../src/rule-api.js';

/** The default ServiceCIDR the API server creates from --service-cluster-ip-range. */
const DEFAULT_SERVICE_CIDR = 'kubernetes';

export default defineRule({
  id: 'service-cidr-family-removed',
  code: 'DS307',
  title: 'Default ServiceCIDR keeps the removed family',
  description:
    'Reports the default ServiceCIDR (`kubernetes`) when it holds a CIDR of the family being removed: its spec.cidrs cannot shrink to one family, so the object must be deleted and recreated.',
  rationale:
    'ServiceCIDR spec.cidrs is immutable; since 1.33 the only change allowed is appending a second family to a single-stack object, and converting dual-stack to single-stack stays disallowed. After --service-cluster-ip-range drops a family the API server does not shrink the default ServiceCIDR, which keeps declaring the removed range, and a finalizer holds the object while any IPAddress references it.',
  remediation:
    'Before the rollback, move every Service off the removed family (DS301-DS303), then delete the ServiceCIDR `kubernetes` (kubectl delete servicecidr kubernetes) once its IPAddresses are released, and restart the API server with the single-family --service-cluster-ip-range so it recreates the object with the kept range only.',
  family: 'rollback',
  defaultSeverity: 'error',
  requires: ['serviceCIDRs'],
  sources: [
    'kubernetes pkg/apis/networking/validation/validation.go#ValidateServiceCIDRUpdate',
    'kubernetes/kubernetes#131263 ("Converting from dual-stack to single-stack ... remain disallowed")',
    'KEP-1880 "Upgrade / Downgrade / Version Skew Strategy"',
  ],
  messages: {
    keepsRemoved: (d: { cidr: string; removed: string; kept: string }) =>
      `default ServiceCIDR holds ${d.removed} ${d.cidr}; spec.cidrs cannot go from dual-stack to single-stack, so after ${d.removed} is removed this object must be deleted and recreated with only ${d.kept}`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    for (const sc of ctx.model.serviceCIDRs) {
      if (sc.ref.name !== DEFAULT_SERVICE_CIDR) continue;
      // Only a dual-stack object must be recreated; one holding only the kept family needs nothing.
      const gone = sc.cidrs.find((c) => c.family === removed);
      if (!gone || !sc.cidrs.some((c) => c.family !== removed)) continue;
      yield ctx.finding(sc, 'keepsRemoved', { cidr: gone.text, removed, kept: otherFamily(removed) }, { path: gone.path, ipFamily: removed });
    }
  },
});
