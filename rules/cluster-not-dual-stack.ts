import { clusterObject, defineRule, familyText, otherFamily, type DeclaredRange, type ModelObject } from '../src/rule-api.js';

function declaringObject(range: DeclaredRange | undefined): ModelObject | undefined {
  if (!range?.ref || !range.origin) return undefined;
  return { ref: range.ref, origin: range.origin, labels: {}, annotations: {}, live: false };
}

export default defineRule({
  id: 'cluster-not-dual-stack',
  code: 'DS100',
  title: 'Cluster is not dual-stack',
  description: 'Reports a cluster whose declared pod or service ranges cover only one IP family when the target is dual-stack.',
  rationale:
    'Every other dual-stack fix depends on the cluster having a pod range and a service range of each family: without them the API server rejects dual-stack Services and nodes get single-family podCIDRs.',
  remediation:
    'Add the second family to kube-apiserver --service-cluster-ip-range, kube-controller-manager --cluster-cidr and the CNI (kubeadm: networking.podSubnet and serviceSubnet as comma-separated pairs), then re-register nodes so they get both podCIDRs.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#configure-ipv4-ipv6-dual-stack',
    'KEP-563 dual-stack: kubernetes/enhancements keps/sig-network/563-dual-stack',
  ],
  messages: {
    singleFamily: (d: { ranges: string; evidence: string }) => `Cluster ${d.ranges} (evidence: ${d.evidence})`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.state === 'unknown') {
      return ctx.notAssessed('cluster state unknown: no source declares the pod or service ranges (add control-plane pods, kubeadm or kind config, Nodes, or --service-cidr/--pod-cidr)');
    }
    if (net.state === 'dual') return;
    const single = ROLES.flatMap((role) => {
      const families = role === 'services' ? net.serviceFamilies : net.podFamilies;
      const source = role === 'services' ? net.serviceFamiliesSource : net.podFamiliesSource;
      return families.length === 1 && source === 'declared' ? [{ role, family: families[0], declaring: net.ranges.find((r) => r.role === role && r.origin) }] : [];
    });
    if (single.length === 0) return;
    // One finding per cluster, on the object that declares the first single-family range, at its field.
    const declaring = single.find((s) => s.declaring)?.declaring;
    const anchor = declaringObject(declaring) ?? clusterObject(ctx.model);
    const ranges =
      single.every((s) => s.family === single[0].family)
        ? `${single.map((s) => ROLE_TEXT[s.role]).join(' and ')} ranges cover only ${familyText([single[0].family])}`
        : single.map((s, i) => `${ROLE_TEXT[s.role]} ranges ${i === 0 ? 'cover ' : ''}only ${s.family}`).join(' and ');
    const evidence = single.flatMap((s) => net.evidence.filter((e) => e.role === s.role && !(e.inferred && e.source.startsWith('Service'))));
    const text = evidence.map((e) => `${evidenceSource(e.source, net.ranges, anchor)}${e.ranges.length ? ` ${e.ranges.join(',')}` : ''}`).join('; ');
    const fixes = single.flatMap((s) => {
      const d = s.declaring;
      if (!d) return [];
      const where = sameObject(d, anchor) && d.field ? d.field : d.source;
      return [`add an ${otherFamily(s.family)} range after ${d.cidr.canonical} in ${where} ("${d.cidr.canonical},<${otherFamily(s.family)} CIDR>")`];
    });
    const fix = fixes.length > 0
      ? `${capitalize(fixes.join('; '))}, and the same in every component that declares the ${single.map((s) => ROLE_TEXT[s.role]).join(' and ')} range${single.length > 1 ? 's' : ''}`
      : undefined;
    yield ctx.finding(anchor, 'singleFamily', { ranges, evidence: text }, {
      // The first role keeps the fingerprint the finding had when each role was a finding of its own.
      key: single[0].role,
      ipFamily: single[0].family,
      ...(declaring?.path && sameObject(declaring, anchor) ? { path: declaring.path } : {}),
      ...(fix ? { fix } : {}),
    });
  },
});

const ROLES = ['services', 'pods'] as const;
const ROLE_TEXT = { services: 'service', pods: 'pod' } as const;

function sameObject(range: DeclaredRange, object: ModelObject): boolean {
  const a = range.ref;
  const b = object.ref;
  return a !== undefined && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.apiVersion === b.apiVersion;
}

/** An evidence source named once: just the field when the finding's object declared it. */
function evidenceSource(source: string, ranges: readonly DeclaredRange[], anchor: ModelObject): string {
  const r = ranges.find((x) => x.source === source);
  return r && r.field && sameObject(r, anchor) ? r.field : source;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
