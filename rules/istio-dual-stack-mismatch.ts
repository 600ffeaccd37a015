import { defineRule, factObject, istioAtLeast } from '../src/rule-api.js';

export default defineRule({
  id: 'istio-dual-stack-mismatch',
  code: 'DS403',
  title: 'Istio control/data plane dual-stack mismatch or legacy variable',
  description:
    'Checks that istiod and the mesh-wide proxy defaults agree on ISTIO_DUAL_STACK, and that proxies do not rely on the Istio 1.17-1.18 variable ISTIO_AGENT_DUAL_STACK alone on Istio 1.19 or later.',
  rationale:
    'Istio needs dual-stack in both planes: with only one of them enabled, istiod sends dual-address listeners to proxies that capture one family, or proxies capture IPv6 that istiod never configures. Istio 1.19 unified the variable as ISTIO_DUAL_STACK (#41462), so a configuration copied from the 1.17 blog post silently stops enabling the data plane.',
  remediation: 'Set ISTIO_DUAL_STACK: "true" in both istiod\'s env and meshConfig.defaultConfig.proxyMetadata, and replace ISTIO_AGENT_DUAL_STACK with it.',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['mesh'],
  sources: [
    'https://istio.io/latest/docs/setup/additional-setup/dual-stack/ (both istiod and proxyMetadata)',
    'Istio 1.19.0 release notes, istio/istio#41462; istio/istio#40394 (config using ISTIO_AGENT_DUAL_STACK)',
  ],
  messages: {
    proxiesOnly: (d: { controlPlane: string; setting: string }) => `the proxy defaults enable dual-stack but ${d.controlPlane} does not (${d.setting})`,
    controlPlaneOnly: (d: { controlPlane: string; setting: string }) => `${d.controlPlane} enables dual-stack but the mesh's proxy defaults do not (${d.setting})`,
    legacy: (d: { version: string }) => `ISTIO_AGENT_DUAL_STACK is set without ISTIO_DUAL_STACK; Istio ${d.version} reads only ISTIO_DUAL_STACK`,
  },
  *check(ctx) {
    const { model } = ctx;
    const { controlPlanes, proxyDefaults, proxies } = model.mesh;
    const cpOn = controlPlanes.filter((c) => c.dualStack.on);
    const cpOff = controlPlanes.filter((c) => !c.dualStack.on);
    const dOn = proxyDefaults.filter((d) => d.dualStack.on);
    const dOff = proxyDefaults.filter((d) => !d.dualStack.on);
    if (dOn.length > 0) for (const cp of cpOff) {
      yield ctx.finding(factObject(model, cp), 'proxiesOnly', { controlPlane: cp.kind === 'istiod' ? 'istiod' : 'the IstioOperator pilot env', setting: cp.dualStack.text }, { path: cp.dualStack.path ?? '' });
    }
    if (cpOn.length > 0) for (const d of dOff) {
      yield ctx.finding(factObject(model, d), 'controlPlaneOnly', { controlPlane: cpOn[0].kind === 'istiod' ? 'istiod' : 'the IstioOperator pilot env', setting: d.dualStack.text }, { path: d.dualStack.path ?? '' });
    }
    // The legacy variable still works on 1.17-1.18; an unknown version (`latest`, a digest) is taken as current.
    const versions = controlPlanes.flatMap((c) => (c.version ? [c.version] : []));
    if (versions.some((v) => !istioAtLeast(v, 1, 19))) return;
    const version = versions.length > 0 ? versions.map((v) => v.text).sort()[0] : '1.19 and later';
    for (const d of proxyDefaults) if (d.legacy && !d.dualStack.set) yield ctx.finding(factObject(model, d), 'legacy', { version }, { path: d.legacy.path ?? '', key: 'legacy' });
    for (const p of proxies) if (p.legacy && !p.dualStack.set) yield ctx.finding(p.object, 'legacy', { version }, { path: p.legacy.path ?? '', key: 'legacy' });
  },
});
