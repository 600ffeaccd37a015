/** The address map: every declared range per family, nested by containment, with usage and collisions. */
import { findOverlaps, hostCidr, nestRanges, type Cidr, type Family, type RangeNode, type Ranged } from '../net/index.js';
import { clusterRanges, nodeMaskOf, nodeRangeCapacity, usablePodIps, usableServiceIps } from '../model/network/ranges.js';
import type { ClusterModel } from '../model/types.js';

export type PlanRole = 'pods' | 'services' | 'node' | 'external';

/** How full a range is. Counts that can exceed 2^53 are decimal strings. */
export interface PlanUsage {
  readonly used: number;
  /** Capacity in `unit`, or null when it cannot be computed (no node mask). */
  readonly total: string | null;
  readonly unit: 'node ranges' | 'addresses';
  /** `floor(100 · used / total)`, or null when the total is unknown or zero. */
  readonly percent: number | null;
}

export interface PlanRange {
  /** Canonical `network/prefix`. */
  readonly cidr: string;
  readonly prefix: number;
  /** Number of addresses, as a decimal string. */
  readonly addresses: string;
  readonly role: PlanRole;
  /** Who declares the range (its highest-precedence source), the node holding it, or the external network's name. */
  readonly label: string;
  /** Every source declaring the range. */
  readonly sources: readonly string[];
  readonly usage: PlanUsage | null;
  readonly children: readonly PlanRange[];
  /** Node ranges inside this one that are not listed (only the fullest few are). */
  readonly hiddenNodeRanges: number;
}

export interface PlanCollision {
  /** `overlap` between two ranges, or a node `address` inside a range. */
  readonly kind: 'overlap' | 'address';
  readonly a: { readonly cidr: string; readonly role: PlanRole | 'node address'; readonly label: string };
  readonly b: { readonly cidr: string; readonly role: PlanRole; readonly label: string };
  readonly message: string;
}

export interface FamilyPlan {
  readonly family: Family;
  /** `NodeMask[f]` used for node-range usage, when the family has a cluster CIDR. */
  readonly nodeMask: { readonly size: number; readonly source: string } | null;
  /** Root ranges, sorted by address; each holds the ranges it contains. */
  readonly ranges: readonly PlanRange[];
  /** Node ranges outside every listed range that are not listed. */
  readonly hiddenNodeRanges: number;
  readonly collisions: readonly PlanCollision[];
}

/** The plan of one audited cluster (or manifest set). */
export interface ClusterAddressPlan {
  /** Name of the audited cluster; null for a manifest set. */
  readonly cluster: string | null;
  /** Primary family first (the first Service range's family), else IPv4 first. */
  readonly families: readonly FamilyPlan[];
}

/** The address map of every audited cluster, in audit order (sorted by name for several clusters). */
export interface AddressPlan {
  readonly clusters: readonly ClusterAddressPlan[];
}

/** Per parent, at most this many node ranges are listed: the fullest first. */
export const MAX_LISTED_NODE_RANGES = 10;

interface Entry {
  readonly role: PlanRole;
  readonly label: string;
  readonly sources: string[];
  readonly cidr: Cidr;
  /** Node names for node ranges (several when nodes share a podCIDR). */
  readonly nodes?: string[];
}

type Item = { readonly kind: 'entry'; readonly entry: Entry };

/**
 * Distinct addresses in use, sorted, per family: counting those inside a range is two binary searches.
 * IPv4 addresses are plain numbers in a typed array (a native sort, no comparator); IPv6 stay bigints.
 */
type SortedAddresses = Float64Array | readonly bigint[];

interface Points {
  readonly service: Readonly<Record<Family, SortedAddresses>>;
  readonly pod: Readonly<Record<Family, SortedAddresses>>;
}

function describe(role: PlanRole | 'node address', cidr: string, label: string): string {
  switch (role) {
    case 'external': return `external network ${label} ${cidr}`;
    case 'node': return `node range ${cidr} (Node ${label})`;
    case 'node address': return `node address ${cidr} (${label})`;
    default: return `${role === 'pods' ? 'pod' : 'service'} range ${cidr} (${label})`;
  }
}

function entriesOf(model: ClusterModel): Entry[] {
  const net = model.clusterNetwork;
  const out: Entry[] = clusterRanges(net).map((r) => ({ role: r.role, label: r.source, sources: [...r.sources], cidr: r.cidr }));
  const external = new Map<string, Entry>();
  for (const e of net.externalNetworks) {
    const label = e.name ?? e.cidr.canonical;
    const key = `${label}|${e.cidr.canonical}`;
    const hit = external.get(key);
    if (hit) { if (!hit.sources.includes(e.source)) hit.sources.push(e.source); } else external.set(key, { role: 'external', label, sources: [e.source], cidr: e.cidr });
  }
  out.push(...external.values());
  // Node ranges are grouped by sorting (stable, so nodes stay in name order); sources are filled in only for listed ones.
  const held: { cidr: Cidr; name: string }[] = [];
  for (const n of model.nodes) for (const cidr of n.podCIDRs) held.push({ cidr, name: n.ref.name });
  held.sort((x, y) => (x.cidr.family !== y.cidr.family ? (x.cidr.family < y.cidr.family ? -1 : 1) : x.cidr.first !== y.cidr.first ? (x.cidr.first < y.cidr.first ? -1 : 1) : x.cidr.last !== y.cidr.last ? (x.cidr.last > y.cidr.last ? -1 : 1) : 0));
  let last: (Entry & { nodes: string[] }) | undefined;
  for (const h of held) {
    if (last && last.cidr.family === h.cidr.family && last.cidr.first === h.cidr.first && last.cidr.last === h.cidr.last) last.nodes.push(h.name);
    else {
      last = { role: 'node', label: h.name, sources: [], cidr: h.cidr, nodes: [h.name] };
      out.push(last);
    }
  }
  return out;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function uniqueSorted(values: bigint[], family: Family): SortedAddresses {
  if (family === 'IPv4') {
    const sorted = Float64Array.from(values, Number).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
    return sorted.subarray(0, n);
  }
  values.sort(compareBig);
  return values.filter((v, i) => i === 0 || v !== values[i - 1]);
}

function pointsOf(model: ClusterModel): Points {
  const service: Record<Family, bigint[]> = { IPv4: [], IPv6: [] };
  const pod: Record<Family, bigint[]> = { IPv4: [], IPv6: [] };
  for (const s of model.services) for (const ip of s.clusterIPs) service[ip.family].push(ip.value);
  for (const p of model.pods) {
    if (p.spec.hostNetwork || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    for (const ip of p.podIPs) pod[ip.family].push(ip.value);
  }
  return {
    service: { IPv4: uniqueSorted(service.IPv4, 'IPv4'), IPv6: uniqueSorted(service.IPv6, 'IPv6') },
    pod: { IPv4: uniqueSorted(pod.IPv4, 'IPv4'), IPv6: uniqueSorted(pod.IPv6, 'IPv6') },
  };
}

/** First index whose value is ≥ `v` (or > `v` when `after`). */
function bound<T extends number | bigint>(sorted: ArrayLike<T>, v: T, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function countIn(sorted: SortedAddresses, range: Cidr): number {
  if (sorted instanceof Float64Array) return bound(sorted, Number(range.last), true) - bound(sorted, Number(range.first), false);
  return bound(sorted, range.last, true) - bound(sorted, range.first, false);
}

/** Post-order count of the node ranges below each range, without recursion (node ranges can nest deeply). */
function nodesBelow(roots: readonly RangeNode<Item>[]): Map<RangeNode<Item>, number> {
  const counts = new Map<RangeNode<Item>, number>();
  const stack: { node: RangeNode<Item>; done: boolean }[] = roots.map((node) => ({ node, done: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (!top.done) {
      stack.push({ node: top.node, done: true });
      for (const c of top.node.children) stack.push({ node: c, done: false });
      continue;
    }
    let sum = 0;
    for (const c of top.node.children) sum += counts.get(c)! + (c.item.entry.role === 'node' ? 1 : 0);
    counts.set(top.node, sum);
  }
  return counts;
}

function usage(used: number, total: bigint | null, unit: PlanUsage['unit']): PlanUsage {
  const percent = total === null || total === 0n ? null : Math.floor((used * 100) / Number(total));
  return { used, total: total === null ? null : total.toString(), unit, percent };
}

/** Share of a node range's pod addresses in use, for choosing which node ranges to list. */
function nodeFill(n: RangeNode<Item>, points: Points): number {
  const usable = usablePodIps(n.range.family, n.range.prefix);
  return usable === 0n ? 0 : countIn(points.pod[n.range.family], n.range) / Number(usable);
}

/** Keeps the fullest node ranges of a level (first in address order on ties), in address order. */
function limitNodes(level: readonly RangeNode<Item>[], points: Points): { listed: RangeNode<Item>[]; hidden: number } {
  const nodes = level.filter((n) => n.item.entry.role === 'node');
  if (nodes.length <= MAX_LISTED_NODE_RANGES) return { listed: [...level], hidden: 0 };
  const keep = new Set(nodes.map((n, i) => ({ n, i, fill: nodeFill(n, points) })).sort((a, b) => b.fill - a.fill || a.i - b.i).slice(0, MAX_LISTED_NODE_RANGES).map((x) => x.n));
  return { listed: level.filter((n) => n.item.entry.role !== 'node' || keep.has(n)), hidden: nodes.length - MAX_LISTED_NODE_RANGES };
}

function collisions(entries: readonly Entry[], model: ClusterModel, family: Family): PlanCollision[] {
  const out: PlanCollision[] = [];
  const mine = entries.filter((e) => e.cidr.family === family);
  const collide = (x: Entry, y: Entry): boolean => {
    if (x.role === y.role) return x.role === 'node';
    const roles = new Set([x.role, y.role]);
    return !(roles.has('node') && roles.has('pods'));
  };
  for (const { a, b } of findOverlaps(mine.map((e) => ({ range: e.cidr, item: e })), (x, y) => collide(x.item, y.item))) {
    out.push({
      kind: 'overlap',
      a: { cidr: a.range.canonical, role: a.item.role, label: a.item.label },
      b: { cidr: b.range.canonical, role: b.item.role, label: b.item.label },
      message: `${describe(a.item.role, a.range.canonical, a.item.label)} overlaps ${describe(b.item.role, b.range.canonical, b.item.label)}`,
    });
  }
  for (const e of mine) {
    if (e.role === 'node' && e.nodes && e.nodes.length > 1) {
      out.push({
        kind: 'overlap',
        a: { cidr: e.cidr.canonical, role: 'node', label: e.nodes[0] },
        b: { cidr: e.cidr.canonical, role: 'node', label: e.nodes.slice(1).join(', ') },
        message: `node range ${e.cidr.canonical} is held by ${e.nodes.length} nodes: ${e.nodes.join(', ')}`,
      });
    }
  }
  type AddrItem = { kind: 'range'; entry: Entry } | { kind: 'address'; label: string };
  const items: Ranged<AddrItem>[] = mine.filter((e) => e.role === 'pods' || e.role === 'services').map((entry) => ({ range: entry.cidr, item: { kind: 'range', entry } }));
  for (const n of model.nodes) {
    for (const a of n.addresses) {
      if (a.ip && a.ip.family === family && (a.type === 'InternalIP' || a.type === 'ExternalIP')) items.push({ range: hostCidr(a.ip), item: { kind: 'address', label: `Node ${n.ref.name} ${a.type}` } });
    }
  }
  for (const { a, b } of findOverlaps(items, (x, y) => x.item.kind !== y.item.kind)) {
    const [r, addr] = a.item.kind === 'range' ? [a, b] : [b, a];
    if (r.item.kind !== 'range' || addr.item.kind !== 'address') continue;
    const address = addr.range.canonical.replace(/\/\d+$/, '');
    out.push({
      kind: 'address',
      a: { cidr: address, role: 'node address', label: addr.item.label },
      b: { cidr: r.range.canonical, role: r.item.entry.role, label: r.item.entry.label },
      message: `${describe('node address', address, addr.item.label)} lies inside ${describe(r.item.entry.role, r.range.canonical, r.item.entry.label)}`,
    });
  }
  return out;
}

/** Builds the address plan of the audited clusters. */
export function buildAddressPlan(models: readonly ClusterModel[]): AddressPlan {
  const sorted = [...models].sort((a, b) => ((a.cluster ?? '') < (b.cluster ?? '') ? -1 : (a.cluster ?? '') > (b.cluster ?? '') ? 1 : 0));
  return { clusters: sorted.map(clusterPlan) };
}

/** The plan of one cluster model. O(n log n) in ranges, nodes, Services and pods. */
export function clusterPlan(model: ClusterModel): ClusterAddressPlan {
  const net = model.clusterNetwork;
  const entries = entriesOf(model);
  const serviceCidrs = entries.filter((e) => e.role === 'services').map((e) => e.cidr);
  const forest = nestRanges(entries.map((entry) => ({ range: entry.cidr, item: { kind: 'entry', entry } as Item })));
  const points = pointsOf(model);
  const nodeCounts = nodesBelow(forest);

  const toPlan = (node: RangeNode<Item>): PlanRange => {
    const e = node.item.entry;
    const f = e.cidr.family;
    let u: PlanUsage | null = null;
    if (e.role === 'services') u = usage(countIn(points.service[f], e.cidr), usableServiceIps(e.cidr, net.serviceAllocator.legacy), 'addresses');
    else if (e.role === 'node') u = usage(countIn(points.pod[f], e.cidr), usablePodIps(f, e.cidr.prefix), 'addresses');
    else if (e.role === 'pods') {
      const mask = nodeMaskOf(net, f);
      const cap = mask && mask.size >= e.cidr.prefix && mask.size <= e.cidr.bits ? nodeRangeCapacity(e.cidr, mask.size, serviceCidrs) : undefined;
      u = usage(nodeCounts.get(node)!, cap ? cap.total - cap.occupied : null, 'node ranges');
    }
    const { listed, hidden } = limitNodes(node.children, points);
    const nodes = e.nodes ?? [];
    return {
      cidr: e.cidr.canonical,
      prefix: e.cidr.prefix,
      addresses: (e.cidr.last - e.cidr.first + 1n).toString(),
      role: e.role,
      label: nodes.length > 1 ? `${nodes[0]} +${nodes.length - 1}` : e.label,
      sources: e.role === 'node' ? nodes.map((n) => `Node ${n} spec.podCIDRs`) : e.sources,
      usage: u,
      children: listed.map(toPlan),
      hiddenNodeRanges: hidden,
    };
  };

  const primary: Family = net.serviceFamilies[0] ?? net.clusterCidrs[0]?.family ?? 'IPv4';
  const order: Family[] = primary === 'IPv6' ? ['IPv6', 'IPv4'] : ['IPv4', 'IPv6'];
  const families: FamilyPlan[] = [];
  for (const family of order) {
    const { listed, hidden } = limitNodes(forest.filter((n) => n.range.family === family), points);
    if (listed.length === 0 && hidden === 0) continue;
    const mask = net.clusterCidrs.some((c) => c.family === family) ? nodeMaskOf(net, family) : undefined;
    families.push({
      family,
      nodeMask: mask ? { size: mask.size, source: mask.source } : null,
      ranges: listed.map(toPlan),
      hiddenNodeRanges: hidden,
      collisions: collisions(entries, model, family),
    });
  }
  return { cluster: model.cluster ?? null, families };
}
