import { defineRule, factObject, meshWantsDualStack, worklistSeverity, type IstioOutboundCapture, type IstioUncapturedFamily } from '../src/rule-api.js';

/** The one family a capture leaves out; undefined when both are captured, or neither (outbound capture switched off on purpose). */
function onlyGap(capture: IstioOutboundCapture | undefined): IstioUncapturedFamily | undefined {
  return capture?.uncaptured.length === 1 ? capture.uncaptured[0] : undefined;
}

function describe(gap: IstioUncapturedFamily): { family: string; setting: string; cause: string } {
  const { family, setting } = gap;
  return {
    family,
    setting: `${setting.name}: ${JSON.stringify(setting.value)}`,
    cause: gap.by === 'include' ? `lists no ${family} range` : `excludes all of ${family}`,
  };
}

export default defineRule({
  id: 'istio-capture-single-family',
  code: 'DS408',
  title: 'Istio sidecar captures outbound traffic of one family only',
  description:
    'Checks that the outbound capture lists of injected sidecars (istio-init -i/-x, the traffic.sidecar.istio.io/includeOutboundIPRanges and excludeOutboundIPRanges annotations) and the install defaults values.global.proxy.includeIPRanges/excludeIPRanges leave neither family out when the cluster is or is meant to be dual-stack.',
  rationale:
    'istio-iptables splits both lists by family and programs iptables with the IPv4 part and ip6tables with the IPv6 part: an include list without a range of one family, or an exclude list covering all of it, sends none of that family\'s outbound traffic to Envoy, so it leaves the pod without mTLS, AuthorizationPolicy or telemetry.',
  remediation:
    'Add the other family\'s ranges to includeOutboundIPRanges (for example the IPv6 service and pod ranges next to the IPv4 ones, or use "*"), and remove ::/0 or 0.0.0.0/0 from excludeOutboundIPRanges; then restart the pods so the sidecar is injected again.',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['mesh', 'clusterNetwork'],
  sources: [
    'istio/istio tools/istio-iptables/pkg/capture/run.go (Run, handleOutboundIncludeRules) and tools/common/config/config.go (SeparateV4V6)',
    'https://istio.io/latest/docs/reference/config/annotations/ (traffic.sidecar.istio.io/includeOutboundIPRanges, excludeOutboundIPRanges)',
    'istio/istio manifests/charts/istio-control/istio-discovery/files/injection-template.yaml and values.yaml (global.proxy.includeIPRanges)',
  ],
  messages: {
    installDefault: (d: { family: string; setting: string; cause: string }) =>
      `the injection default ${d.setting} ${d.cause}: sidecars injected from it let outbound ${d.family} traffic bypass Envoy`,
    sidecar: (d: { family: string; setting: string; cause: string; pods: string }) =>
      `${d.setting} ${d.cause}${d.pods}: outbound ${d.family} traffic bypasses the sidecar (no mTLS, no policy)`,
  },
  *check(ctx) {
    const { model } = ctx;
    if (!meshWantsDualStack(model)) return;
    for (const d of model.mesh.injectionDefaults) {
      const gap = onlyGap(d.outboundCapture);
      if (gap) yield ctx.finding(factObject(model, d), 'installDefault', describe(gap), { path: gap.setting.path ?? '', severity: worklistSeverity(model, 'warning', 'pods') });
    }
    for (const p of model.mesh.proxies) {
      // Pods known to hold one family cannot send the other's traffic (DS106 covers them).
      if (!p.sidecar || p.podsDualStack === false) continue;
      const gap = onlyGap(p.outboundCapture);
      if (!gap) continue;
      const counts = p.outboundCapture?.pods;
      const pods = counts ? ` in ${counts.limited} of ${counts.total} injected pods` : '';
      // With both families on its pods the bypass is live, not only a gap waiting for the migration.
      const severity = worklistSeverity(model, p.podsDualStack ? 'error' : 'warning', 'pods');
      yield ctx.finding(p.object, 'sidecar', { ...describe(gap), pods }, { path: gap.setting.path ?? '', severity });
    }
  },
});
