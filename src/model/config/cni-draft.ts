/** What each CNI reader produces, and how a draft becomes the provider-neutral CniConfig rules read. */
import { FAMILIES, type Family } from '../../net/index.js';
import type { CniConfig, CniPlugin, CniPool, CniSetting, FactSource, MasqueradeSetting, NotUnderstood } from '../types.js';

export interface CniDraft {
  readonly plugin: CniPlugin;
  /** The object that identifies the install (the CNI ConfigMap, the DaemonSet, the first IPPool). */
  readonly at: FactSource;
  /** Enabled pools; `poolsKnown` is false when the reader found no statement of the pools at all. */
  readonly pools: readonly CniPool[];
  readonly poolsKnown: boolean;
  /** Families the CNI assigns from a pool that is not written down (Calico's generated IPv6 ULA pool, Cilium's `kubernetes` IPAM). */
  readonly unlisted: readonly Family[];
  /** Settings that turn a family off, per family. */
  readonly off: ReadonlyMap<Family, readonly CniSetting[]>;
  /** Egress masquerade for addresses from no listed pool (CniConfig.masquerade); empty when the reader does not know it. */
  readonly masquerade?: CniConfig['masquerade'];
  readonly notUnderstood: readonly NotUnderstood[];
}

/** A family is assigned when nothing turns it off and a pool of it exists (or the pools are not stated anywhere). */
export function finishCni(d: CniDraft): CniConfig {
  const families: Family[] = [];
  const missing: { family: Family; reasons: readonly CniSetting[] }[] = [];
  for (const family of FAMILIES) {
    const reasons = d.off.get(family) ?? [];
    const pooled = !d.poolsKnown || d.unlisted.includes(family) || d.pools.some((p) => p.cidr.family === family);
    if (reasons.length === 0 && pooled) families.push(family);
    else missing.push({ family, reasons });
  }
  return Object.freeze({ ...d.at, plugin: d.plugin, families, missing, pools: d.pools, masquerade: d.masquerade ?? [] });
}

/** A masquerade fact read from `at`. */
export function masqueradeSetting(at: FactSource, family: Family, on: boolean, text: string, path?: string): MasqueradeSetting {
  return { ...at, ...(path ? { path } : {}), family, on, text };
}

/** Collects the settings that turn a family off. */
export class OffSwitches {
  readonly map = new Map<Family, CniSetting[]>();
  add(family: Family, at: FactSource, text: string, path?: string): void {
    const list = this.map.get(family) ?? [];
    list.push({ ...at, ...(path ? { path } : {}), text });
    this.map.set(family, list);
  }
}
