import { type ClusterRange, clusterRanges, defineRule, findOverlaps, formatCount, hostCidr, type Node, type Ranged, SUMMARY_THRESHOLD } from '../src/rule-api.js';

type Item = { readonly kind: 'range'; readonly range: ClusterRange } | { readonly kind: 'address'; readonly node: Node; readonly index: number };

export default defineRule({
  id: 'node-address-in-cluster-range',
  code: 'DS202',
  title: 'Node address lies inside a pod or Service range',
  description: 'Reports node InternalIP and ExternalIP addresses that fall inside a declared pod or Service range.',
  rationale:
    'Traffic to a destination inside the pod or Service range is routed into the cluster network, so nodes whose own addresses lie there become unreachable from pods, and node-to-node traffic may be treated as pod traffic (Cilium: "you will lose connectivity to other nodes").',
  remediation: 'Pick pod and Service ranges outside every node network of both families (for example set the Cilium cluster-pool CIDRs explicitly), or renumber the nodes.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['nodes', 'clusterNetwork'],
  sources: [
    'https://docs.cilium.io/en/stable/network/concepts/ipam/cluster-pool/ (Check for conflicting node CIDRs)',
    'KEP-1880 multiple Service CIDRs (the Service range must not overlap node or pod ranges)',
  ],
  messages: {
    inRange: (d: { address: string; type: string; role: string; range: string; source: string }) =>
      `node address ${d.address} (${d.type}) lies inside ${d.role} range ${d.range} (${d.source})`,
    inRangeMany: (d: { count: string; role: string; range: string; source: string; sample: string }) =>
      `${d.count} node addresses lie inside ${d.role} range ${d.range} (${d.source}), e.g. ${d.sample}`,
  },
  *check(ctx) {
    const ranges = clusterRanges(ctx.model.clusterNetwork);
    if (ranges.length === 0) return ctx.notAssessed('the input declares no pod or Service range');
    const items: Ranged<Item>[] = ranges.map((r) => ({ range: r.cidr, item: { kind: 'range', range: r } }));
    for (const node of ctx.model.nodes) {
      node.addresses.forEach((a, index) => {
        if (a.ip && (a.type === 'InternalIP' || a.type === 'ExternalIP')) items.push({ range: hostCidr(a.ip), item: { kind: 'address', node, index } });
      });
    }
    const hits = new Map<ClusterRange, { node: Node; index: number }[]>();
    for (const { a, b } of findOverlaps(items, (x, y) => x.item.kind !== y.item.kind)) {
      const [r, addr] = a.item.kind === 'range' ? [a.item, b.item] : [b.item, a.item];
      if (r.kind !== 'range' || addr.kind !== 'address') continue;
      const hit = { node: addr.node, index: addr.index };
      const list = hits.get(r.range);
      if (list) list.push(hit);
      else hits.set(r.range, [hit]);
    }
    for (const [range, list] of hits) {
      const role = range.role === 'pods' ? 'pod' : 'service';
      const common = { role, range: range.cidr.canonical, source: range.source };
      if (list.length > SUMMARY_THRESHOLD) {
        const sample = list.slice(0, 5).map((h) => `${h.node.ref.name} ${h.node.addresses[h.index].address}`).join(', ') + ', …';
        yield ctx.finding(list[0].node, 'inRangeMany', { ...common, count: formatCount(list.length), sample }, { path: 'status.addresses', ipFamily: range.cidr.family, key: `summary ${range.cidr.canonical}` });
        continue;
      }
      for (const { node, index } of list) {
        const a = node.addresses[index];
        yield ctx.finding(node, 'inRange', { ...common, address: a.address, type: a.type }, { path: a.path, ipFamily: range.cidr.family, key: range.cidr.canonical });
      }
    }
  },
});
