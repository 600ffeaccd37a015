import {
  clusterRanges, declaredRangeOf, defineRule, factObject, formatCount, nodeMaskOf, nodeRangeCapacity, usablePodIps, type Node,
} from '../src/rule-api.js';

const ERROR_RATIO = 0.95;
const WARN_RATIO = 0.8;
const NODE_RATIO = 0.9;
/** Above this many full nodes, one summary finding replaces per-node findings (catalog section 6). */
const SUMMARY_THRESHOLD = 20;

function percent(used: bigint, total: bigint): number {
  return total === 0n ? 100 : Math.floor((Number(used) * 100) / Number(total));
}

export default defineRule({
  id: 'pod-ipv4-exhaustion',
  code: 'DS210',
  title: 'IPv4 pod addresses near exhaustion',
  description: 'Compares the IPv4 addresses held by running pods with the IPv4 pod addresses the cluster CIDR can provide, cluster-wide (80% and 95%) and per node range (90%).',
  rationale:
    'IPv4 is the family that runs out: once the IPv4 cluster range or a node\'s IPv4 range is used up, new pods on a dual-stack cluster cannot get their IPv4 address and stay in ContainerCreating, even though IPv6 space is plentiful.',
  remediation: 'Add IPv4 pod space (a CNI with multiple pools, a new cluster CIDR on new nodes), use longer node masks for smaller nodes, or move workloads to IPv6-only pods where possible.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['pods', 'nodes', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go, cidrset/cidr_set.go (node ranges per cluster CIDR)',
    'https://kubernetes.io/docs/setup/best-practices/cluster-large/',
  ],
  messages: {
    clusterNearlyFull: (d: { used: string; total: string; percent: number; cidr: string; source: string; mask: number }) =>
      `running pods hold ${d.used} of the ${d.total} IPv4 pod addresses (${d.percent}%) that cluster range ${d.cidr} (${d.source}) provides with /${d.mask} node masks`,
    nodeNearlyFull: (d: { used: string; usable: string; percent: number; cidr: string }) =>
      `running pods hold ${d.used} of the ${d.usable} usable addresses (${d.percent}%) of IPv4 podCIDR ${d.cidr}`,
    nodesNearlyFull: (d: { count: string; sample: string }) => `${d.count} nodes have used at least 90% of their IPv4 podCIDR, e.g. ${d.sample}`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const pods = ctx.model.pods;
    if (!pods.some((p) => p.podIPs.length > 0)) return ctx.notAssessed('no Pod in the input has status.podIPs (use a dump of a live cluster)');
    // IPv4 addresses as numbers: exact (32 bits), and cheaper to hash than their text for 150,000 pods.
    const perNode = new Map<string, Set<number>>();
    const used = new Set<number>();
    for (const p of pods) {
      if (p.spec.hostNetwork || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
      for (const ip of p.podIPs) {
        if (ip.family !== 'IPv4') continue;
        const address = Number(ip.value);
        used.add(address);
        if (p.nodeName) {
          let onNode = perNode.get(p.nodeName);
          if (!onNode) perNode.set(p.nodeName, (onNode = new Set()));
          onNode.add(address);
        }
      }
    }

    const cidr = net.clusterCidrs.find((c) => c.family === 'IPv4');
    const mask = nodeMaskOf(net, 'IPv4');
    const services = clusterRanges(net).filter((r) => r.role === 'services').map((r) => r.cidr);
    const capacity = cidr && mask ? nodeRangeCapacity(cidr, mask.size, services) : { total: 0n, occupied: 0n };
    const total = mask ? (capacity.total - capacity.occupied) * usablePodIps('IPv4', mask.size) : 0n;
    const n = BigInt(used.size);
    if (cidr && mask && total > 0n && Number(n) / Number(total) >= WARN_RATIO) {
      const range = declaredRangeOf(net, cidr);
      yield ctx.finding(
        factObject(ctx.model, range),
        'clusterNearlyFull',
        { used: formatCount(n), total: formatCount(total), percent: percent(n, total), cidr: cidr.canonical, source: range?.source ?? '', mask: mask.size },
        { path: range?.path ?? '', ipFamily: 'IPv4', key: 'cluster', severity: Number(n) / Number(total) >= ERROR_RATIO ? 'error' : 'warning' },
      );
    }

    const full: { node: Node; index: number; used: bigint; usable: bigint }[] = [];
    for (const node of ctx.model.nodes) {
      const index = node.podCIDRs.findIndex((c) => c.family === 'IPv4');
      const ips = perNode.get(node.ref.name);
      if (index < 0 || !ips) continue;
      const usable = usablePodIps('IPv4', node.podCIDRs[index].prefix);
      const u = BigInt(ips.size);
      if (usable > 0n && Number(u) / Number(usable) >= NODE_RATIO) full.push({ node, index, used: u, usable });
    }
    if (full.length > SUMMARY_THRESHOLD) {
      const sample = full.slice(0, 5).map((f) => `${f.node.ref.name} ${percent(f.used, f.usable)}%`).join(', ') + ', …';
      yield ctx.finding(full[0].node, 'nodesNearlyFull', { count: formatCount(full.length), sample }, { path: 'spec.podCIDRs', ipFamily: 'IPv4', key: 'summary', severity: 'warning' });
      return;
    }
    for (const f of full) {
      const podCidr = f.node.podCIDRs[f.index];
      yield ctx.finding(
        f.node,
        'nodeNearlyFull',
        { used: formatCount(f.used), usable: formatCount(f.usable), percent: percent(f.used, f.usable), cidr: podCidr.canonical },
        { path: podCidr.path, ipFamily: 'IPv4', key: podCidr.canonical, severity: 'warning' },
      );
    }
  },
});
