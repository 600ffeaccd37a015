import { defineRule, factObject, meshWantsDualStack, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'istio-proxy-not-dual-stack',
  code: 'DS402',
  title: 'Istio proxy not dual-stack (ISTIO_DUAL_STACK missing), IPv6 not captured',
  description:
    'Checks that the mesh-wide proxy defaults (defaultConfig.proxyMetadata of the istio mesh ConfigMap or an IstioOperator meshConfig) and every injected istio-proxy sidecar set ISTIO_DUAL_STACK to a true value when the cluster is or is meant to be dual-stack.',
  rationale:
    'istio-init and istio-cni install IPv6 redirection only when the proxy has ISTIO_DUAL_STACK (istio/istio#46625): without it IPv6 traffic skips the sidecar, bypassing mTLS and AuthorizationPolicy (#38041), or is rejected by the legacy ip6tables rules (#18956).',
  remediation:
    'Set meshConfig.defaultConfig.proxyMetadata.ISTIO_DUAL_STACK: "true" (or the pod annotation proxy.istio.io/config with proxyMetadata ISTIO_DUAL_STACK: "true"), then restart the pods so the injector renders it into the istio-proxy env.',
  family: 'mesh',
  defaultSeverity: 'error',
  requires: ['mesh', 'clusterNetwork'],
  sources: [
    'https://istio.io/latest/docs/setup/additional-setup/dual-stack/',
    'istio/istio#46625 (istio-cni does not set up IPv6 redirects), #38041, #18956',
  ],
  messages: {
    meshDefault: (d: { setting: string }) => `the mesh's proxy defaults do not enable dual-stack (${d.setting}): sidecars injected from them capture IPv4 only`,
    sidecar: (d: { setting: string; pods: string }) => `the istio-proxy sidecar does not enable dual-stack (${d.setting})${d.pods}: IPv6 traffic is not captured`,
  },
  *check(ctx) {
    const { model } = ctx;
    if (!meshWantsDualStack(model)) return;
    const severity = worklistSeverity(model, 'error', 'pods');
    for (const d of model.mesh.proxyDefaults) {
      if (!d.dualStack.on) yield ctx.finding(factObject(model, d), 'meshDefault', { setting: d.dualStack.text }, { path: d.dualStack.path ?? '', severity });
    }
    for (const p of model.mesh.proxies) {
      // Gateways have no capture; their agent reads the mesh defaults, reported once above.
      if (!p.sidecar || p.dualStack.on || p.podsDualStack === false) continue;
      const count = p.injectedPods ? ` in ${p.injectedPods.off} of ${p.injectedPods.total} injected pods` : '';
      const pods = `${count}${p.podsDualStack ? ', although its pods have both families' : ''}`;
      yield ctx.finding(p.object, 'sidecar', { setting: p.dualStack.text, pods }, { path: p.dualStack.path ?? '', severity });
    }
  },
});
