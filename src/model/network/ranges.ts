/** Queries and sizing arithmetic over the cluster's declared ranges, shared by the CIDR rules and the address plan. */
import { nestRanges, parseCidr, type Cidr, type Family } from '../../net/index.js';
import type { ClusterNetwork, DeclaredRange, NodeMask, RangeSourceKind } from '../types.js';

/** Display precedence of sources per role: the first source of a range is the one messages name. */
const PRECEDENCE: Readonly<Record<'pods' | 'services', readonly RangeSourceKind[]>> = {
  pods: ['cli', 'kube-controller-manager', 'kubeadm', 'kind', 'kube-proxy'],
  services: ['cli', 'kube-apiserver', 'service-cidr', 'kubeadm', 'kube-controller-manager', 'kind', 'service-cidr-extra'],
};

/** A distinct declared range: one per role and network, named by its highest-precedence source. */
export interface ClusterRange extends DeclaredRange {
  /** Every source declaring this same range for this role, the naming one first. */
  readonly sources: readonly string[];
}

function rank(r: DeclaredRange): number {
  const i = PRECEDENCE[r.role].indexOf(r.sourceKind);
  return i < 0 ? PRECEDENCE[r.role].length : i;
}

/**
 * The distinct pod and service ranges declared by any source (configuration, flags, ServiceCIDRs),
 * pods first, each role in source precedence; the same range declared twice for a role counts once.
 */
export function clusterRanges(net: ClusterNetwork): ClusterRange[] {
  const byKey = new Map<string, { first: DeclaredRange; sources: string[] }>();
  const ordered = [...net.ranges].filter((r) => !r.inferred).map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.role === b.r.role ? 0 : a.r.role === 'pods' ? -1 : 1) || rank(a.r) - rank(b.r) || a.i - b.i);
  for (const { r } of ordered) {
    const key = `${r.role}|${r.cidr.canonical}`;
    const hit = byKey.get(key);
    if (hit) { if (!hit.sources.includes(r.source)) hit.sources.push(r.source); } else byKey.set(key, { first: r, sources: [r.source] });
  }
  return [...byKey.values()].map(({ first, sources }) => ({ ...first, sources }));
}

/** The declared range object behind a derived CIDR (`clusterCidrs`, `serviceRanges` hold the same objects). */
export function declaredRangeOf(net: ClusterNetwork, cidr: Cidr): DeclaredRange | undefined {
  return net.ranges.find((r) => r.cidr === cidr) ?? net.ranges.find((r) => r.cidr.canonical === cidr.canonical);
}

export function nodeMaskOf(net: ClusterNetwork, family: Family): NodeMask | undefined {
  return net.nodeMasks.find((m) => m.family === family);
}

function pow2(bits: number): bigint {
  return bits <= 0 ? 1n : 1n << BigInt(bits);
}

/** Addresses the legacy bitmap allocator can hand out in an IPv6 range (pkg/registry/core/service/ipallocator/bitmap.go). */
export const LEGACY_IPV6_SERVICE_MAX = 65_536n;

/**
 * Service IPs a range offers (ipallocator.go#hostsPerNetwork): IPv4 `2^h − 2` (network and
 * broadcast); IPv6 `2^h − 1`, capped at 65,536 addresses under the legacy bitmap allocator.
 */
export function usableServiceIps(cidr: Cidr, legacy: boolean): bigint {
  const h = cidr.bits - cidr.prefix;
  if (cidr.family === 'IPv4') return h <= 1 ? 0n : pow2(h) - 2n;
  const size = legacy && pow2(h) > LEGACY_IPV6_SERVICE_MAX ? LEGACY_IPV6_SERVICE_MAX : pow2(h);
  return size - 1n;
}

/**
 * Pod IPs a node range offers with node-podCIDR IPAM: IPv4 `2^h − 3` (network, broadcast, bridge
 * gateway), IPv6 `2^h − 2` (subnet-router anycast and gateway).
 */
export function usablePodIps(family: Family, mask: number): bigint {
  const h = (family === 'IPv4' ? 32 : 128) - mask;
  const n = pow2(h) - (family === 'IPv4' ? 3n : 2n);
  return n < 0n ? 0n : n;
}

/**
 * Node ranges a cluster CIDR yields with a node mask (cidr_set.go `maxCIDRs = 1 << (mask − prefix)`),
 * minus the blocks nodeipam occupies for service ranges inside it (range_allocator.go#filterOutServiceRange).
 */
export function nodeRangeCapacity(cluster: Cidr, mask: number, serviceRanges: readonly Cidr[]): { total: bigint; occupied: bigint } {
  if (mask < cluster.prefix || mask > cluster.bits) return { total: 0n, occupied: 0n };
  const total = pow2(mask - cluster.prefix);
  const shift = BigInt(cluster.bits - mask);
  let occupied = 0n;
  const roots = nestRanges(serviceRanges.filter((s) => s.family === cluster.family).map((range) => ({ range, item: null })));
  for (const { range: s } of roots) {
    const lo = s.first > cluster.first ? s.first : cluster.first;
    const hi = s.last < cluster.last ? s.last : cluster.last;
    if (lo > hi) continue;
    occupied += ((hi - cluster.first) >> shift) - ((lo - cluster.first) >> shift) + 1n;
  }
  return { total, occupied };
}

function cidrs(texts: readonly string[]): Cidr[] {
  return texts.map((t) => { const p = parseCidr(t); if (!p.ok) throw new Error(p.error); return p.value; });
}

/**
 * Special-purpose ranges a cluster range should not use (IANA registries; kubeadm warns on site-local
 * `fec0::/10`). `::ffff:0:0/96` is left out: Kubernetes reads IPv4-mapped text as IPv4 (DS507's domain).
 */
export const SPECIAL_PURPOSE_RANGES: readonly { readonly cidr: Cidr; readonly name: string }[] = cidrs([
  '0.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '224.0.0.0/4', '240.0.0.0/4',
  '::/128', '::1/128', '64:ff9b::/96', 'fe80::/10', 'fec0::/10', 'ff00::/8',
]).map((cidr, i) => ({
  cidr,
  name: ['"this network"', 'loopback', 'link-local', 'multicast', 'reserved', 'unspecified address', 'loopback', 'NAT64 well-known prefix', 'link-local', 'deprecated site-local', 'multicast'][i],
}));

/** Unique local IPv6 addresses (RFC 4193 `fc00::/7`): private, never routed on the internet. */
export const UNIQUE_LOCAL_RANGE: Cidr = cidrs(['fc00::/7'])[0];
