/** Owners in reports: one display text, one JSON shape, where a fix goes, and the owners with the most findings. */
import type { Finding } from '../engine/result.js';
import type { Owner } from '../model/types.js';
import { ownerFix, ownerText } from '../model/owner-text.js';

export { ownerFix, ownerText };
import { isActive } from './types.js';

/** The JSON shape of an owner (`scan -o json` and SARIF result properties): fixed key order, optional parts only when set. */
export function ownerJson(o: Owner) {
  return {
    kind: o.kind,
    name: o.name,
    namespace: o.namespace ?? null,
    via: o.via,
    ...(o.chart !== undefined ? { chart: o.chart } : {}),
    ...(o.release !== undefined ? { release: o.release } : {}),
    ...(o.app !== undefined ? { app: o.app } : {}),
  };
}

/** Identity of an owner for grouping: one release rendering several charts (istioctl, umbrella charts) is one owner per chart. */
export function ownerKey(o: Owner): string {
  return `${o.via}|${o.kind}|${o.namespace ?? ''}|${o.name}|${o.chart ?? ''}`;
}

/** One owner with its active error and warning findings counted. */
export interface OwnerTally {
  readonly owner: Owner;
  readonly error: number;
  readonly warning: number;
  /** Findings per rule code, most first, then by code. */
  readonly rules: readonly { readonly code: string; readonly count: number }[];
}

/** How many owners the "top owners blocking dual-stack" summary lists. */
export const TOP_OWNERS = 10;

/**
 * The owners with the most active error and warning findings, most first (ties by owner text), at most
 * `limit`. Findings on unmanaged objects are not counted: their fix is the object itself.
 */
export function topOwners(findings: readonly Finding[], limit = TOP_OWNERS): OwnerTally[] {
  const byKey = new Map<string, { owner: Owner; error: number; warning: number; rules: Map<string, number> }>();
  for (const f of findings) {
    if (!f.owner || !isActive(f) || f.severity === 'info') continue;
    const k = ownerKey(f.owner);
    let t = byKey.get(k);
    if (!t) byKey.set(k, (t = { owner: f.owner, error: 0, warning: 0, rules: new Map() }));
    t[f.severity]++;
    t.rules.set(f.code, (t.rules.get(f.code) ?? 0) + 1);
  }
  const text = (o: Owner) => `${ownerText(o)}|${ownerKey(o)}`;
  return [...byKey.values()]
    .map((t) => ({
      owner: t.owner,
      error: t.error,
      warning: t.warning,
      rules: [...t.rules].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    }))
    .sort((a, b) => b.error + b.warning - (a.error + a.warning) || b.error - a.error || (text(a.owner) < text(b.owner) ? -1 : text(a.owner) > text(b.owner) ? 1 : 0))
    .slice(0, limit);
}

/** `DS101 ×2, DS121` */
export function ruleCounts(t: OwnerTally): string {
  return t.rules.map((r) => (r.count > 1 ? `${r.code} ×${r.count}` : r.code)).join(', ');
}
