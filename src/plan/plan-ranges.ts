/** The pod and Service range a cluster needs for a family it does not have yet: sized for its nodes, clear of every range and address it has. */
import { formatAddress, hostCidr, overlaps, parseCidr, type Cidr, type Family } from '../net/index.js';
import { nodeMaskOf } from '../model/network/ranges.js';
import type { ClusterModel } from '../model/types.js';

/** A range to add, and why it has that size. */
export interface ProposedRange {
  readonly role: 'pods' | 'services';
  readonly cidr: string;
  /** `256 node ranges of /64`, `65,536 addresses`. */
  readonly size: string;
}

/**
 * Where candidates start: the ranges kubeadm documents for dual-stack (pods `10.244.0.0/16`,
 * `fd00:10:244::/56`; Services `10.96.0.0/16`, `fd00:10:96::/112`), in a private or ULA block.
 */
const START: Readonly<Record<Family, Record<'pods' | 'services', string>>> = {
  IPv4: { pods: '10.244.0.0', services: '10.96.0.0' },
  IPv6: { pods: 'fd00:10:244::', services: 'fd00:10:96::' },
};

/** kube-controller-manager's default node mask per family (cmd/kube-controller-manager/app/core.go). */
const DEFAULT_MASK: Readonly<Record<Family, number>> = { IPv4: 24, IPv6: 64 };

/** Service ranges: 16 host bits, within the legacy allocator's limit of 20 (and its IPv6 cap of 65,536). */
const SERVICE_HOST_BITS = 16;

/** Candidates tried before giving up (each one range further on). */
const MAX_TRIES = 4096;

/** Ranges a new range must not overlap: every declared range, external network and node address. */
function taken(model: ClusterModel): Cidr[] {
  const net = model.clusterNetwork;
  const out: Cidr[] = [...net.ranges.map((r) => r.cidr), ...net.externalNetworks.map((e) => e.cidr)];
  for (const n of model.nodes) {
    for (const c of n.podCIDRs) out.push(c);
    for (const a of n.addresses) if (a.ip) out.push(hostCidr(a.ip));
  }
  return out;
}

function firstFree(family: Family, start: string, prefix: number, used: readonly Cidr[]): Cidr | undefined {
  const base = parseCidr(`${start}/${prefix}`);
  if (!base.ok) return undefined;
  const step = base.value.last - base.value.first + 1n;
  const bits = family === 'IPv4' ? 32 : 128;
  for (let i = 0n; i < BigInt(MAX_TRIES); i++) {
    const first = base.value.first + i * step;
    if (first + step - 1n >= 1n << BigInt(bits)) return undefined;
    const c = parseCidr(`${formatAddress(family, first)}/${prefix}`);
    if (c.ok && !used.some((u) => u.family === family && overlaps(u, c.value))) return c.value;
  }
  return undefined;
}

/** Smallest pod range of node ranges of `mask` that holds twice today's nodes, and at least 256 node ranges. */
function podPrefix(mask: number, nodes: number): number {
  let hostBits = 8;
  while (2 ** hostBits < nodes * 2) hostBits++;
  return Math.max(0, mask - hostBits);
}

/** The pod and Service ranges to add for `family`, for a model that lacks them; `roles` says which are missing. */
export function proposeRanges(model: ClusterModel, family: Family, roles: readonly ('pods' | 'services')[]): ProposedRange[] {
  const used = taken(model);
  const out: ProposedRange[] = [];
  const mask = nodeMaskOf(model.clusterNetwork, family)?.size ?? DEFAULT_MASK[family];
  const bits = family === 'IPv4' ? 32 : 128;
  for (const role of roles) {
    const prefix = role === 'pods' ? podPrefix(mask, model.nodes.length) : bits - SERVICE_HOST_BITS;
    const cidr = firstFree(family, START[family][role], prefix, used);
    if (!cidr) continue;
    used.push(cidr);
    const size = role === 'pods'
      ? `${(2 ** (mask - prefix)).toLocaleString('en-US')} node ranges of /${mask}`
      : `${(2 ** SERVICE_HOST_BITS).toLocaleString('en-US')} addresses`;
    out.push({ role, cidr: cidr.canonical, size });
  }
  return out;
}
