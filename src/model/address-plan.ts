/** The address map: every declared range per family, nested by containment, with usage and collisions. */
import { findOverlaps, hostCidr, nestRanges, type Cidr, type Family, type RangeNode, type Ranged } from '../net/index.js';
import { clusterRanges, nodeMaskOf, nodeRangeCapacity, usablePodIps, usableServiceIps } from './ranges.js';
import type { ClusterModel } from './types.js';

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

type Item = { readonly kind: 'entry'; readonly entry: Entry } | { readonly kind: 'point'; readonly point: 'service' | 'pod' };

interface Counted {
  nodes: number;
  services: number;
  pods: number;
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
  const nodeRanges = new Map<string, Entry & { nodes: string[] }>();
  for (const n of model.nodes) {
    for (const c of n.podCIDRs) {
      const hit = nodeRanges.get(c.canonical);
      if (hit) hit.nodes.push(n.ref.name);
      else nodeRanges.set(c.canonical, { role: 'node', label: n.ref.name, sources: [`Node ${n.ref.name} spec.podCIDRs`], cidr: c, nodes: [n.ref.name] });
    }
  }
  for (const e of nodeRanges.values()) {
    out.push(e.nodes.length > 1 ? { ...e, label: `${e.nodes[0]} +${e.nodes.length - 1}` } : e);
  }
  return out;
}

function pointsOf(model: ClusterModel): Ranged<Item>[] {
  const seen = new Set<string>();
  const out: Ranged<Item>[] = [];
  for (const s of model.services) {
    for (const ip of s.clusterIPs) {
      if (seen.has(`s${ip.canonical}`)) continue;
      seen.add(`s${ip.canonical}`);
      out.push({ range: hostCidr(ip), item: { kind: 'point', point: 'service' } });
    }
  }
  for (const p of model.pods) {
    if (p.spec.hostNetwork || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    for (const ip of p.podIPs) {
      if (seen.has(`p${ip.canonical}`)) continue;
      seen.add(`p${ip.canonical}`);
      out.push({ range: hostCidr(ip), item: { kind: 'point', point: 'pod' } });
    }
  }
  return out;
}

/** Post-order counts of node ranges and points below each entry, without recursion (identical ranges can nest deeply). */
function countBelow(roots: readonly RangeNode<Item>[]): Map<RangeNode<Item>, Counted> {
  const counts = new Map<RangeNode<Item>, Counted>();
  const stack: { node: RangeNode<Item>; done: boolean }[] = roots.map((node) => ({ node, done: false }));
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (!top.done) {
      stack.push({ node: top.node, done: true });
      for (const c of top.node.children) stack.push({ node: c, done: false });
      continue;
    }
    const sum: Counted = { nodes: 0, services: 0, pods: 0 };
    for (const c of top.node.children) {
      const it = c.item;
      const sub = counts.get(c)!;
      if (it.kind === 'point') { if (it.point === 'service') sum.services++; else sum.pods++; }
      else if (it.entry.role === 'node') sum.nodes++;
      sum.nodes += sub.nodes;
      sum.services += sub.services;
      sum.pods += sub.pods;
    }
    counts.set(top.node, sum);
  }
  return counts;
}

function usage(used: number, total: bigint | null, unit: PlanUsage['unit']): PlanUsage {
  const percent = total === null || total === 0n ? null : Math.floor((used * 100) / Number(total));
  return { used, total: total === null ? null : total.toString(), unit, percent };
}

function compareNodeRanges(a: PlanRange, b: PlanRange): number {
  return (b.usage?.percent ?? -1) - (a.usage?.percent ?? -1);
}

/** Keeps the fullest node ranges of a level, then restores address order. */
function limitNodes(list: PlanRange[]): { listed: PlanRange[]; hidden: number } {
  const nodes = list.filter((r) => r.role === 'node');
  if (nodes.length <= MAX_LISTED_NODE_RANGES) return { listed: list, hidden: 0 };
  const keep = new Set([...nodes].sort(compareNodeRanges).slice(0, MAX_LISTED_NODE_RANGES));
  return { listed: list.filter((r) => r.role !== 'node' || keep.has(r)), hidden: nodes.length - MAX_LISTED_NODE_RANGES };
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
  const items: Ranged<Item>[] = [...entries.map((entry) => ({ range: entry.cidr, item: { kind: 'entry', entry } as Item })), ...pointsOf(model)];
  const forest = nestRanges(items);
  const counts = countBelow(forest);

  const toPlan = (node: RangeNode<Item>): PlanRange | undefined => {
    const it = node.item;
    if (it.kind !== 'entry') return undefined;
    const e = it.entry;
    const c = counts.get(node)!;
    let u: PlanUsage | null = null;
    if (e.role === 'services') u = usage(c.services, usableServiceIps(e.cidr, net.serviceAllocator.legacy), 'addresses');
    else if (e.role === 'node') u = usage(c.pods, usablePodIps(e.cidr.family, e.cidr.prefix), 'addresses');
    else if (e.role === 'pods') {
      const mask = nodeMaskOf(net, e.cidr.family);
      const cap = mask && mask.size >= e.cidr.prefix && mask.size <= e.cidr.bits ? nodeRangeCapacity(e.cidr, mask.size, serviceCidrs) : undefined;
      u = usage(c.nodes, cap ? cap.total - cap.occupied : null, 'node ranges');
    }
    const kids = node.children.map(toPlan).filter((x): x is PlanRange => x !== undefined);
    const { listed, hidden } = limitNodes(kids);
    return {
      cidr: e.cidr.canonical,
      prefix: e.cidr.prefix,
      addresses: (e.cidr.last - e.cidr.first + 1n).toString(),
      role: e.role,
      label: e.label,
      sources: e.sources,
      usage: u,
      children: listed,
      hiddenNodeRanges: hidden,
    };
  };

  const primary: Family = net.serviceFamilies[0] ?? net.clusterCidrs[0]?.family ?? 'IPv4';
  const order: Family[] = primary === 'IPv6' ? ['IPv6', 'IPv4'] : ['IPv4', 'IPv6'];
  const families: FamilyPlan[] = [];
  for (const family of order) {
    const roots = forest.filter((n) => n.range.family === family).map(toPlan).filter((x): x is PlanRange => x !== undefined);
    if (roots.length === 0) continue;
    const { listed, hidden } = limitNodes(roots);
    const mask = net.clusterCidrs.some((c) => c.family === family) ? nodeMaskOf(net, family) : undefined;
    families.push({
      family,
      nodeMask: mask ? { size: mask.size, source: mask.source } : null,
      ranges: listed,
      hiddenNodeRanges: hidden,
      collisions: collisions(entries, model, family),
    });
  }
  return { cluster: model.cluster ?? null, families };
}
