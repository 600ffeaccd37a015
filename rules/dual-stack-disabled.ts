import { defineRule, factObject, type FactSource, type KubeVersion } from '../src/rule-api.js';

const GATE = 'IPv6DualStack';

/** What `IPv6DualStack=false` does on this version (kube_features.go: alpha 1.16, beta 1.21, GA and locked on 1.23, removed 1.25). */
function gateEffect(version: KubeVersion | undefined): string {
  if (!version || (version.major === 1 && version.minor < 23)) return 'dual-stack is off in this component';
  if (version.major === 1 && version.minor < 25) return `on Kubernetes ${version.text} the gate is GA and locked to true, so the component refuses to start`;
  return `the gate was removed in 1.25, so on Kubernetes ${version.text} the component refuses to start (unrecognized feature gate)`;
}

export default defineRule({
  id: 'dual-stack-disabled',
  code: 'DS506',
  title: 'Dual-stack disabled by version or feature gate',
  description:
    'Reports IPv6DualStack=false in the feature gates of kube-apiserver, kube-controller-manager, kubelet or kube-proxy, and a Kubernetes version before 1.23, where dual-stack was alpha (before 1.21) or beta, when dual-stack is the target or the cluster ranges are dual-stack.',
  rationale:
    'Until 1.23 each component only does dual-stack with the IPv6DualStack feature gate on (off by default before 1.21): one component with it off leaves Services, node CIDRs, pod IPs or kube-proxy rules single-stack. From 1.23 the gate is locked on and from 1.25 it no longer exists, so setting it stops the component.',
  remediation: 'Remove IPv6DualStack from --feature-gates and KubeletConfiguration featureGates, and upgrade to Kubernetes 1.23 or later (dual-stack GA) before enabling dual-stack.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'KEP-563 IPv4/IPv6 dual-stack, Implementation History (alpha 1.16, beta and on by default 1.21, stable 1.23)',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates-removed/ (IPv6DualStack: GA 1.23-1.24, removed)',
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/ (feature state v1.23 stable)',
  ],
  messages: {
    gateOff: (d: { component: string; source: string; effect: string }) => `${d.component} (${d.source}) sets ${GATE}=false: ${d.effect}`,
    alpha: (d: { version: string; source: string }) =>
      `Kubernetes ${d.version} (${d.source}): dual-stack is alpha before 1.21, off unless ${GATE}=true on every component, and the Services API changed in 1.20`,
    beta: (d: { version: string; source: string }) => `Kubernetes ${d.version} (${d.source}): dual-stack is beta until 1.23 (on by default since 1.21); upgrade to 1.23 or later for GA`,
  },
  *check(ctx) {
    const { model } = ctx;
    const net = model.clusterNetwork;
    // Like DS505: only when dual-stack is the target or the cluster ranges already are.
    if (model.target !== 'dual' && net.state !== 'dual') return;
    const components: [string, readonly (FactSource & { readonly featureGates?: Readonly<Record<string, boolean>> })[]][] = [
      ['kube-apiserver', net.apiServers],
      ['kube-controller-manager', net.controllerManagers],
      ['kubelet', net.kubelets],
      ['kube-proxy', net.kubeProxy ? [net.kubeProxy] : []],
    ];
    const effect = gateEffect(net.version);
    for (const [component, configs] of components) {
      for (const c of configs) {
        if (c.featureGates?.[GATE] !== false) continue;
        yield ctx.finding(factObject(model, c), 'gateOff', { component, source: c.source, effect }, { path: c.path ?? '', key: component });
      }
    }
    const v = net.version;
    if (!v || v.major !== 1 || v.minor >= 23) return;
    const where = net.apiServers.find((a) => a.version?.source === v.source);
    const object = factObject(model, where);
    if (v.minor < 21) yield ctx.finding(object, 'alpha', { version: v.text, source: v.source }, { path: where?.path ?? '', key: 'version' });
    else yield ctx.finding(object, 'beta', { version: v.text, source: v.source }, { path: where?.path ?? '', severity: 'warning', key: 'version' });
  },
});
