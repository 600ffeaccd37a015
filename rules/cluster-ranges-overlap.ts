import { clusterRanges, defineRule, factObject, findOverlaps, type ClusterModel, type ModelObject, type Ranged } from '../src/rule-api.js';

interface Held {
  readonly model: ClusterModel;
  readonly role: 'pods' | 'services';
  readonly object: ModelObject;
  readonly path: string;
  /** How the range is known, for the message: `ConfigMap kube-system/kubeadm-config …` or `Node n1 spec.podCIDRs`. */
  readonly source: string;
}

/** The ranges a cluster declares; without a declared pod range, the node podCIDRs it has handed out. */
function rangesOf(model: ClusterModel): Ranged<Held>[] {
  const out: Ranged<Held>[] = [];
  const declared = clusterRanges(model.clusterNetwork);
  for (const r of declared) {
    out.push({ range: r.cidr, item: { model, role: r.role, object: factObject(model, r), path: r.path ?? '', source: r.source } });
  }
  if (!declared.some((r) => r.role === 'pods')) {
    for (const node of model.nodes) {
      for (const cidr of node.podCIDRs) out.push({ range: cidr, item: { model, role: 'pods', object: node, path: 'spec.podCIDRs', source: `Node ${node.ref.name} spec.podCIDRs` } });
    }
  }
  return out;
}

function name(model: ClusterModel): string {
  return model.cluster ?? 'input';
}

export default defineRule({
  id: 'cluster-ranges-overlap',
  code: 'DS204',
  title: 'Pod or Service ranges overlap across clusters',
  description:
    'Compares the pod and service ranges of every pair of clusters audited together (several --context values or snapshots) and reports ranges that overlap.',
  rationale:
    'Connected clusters route pod traffic to each other: Cilium ClusterMesh, Submariner and multi-cluster meshes need pod ranges that are unique across all clusters, or a packet for a remote pod lands on a local one or is dropped. Overlapping service ranges make Service IPs ambiguous wherever they are exported or routed between clusters.',
  remediation:
    'Give every cluster its own pod and service ranges in both families (per-cluster IPv6 ranges cut from one prefix cost nothing), and declare which clusters are connected with clusters groups in .dsaudit.yaml.',
  family: 'cidr',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork', 'nodes'],
  scope: 'fleet',
  sources: [
    'https://docs.cilium.io/en/stable/network/clustermesh/clustermesh/ (Prerequisites: non-conflicting PodCIDR ranges)',
    'https://submariner.io/getting-started/architecture/globalnet/ (overlapping CIDRs need Globalnet)',
    'catalog DS204: overlaps(Pa, Pb) for pod ranges of clusters a ≠ b, per family',
  ],
  messages: {
    podRangesOverlap: (d: { range: string; source: string; other: string; otherRange: string; pairs: number; connected: boolean }) =>
      `Pod range ${d.range} (${d.source}) overlaps pod range ${d.otherRange} of cluster ${d.other}${d.pairs > 1 ? ` (${d.pairs} overlapping range pairs)` : ''}${d.connected ? '; the clusters are declared connected' : ''}`,
    serviceRangesOverlap: (d: { range: string; source: string; other: string; otherRange: string; pairs: number }) =>
      `Service range ${d.range} (${d.source}) overlaps service range ${d.otherRange} of cluster ${d.other}${d.pairs > 1 ? ` (${d.pairs} overlapping range pairs)` : ''}`,
  },
  *check(ctx) {
    if (ctx.clusters.length < 2) return;
    const items: Ranged<Held>[] = [];
    for (const model of ctx.clusters) {
      const ranges = rangesOf(model);
      if (ranges.length === 0) {
        ctx.notAssessedIn(model, 'no pod or service range is known for this cluster (no kubeadm-config, control-plane pods, ServiceCIDRs or Node podCIDRs)');
      }
      items.push(...ranges);
    }
    // One sweep over every cluster's ranges; only pairs of the same role from different clusters count.
    const pairs = findOverlaps(items, (a, b) => a.item.model !== b.item.model && a.item.role === b.item.role);
    const groups = new Map<string, { first: { a: Ranged<Held>; b: Ranged<Held> }; count: number }>();
    for (const p of pairs) {
      // Report on the cluster whose name sorts last, naming the other one: one finding per pair of clusters.
      const [here, there] = name(p.a.item.model) > name(p.b.item.model) ? [p.a, p.b] : [p.b, p.a];
      const key = `${name(here.item.model)}\u0000${name(there.item.model)}\u0000${here.item.role}\u0000${here.range.family}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { first: { a: here, b: there }, count: 1 });
    }
    for (const { first, count } of groups.values()) {
      const { a: here, b: there } = first;
      const data = { range: here.range.canonical, source: here.item.source, other: name(there.item.model), otherRange: there.range.canonical, pairs: count };
      const options = { path: here.item.path, ipFamily: here.range.family, key: `${data.other}/${here.range.family}` };
      if (here.item.role === 'pods') {
        const connected = ctx.connected(here.item.model, there.item.model);
        yield ctx.finding(here.item.object, 'podRangesOverlap', { ...data, connected }, { ...options, severity: connected ? 'error' : 'warning' });
      } else {
        yield ctx.finding(here.item.object, 'serviceRangesOverlap', data, options);
      }
    }
  },
});
