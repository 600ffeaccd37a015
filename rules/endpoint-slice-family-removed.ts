import { defineRule, type EndpointSlice, formatCount, sampleNames, SUMMARY_THRESHOLD } from '../src/rule-api.js';

/** Controllers whose slices stay behind when a family is removed (KEP-563 PRR). */
const CONTROLLERS = ['endpointslice-controller.k8s.io', 'endpointslicemirroring-controller.k8s.io'];

export default defineRule({
  id: 'endpoint-slice-family-removed',
  code: 'DS306',
  title: 'EndpointSlice of the removed family',
  description: 'Reports EndpointSlices managed by the Kubernetes controllers whose addressType is the family being removed.',
  rationale:
    'KEP-563: "Existing endpointSlices for the alternative family will not be automatically removed; this is left to the operator." Consumers that read every slice (CoreDNS for headless Services, mesh EDS) keep answering with dead addresses, and addressType is immutable, so the slices must be deleted, not edited.',
  remediation:
    'After downgrading the Services (DS301, DS303), delete the stale slices: kubectl delete endpointslice -n NAMESPACE NAME.',
  family: 'rollback',
  defaultSeverity: 'warning',
  requires: ['endpointSlices'],
  sources: ['KEP-563 PRR "Can the feature be disabled"', 'EndpointSlice v1 API reference (addressType is immutable)'],
  messages: {
    staysBehind: (d: { removed: string; service: string; count: number }) =>
      `${d.removed} EndpointSlice of Service ${d.service} (${d.count} endpoint${d.count === 1 ? '' : 's'}) is not removed when ${d.removed} goes: delete it after downgrading the Service, or clients of every slice keep getting dead addresses`,
    staysBehindMany: (d: { removed: string; count: string; sample: string }) =>
      `${d.count} ${d.removed} EndpointSlices (${d.sample}) are not removed when ${d.removed} goes; name the scenario (--rollback-to) to list each one`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    const stale: EndpointSlice[] = [];
    for (const slice of ctx.model.endpointSlices) {
      if (slice.addressType !== removed) continue;
      if (!CONTROLLERS.includes(slice.labels['endpointslice.kubernetes.io/managed-by'] ?? '')) continue;
      stale.push(slice);
    }
    // Without a named scenario these are awareness (info): one line instead of one per slice.
    if (!ctx.model.scenario.named && stale.length > SUMMARY_THRESHOLD) {
      yield ctx.finding(stale[0], 'staysBehindMany', { removed, count: formatCount(stale.length), sample: sampleNames(stale) }, { path: 'addressType', ipFamily: removed, key: 'summary' });
      return;
    }
    for (const slice of stale) {
      const service = `${slice.ref.namespace ?? ''}/${slice.serviceName ?? '?'}`;
      yield ctx.finding(slice, 'staysBehind', { removed, service, count: slice.endpoints.length }, { path: 'addressType', ipFamily: removed });
    }
  },
});
