import { defineRule, factObject, meshWantsDualStack, serviceFamilies } from '../src/rule-api.js';

export default defineRule({
  id: 'istiod-dual-stack-disabled',
  code: 'DS401',
  title: 'istiod ISTIO_DUAL_STACK not enabled',
  description:
    'Checks that the Istio control plane (the istiod Deployment, or the IstioOperator that renders it) sets ISTIO_DUAL_STACK to a true value when the cluster is or is meant to be dual-stack.',
  rationale:
    'Without ISTIO_DUAL_STACK istiod generates single-address listeners and clusters: outbound listeners carry no additionalAddresses for the second ClusterIP and virtualInbound listens on 0.0.0.0 only, so the mesh drops or bypasses the second family even when Services and pods have both.',
  remediation:
    'Set ISTIO_DUAL_STACK: "true" in istiod\'s env (istioctl install --set values.pilot.env.ISTIO_DUAL_STACK=true, with meshConfig.defaultConfig.proxyMetadata.ISTIO_DUAL_STACK="true" for the proxies), then restart the injected pods.',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['mesh', 'clusterNetwork'],
  uses: ['services'],
  sources: [
    'https://istio.io/latest/docs/setup/additional-setup/dual-stack/',
    'https://istio.io/latest/blog/2023/experimental-dual-stack/',
    'istio/istio pilot/pkg/features (ISTIO_DUAL_STACK, env.RegisterBoolVar, default false)',
  ],
  messages: {
    disabled: (d: { where: string; setting: string; dualServices: number }) =>
      `${d.where} does not enable dual-stack (${d.setting})${d.dualServices > 0 ? `; ${d.dualServices} dual-stack Service(s) in meshed namespaces get single-family listeners` : ''}`,
  },
  *check(ctx) {
    const { model } = ctx;
    if (!meshWantsDualStack(model)) return;
    const mesh = model.mesh;
    // Severity error when a dual-stack Service lives in a namespace with injected or ambient workloads (catalog DS401).
    const meshed = new Set([...mesh.proxies.filter((p) => p.sidecar).map((p) => p.object), ...mesh.ambient].map((o) => o.ref.namespace ?? ''));
    const dualServices = meshed.size === 0 ? 0 : model.services.filter((s) => meshed.has(s.ref.namespace ?? '') && !s.headless && s.type !== 'ExternalName' && s.clusterIPs.length > 0 && serviceFamilies(s, model.clusterNetwork).count === 2).length;
    for (const cp of mesh.controlPlanes) {
      if (cp.dualStack.on) continue;
      const where = cp.kind === 'istiod' ? 'istiod' : `IstioOperator pilot env`;
      yield ctx.finding(factObject(model, cp), 'disabled', { where, setting: cp.dualStack.text, dualServices }, {
        path: cp.dualStack.path ?? '', ...(dualServices > 0 ? { severity: 'error' as const } : {}),
      });
    }
  },
});
