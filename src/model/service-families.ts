/** What families a Service has, or will get from the API server on create (catalog section 6). */
import type { ClusterNetwork, Family, Service } from './types.js';

export interface ServiceFamilies {
  /** How many families the Service has or will get: 1 or 2. */
  readonly count: 1 | 2;
  /** The families, when known (a manifest on an unknown cluster may leave the family open). */
  readonly families: readonly Family[];
  /** `allocated`: read from clusterIPs; `predicted`: what the API server will allocate on create. */
  readonly basis: 'allocated' | 'predicted';
}

/**
 * Live objects: the allocated cluster IPs. Manifests: unset or SingleStack ⇒ one family (`ipFamilies[0]`,
 * else the cluster primary); PreferDualStack ⇒ two unless the cluster is known single-stack;
 * RequireDualStack ⇒ two (or rejected, DS122). (k8s alloc.go#initIPFamilyFields.)
 */
export function serviceFamilies(svc: Service, net: ClusterNetwork): ServiceFamilies {
  if (svc.clusterIPs.length > 0) {
    const fams: Family[] = [];
    for (const ip of svc.clusterIPs) if (!fams.includes(ip.family)) fams.push(ip.family);
    return { count: fams.length >= 2 ? 2 : 1, families: fams, basis: 'allocated' };
  }
  // A live headless Service has no cluster IPs; the API server recorded its families in ipFamilies.
  if (svc.headless && svc.live && svc.ipFamilies.length > 0) {
    return { count: svc.ipFamilies.length >= 2 ? 2 : 1, families: svc.ipFamilies, basis: 'allocated' };
  }
  const primary = svc.ipFamilies[0] ?? net.serviceFamilies[0];
  const clusterKnownSingle = net.serviceFamilies.length === 1 && (net.serviceFamiliesSource === 'declared' || net.state === 'ipv4' || net.state === 'ipv6');
  if (svc.ipFamilyPolicy === 'SingleStack' || (svc.ipFamilyPolicy === 'PreferDualStack' && clusterKnownSingle)) {
    return { count: 1, families: primary ? [primary] : [], basis: 'predicted' };
  }
  // Without ipFamilies the API server takes the cluster's families in its order, primary first
  // (k8s pkg/registry/core/service/storage/alloc.go#initIPFamilyFields); IPv4 first only when the order is unknown.
  const fams: Family[] = [...svc.ipFamilies];
  for (const f of [...net.serviceFamilies, 'IPv4', 'IPv6'] as const) if (fams.length < 2 && !fams.includes(f)) fams.push(f);
  return { count: 2, families: fams, basis: 'predicted' };
}
