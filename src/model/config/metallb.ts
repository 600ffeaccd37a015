/** MetalLB semantics: the Service annotations it reads and which IPAddressPools may serve a Service. */
import { parseIp, splitList, type Ip } from '../../net/index.js';
import type { InvalidValue, LabelSelector, MetalLbPool, Service } from '../types.js';

/** Pool and address annotations, current key first (MetalLB reads the `metallb.universe.tf` ones for compatibility). */
export const METALLB_POOL_ANNOTATIONS = ['metallb.io/address-pool', 'metallb.universe.tf/address-pool'] as const;
export const METALLB_IPS_ANNOTATIONS = ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs'] as const;

/** What a Service asks MetalLB for through its annotations. */
export interface MetalLbRequest {
  /** A pool named by `metallb.io/address-pool`, and the annotation key used. */
  readonly pool?: { readonly name: string; readonly annotation: string };
  /** Addresses listed by `metallb.io/loadBalancerIPs` (comma list), the entries that do not parse, and the key used. */
  readonly ips?: { readonly ips: readonly Ip[]; readonly invalid: readonly InvalidValue[]; readonly annotation: string };
}

function firstAnnotation(svc: Service, keys: readonly string[]): [string, string] | undefined {
  for (const k of keys) {
    const v = svc.annotations[k];
    if (v !== undefined && v.trim() !== '') return [k, v.trim()];
  }
  return undefined;
}

/** The MetalLB annotations of a Service, parsed. */
export function metallbRequest(svc: Service): MetalLbRequest {
  const pool = firstAnnotation(svc, METALLB_POOL_ANNOTATIONS);
  const ipsAnnotation = firstAnnotation(svc, METALLB_IPS_ANNOTATIONS);
  let ips: MetalLbRequest['ips'];
  if (ipsAnnotation) {
    const parsed: Ip[] = [];
    const invalid: InvalidValue[] = [];
    for (const entry of splitList(ipsAnnotation[1])) {
      const p = parseIp(entry);
      if (p.ok) parsed.push(p.value);
      else invalid.push({ path: 'metadata.annotations', value: entry, error: p.error, field: `annotation ${ipsAnnotation[0]}` });
    }
    ips = { ips: parsed, invalid, annotation: ipsAnnotation[0] };
  }
  return { ...(pool ? { pool: { name: pool[1], annotation: pool[0] } } : {}), ...(ips ? { ips } : {}) };
}

/** Whether a Kubernetes label selector matches a label set (an empty selector matches everything). */
export function labelSelectorMatches(selector: LabelSelector, labels: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels)) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const value = labels[e.key];
    switch (e.operator) {
      case 'In': if (!has || !e.values.includes(value)) return false; break;
      case 'NotIn': if (has && e.values.includes(value)) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}

/** `yes`, `no`, or `unknown` when it depends on facts the model lacks (Namespace labels). */
export type Eligibility = 'yes' | 'no' | 'unknown';

/**
 * Whether MetalLB may auto-assign a Service an address from a pool (internal/allocator `Allocate`):
 * pools with `autoAssign: false` never; pools without `serviceAllocation` always; pinned pools when the
 * Service's namespace and labels match (`isPoolCompatibleWithService`). `namespaceSelectors` select by
 * Namespace labels, which are not in the model, so a namespace they might select is `unknown`.
 */
export function metallbPoolEligibility(pool: MetalLbPool, svc: Service): Eligibility {
  if (!pool.autoAssign) return 'no';
  const alloc = pool.serviceAllocation;
  if (!alloc) return 'yes';
  const ns = svc.ref.namespace ?? '';
  const nsConstrained = alloc.namespaces.length > 0 || alloc.namespaceSelectors.length > 0;
  const svcConstrained = alloc.serviceSelectors.length > 0;
  // A pool with serviceAllocation but no namespace or service criteria is pinned to nothing.
  if (!nsConstrained && !svcConstrained) return 'no';
  let nsMatch: Eligibility = 'yes';
  if (nsConstrained) nsMatch = alloc.namespaces.includes(ns) ? 'yes' : alloc.namespaceSelectors.length > 0 ? 'unknown' : 'no';
  const svcMatch: Eligibility = !svcConstrained || alloc.serviceSelectors.some((s) => labelSelectorMatches(s, svc.labels)) ? 'yes' : 'no';
  if (nsMatch === 'no' || svcMatch === 'no') return 'no';
  return nsMatch === 'unknown' ? 'unknown' : 'yes';
}

/** True for Services MetalLB reconciles: no `loadBalancerClass`, or a class naming MetalLB (its `--lb-class`). */
export function handledByMetalLb(svc: Service): boolean {
  return svc.type === 'LoadBalancer' && (svc.loadBalancerClass === undefined || /metallb/i.test(svc.loadBalancerClass));
}
