import {
  declaredRangeOf, defineRule, findOverlaps, formatCount, SUMMARY_THRESHOLD, type Cidr, type Family, type LocatedCidr, type Node, type Ranged,
} from '../src/rule-api.js';

interface Holder {
  readonly node: Node;
  readonly cidr: LocatedCidr;
}

/** One distinct podCIDR and every node holding it. */
interface Group {
  readonly cidr: Cidr;
  readonly holders: Holder[];
  /** Inside a cluster CIDR of its family. */
  inside: boolean;
}

type Item = { readonly kind: 'node'; readonly group: Group } | { readonly kind: 'cluster' };

export default defineRule({
  id: 'node-pod-cidr-conflict',
  code: 'DS214',
  title: 'Node podCIDRs overlap or lie outside the cluster range',
  description: 'Reports nodes whose podCIDRs overlap another node\'s, and nodes holding a podCIDR outside every cluster CIDR of its family.',
  rationale:
    'Two nodes with overlapping podCIDRs give their pods the same addresses. A podCIDR outside --cluster-cidr (including one of a family the cluster CIDR no longer has) makes kube-controller-manager exit at start-up, on every restart, taking every controller down; the API server accepts such nodes without complaint.',
  remediation: 'Drain and delete the node objects holding conflicting or foreign podCIDRs and let them re-register, or restore the cluster CIDR they were allocated from.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['nodes', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go#occupyCIDRs (a podCIDR outside the cluster CIDR fails start-up)',
    'kubernetes pkg/controller/nodeipam/ipam/cidrset/cidr_set.go',
    'rules catalog section 7: observed on kube-controller-manager 1.25',
  ],
  messages: {
    overlap: (d: { cidr: string; other: string; otherNode: string }) => `podCIDR ${d.cidr} overlaps podCIDR ${d.other} of Node ${d.otherNode}`,
    outside: (d: { cidr: string; cluster: string }) => `podCIDR ${d.cidr} lies outside ${d.cluster}; kube-controller-manager will not start while this node exists`,
    outsideMany: (d: { count: string; family: Family; cluster: string; sample: string }) =>
      `${d.count} nodes hold ${d.family} podCIDRs outside ${d.cluster}, e.g. ${d.sample}; kube-controller-manager will not start while they exist`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    // Group identical podCIDRs by sorting (stable: holders stay in node-name order), not by hashing text.
    const held: Holder[] = [];
    for (const node of ctx.model.nodes) for (const cidr of node.podCIDRs) held.push({ node, cidr });
    if (held.length === 0) return;
    held.sort((x, y) => (x.cidr.family !== y.cidr.family ? (x.cidr.family < y.cidr.family ? -1 : 1) : x.cidr.first !== y.cidr.first ? (x.cidr.first < y.cidr.first ? -1 : 1) : x.cidr.last !== y.cidr.last ? (x.cidr.last > y.cidr.last ? -1 : 1) : 0));
    const groups: Group[] = [];
    for (const h of held) {
      const last = groups[groups.length - 1];
      if (last && last.cidr.family === h.cidr.family && last.cidr.first === h.cidr.first && last.cidr.last === h.cidr.last) last.holders.push(h);
      else groups.push({ cidr: h.cidr, holders: [h], inside: false });
    }

    for (const g of groups) {
      for (const h of g.holders.slice(1)) {
        yield ctx.finding(h.node, 'overlap', { cidr: g.cidr.canonical, other: g.cidr.canonical, otherNode: g.holders[0].node.ref.name }, { path: h.cidr.path, ipFamily: g.cidr.family, key: g.cidr.canonical });
      }
    }

    // The controller-manager checks nodes against its own --cluster-cidr; other sources stand in when its flags are not in the input.
    const kcm = net.controllerManager;
    const clusterCidrs = kcm && kcm.clusterCidrEntries.length > 0 ? kcm.clusterCidrs : net.clusterCidrs;
    const clusterSource = kcm && kcm.clusterCidrEntries.length > 0 ? `${kcm.source} --cluster-cidr` : (clusterCidrs[0] ? (declaredRangeOf(net, clusterCidrs[0])?.source ?? '') : '');
    const checkOutside = clusterCidrs.length > 0 && net.allocateNodeCidrs !== false;

    const items: Ranged<Item>[] = groups.map((group) => ({ range: group.cidr, item: { kind: 'node', group } as Item }));
    for (const c of clusterCidrs) items.push({ range: c, item: { kind: 'cluster' } });
    // Identical podCIDRs are grouped above, so the sweep's open chain stays short (at most one range per
    // prefix length). Containment in a cluster CIDR is recorded as the sweep meets it; only node pairs are kept.
    const pairs = findOverlaps(items, (a, b) => {
      if (a.item.kind === 'cluster' && b.item.kind === 'node') b.item.group.inside = true;
      return a.item.kind === 'node' && b.item.kind === 'node';
    });
    for (const { a, b } of pairs) {
      if (a.item.kind !== 'node' || b.item.kind !== 'node') continue;
      const outer = a.item.group;
      for (const h of b.item.group.holders) {
        yield ctx.finding(h.node, 'overlap', { cidr: b.range.canonical, other: a.range.canonical, otherNode: outer.holders[0].node.ref.name }, { path: h.cidr.path, ipFamily: b.range.family, key: a.range.canonical });
      }
    }
    if (!checkOutside) return;

    for (const family of ['IPv4', 'IPv6'] as const) {
      const own = clusterCidrs.filter((c) => c.family === family);
      const cluster = own.length > 0
        ? `the ${family} cluster range ${own.map((c) => c.canonical).join(', ')} (${clusterSource})`
        : `the cluster ranges ${clusterCidrs.map((c) => c.canonical).join(', ')} (${clusterSource}), which have no ${family} range`;
      const outside = groups.filter((g) => g.cidr.family === family && !g.inside).flatMap((g) => g.holders);
      if (outside.length > SUMMARY_THRESHOLD) {
        const sample = outside.slice(0, 5).map((o) => `${o.node.ref.name} ${o.cidr.canonical}`).join(', ') + ', …';
        yield ctx.finding(outside[0].node, 'outsideMany', { count: formatCount(outside.length), family, cluster, sample }, { path: 'spec.podCIDRs', ipFamily: family, key: `summary ${family}` });
        continue;
      }
      for (const o of outside) {
        yield ctx.finding(o.node, 'outside', { cidr: o.cidr.canonical, cluster }, { path: o.cidr.path, ipFamily: family, key: `outside ${o.cidr.canonical}` });
      }
    }
  },
});
