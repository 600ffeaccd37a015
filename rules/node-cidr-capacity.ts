import { clusterRanges, declaredRangeOf, defineRule, factObject, formatCount, nodeMaskOf, nodeRangeCapacity, type Cidr } from '../src/rule-api.js';

const WARN_RATIO = 0.8;

export default defineRule({
  id: 'node-cidr-capacity',
  code: 'DS208',
  title: 'Cluster CIDR holds too few node ranges for the nodes',
  description: 'Compares the number of nodes with the node ranges each family\'s cluster CIDR yields at its node mask (less the blocks reserved for Service ranges inside it), and reports exhaustion, 80% use, and families with unequal capacity.',
  rationale:
    'Node CIDR allocation needs a free node range from every cluster CIDR: once any family runs out, new nodes get no podCIDR (CIDRNotAvailable) and their pods cannot start, so the family with the fewest node ranges caps the cluster size.',
  remediation: 'Plan a larger cluster CIDR (or a longer node mask) for the bottleneck family before adding nodes; cluster CIDRs cannot change in place, so this needs new nodes or a new cluster.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['nodes', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go#AllocateOrOccupyCIDR (one range per cluster CIDR; CIDRNotAvailable)',
    'kubernetes pkg/controller/nodeipam/ipam/cidrset/cidr_set.go (maxCIDRs = 1 << (mask - prefix))',
  ],
  messages: {
    exhausted: (d: { nodes: string; family: string; capacity: string; cidr: string; source: string; mask: number }) =>
      `${d.nodes} nodes exceed the ${d.capacity} node ranges of ${d.family} cluster range ${d.cidr} (${d.source}) with /${d.mask} node masks`,
    nearlyFull: (d: { nodes: string; family: string; capacity: string; cidr: string; source: string; mask: number; percent: number }) =>
      `${d.nodes} nodes use ${d.percent}% of the ${d.capacity} node ranges of ${d.family} cluster range ${d.cidr} (${d.source}) with /${d.mask} node masks`,
    asymmetric: (d: { family: string; capacity: string; cidr: string; mask: number; other: string; otherCapacity: string }) =>
      `${d.family} cluster range ${d.cidr} with /${d.mask} node masks holds ${d.capacity} node ranges against ${d.otherCapacity} for ${d.other}: ${d.family} limits the cluster to ${d.capacity} nodes`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.clusterCidrs.length === 0) return ctx.notAssessed('the input declares no cluster CIDR (kube-controller-manager --cluster-cidr, kubeadm or kind podSubnet, or --pod-cidr)');
    if (net.allocateNodeCidrs === false) return;
    const services = clusterRanges(net).filter((r) => r.role === 'services').map((r) => r.cidr);
    const nodes = BigInt(ctx.model.nodes.length);
    const caps: { cidr: Cidr; mask: number; capacity: bigint }[] = [];
    for (const cidr of net.clusterCidrs) {
      const mask = nodeMaskOf(net, cidr.family);
      if (!mask || mask.size < cidr.prefix || mask.size > cidr.bits) continue; // DS207
      const { total, occupied } = nodeRangeCapacity(cidr, mask.size, services);
      caps.push({ cidr, mask: mask.size, capacity: total - occupied });
    }
    let reported = false;
    for (const { cidr, mask, capacity } of caps) {
      const range = declaredRangeOf(net, cidr);
      const at = factObject(ctx.model, range);
      const data = { nodes: formatCount(nodes), family: cidr.family, capacity: formatCount(capacity), cidr: cidr.canonical, source: range?.source ?? '', mask };
      const options = { path: range?.path ?? '', ipFamily: cidr.family, key: cidr.family };
      if (nodes > capacity) {
        reported = true;
        yield ctx.finding(at, 'exhausted', data, options);
      } else if (capacity > 0n && Number(nodes) / Number(capacity) >= WARN_RATIO) {
        reported = true;
        yield ctx.finding(at, 'nearlyFull', { ...data, percent: Math.floor((Number(nodes) * 100) / Number(capacity)) }, { ...options, severity: 'warning' });
      }
    }
    if (reported || caps.length !== 2 || caps[0].capacity === caps[1].capacity) return;
    const [small, large] = caps[0].capacity < caps[1].capacity ? [caps[0], caps[1]] : [caps[1], caps[0]];
    const range = declaredRangeOf(net, small.cidr);
    yield ctx.finding(
      factObject(ctx.model, range),
      'asymmetric',
      { family: small.cidr.family, capacity: formatCount(small.capacity), cidr: small.cidr.canonical, mask: small.mask, other: large.cidr.family, otherCapacity: formatCount(large.capacity) },
      { path: range?.path ?? '', ipFamily: small.cidr.family, key: 'asymmetric', severity: 'info' },
    );
  },
});
