import { defineRule, factObject, istioAtLeast, meshWantsDualStack } from '../src/rule-api.js';

export default defineRule({
  id: 'istio-dual-stack-support',
  code: 'DS407',
  title: 'Istio version or ambient dual-stack support level',
  description:
    'Checks the Istio version of the control plane (istiod image tag or IstioOperator tag) against the releases that support dual-stack, and that an ambient ztunnel enables ISTIO_DUAL_STACK too.',
  rationale:
    'Istio before 1.17 has no dual-stack support; 1.17 to 1.23 have it as experimental (istio.io blog 2023), alpha from 1.24 (istio/enhancements#185). In ambient mode the ztunnel DaemonSet captures and forwards traffic itself and needs ISTIO_DUAL_STACK as well.',
  remediation: 'Upgrade Istio to 1.24 or later before relying on dual-stack; in ambient mode set ISTIO_DUAL_STACK: "true" in the ztunnel env (ztunnel chart values env).',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['mesh', 'clusterNetwork'],
  sources: [
    'https://istio.io/latest/blog/2023/experimental-dual-stack/',
    'istio/enhancements#185; istio/istio#47998, #54127 (dual-stack trackers)',
  ],
  messages: {
    unsupported: (d: { version: string }) => `Istio ${d.version} has no dual-stack support (added experimentally in 1.17)`,
    experimental: (d: { version: string }) => `Istio ${d.version} supports dual-stack only as an experimental feature (alpha from 1.24)`,
    ztunnel: (d: { setting: string }) => `the ambient ztunnel does not enable dual-stack (${d.setting}): ambient pods get IPv4 only`,
  },
  *check(ctx) {
    const { model } = ctx;
    if (!meshWantsDualStack(model)) return;
    for (const cp of model.mesh.controlPlanes) {
      const v = cp.version;
      if (!v) continue;
      const path = cp.versionPath ?? '';
      if (!istioAtLeast(v, 1, 17)) yield ctx.finding(factObject(model, cp), 'unsupported', { version: v.text }, { path });
      else if (!istioAtLeast(v, 1, 24)) yield ctx.finding(factObject(model, cp), 'experimental', { version: v.text }, { path, severity: 'info' });
    }
    for (const z of model.mesh.ztunnels) {
      if (!z.dualStack.on) yield ctx.finding(factObject(model, z), 'ztunnel', { setting: z.dualStack.text }, { path: z.dualStack.path ?? '' });
    }
  },
});
