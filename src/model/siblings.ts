/**
 * Values that the pods of one controller repeat, kept once. A ReplicaSet's pods carry the same
 * labels, owner reference and containers, so a 150,000-pod cluster has about as many distinct
 * values as it has controllers. Sharing them keeps the model small, and what a new pod would have
 * added dies young instead of being copied into the old generation. A raw value is reused only when
 * it equals the kept one field for field, read with the same rules as the normalizers (strings only);
 * anything else is normalized as usual, so wrong-typed fields are still reported.
 */
import { configMapRefsOf } from './config-map-refs.js';
import { probesOf, sameProbes } from './probes.js';
import { hostPortsOf, sameHostPorts } from './host-ports.js';
import type { RawMap } from './raw.js';
import type { Container, OwnerRef, PodSpecSummary } from './types.js';

/** The values last normalized for one controller's pods. */
export interface Kept {
  labels?: Readonly<Record<string, string>>;
  ownerReferences?: readonly OwnerRef[];
  spec?: PodSpecSummary;
}

export class SiblingValues {
  private readonly byOwner = new Map<string, Kept>();
  private readonly strings = new Map<string, string>();

  /** What the siblings of an object whose controller has this uid left (undefined without a uid). */
  keptFor(ownerUid: string | undefined): Kept | undefined {
    if (ownerUid === undefined) return undefined;
    let kept = this.byOwner.get(ownerUid);
    if (!kept) {
      kept = {};
      this.byOwner.set(ownerUid, kept);
    }
    return kept;
  }

  /** One string object per distinct text (node names, namespaces: few values, many pods). */
  intern(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }
}

/** `raw` holds exactly the string entries of `kept`. */
export function sameStringMap(raw: unknown, kept: Readonly<Record<string, string>>): boolean {
  if (raw === undefined || raw === null) return Object.keys(kept).length === 0;
  if (typeof raw !== 'object' || Array.isArray(raw)) return false;
  let n = 0;
  for (const k in raw as RawMap) {
    if ((raw as RawMap)[k] !== kept[k]) return false;
    n++;
  }
  return n === Object.keys(kept).length;
}

function sameStrings(raw: unknown, kept: readonly string[]): boolean {
  if (raw === undefined || raw === null) return kept.length === 0;
  if (!Array.isArray(raw) || raw.length !== kept.length) return false;
  for (let i = 0; i < raw.length; i++) if (raw[i] !== kept[i]) return false;
  return true;
}

function asRecord(v: unknown): RawMap | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as RawMap) : undefined;
}

/** `raw` (a pod's `ownerReferences`) normalizes to `kept`. */
export function sameOwnerReferences(raw: unknown, kept: readonly OwnerRef[]): boolean {
  if (!Array.isArray(raw) || raw.length !== kept.length) return false;
  for (let i = 0; i < raw.length; i++) {
    const o = asRecord(raw[i]);
    const k = kept[i];
    if (!o || o.apiVersion !== k.apiVersion || o.kind !== k.kind || o.name !== k.name) return false;
    if (k.uid !== undefined ? o.uid !== k.uid : o.uid !== undefined && o.uid !== null && o.uid !== '') return false;
  }
  return true;
}

/** `raw` (a pod's `spec`) normalizes to `kept`. */
export function samePodSpec(raw: unknown, kept: PodSpecSummary): boolean {
  const spec = asRecord(raw);
  if (!spec) return false;
  const host = spec.hostNetwork ?? false;
  return host === kept.hostNetwork && sameContainers(spec.containers, kept.containers) && sameContainers(spec.initContainers, kept.initContainers)
    && sameNameservers(spec.dnsConfig, kept.dnsNameservers) && JSON.stringify(configMapRefsOf(spec, kept.path)) === JSON.stringify(kept.configMapRefs);
}

/** `raw` (a pod spec's `dnsConfig`) has exactly the nameservers kept, all of them IPs. */
function sameNameservers(raw: unknown, kept: PodSpecSummary['dnsNameservers']): boolean {
  const list = asRecord(raw)?.nameservers;
  if (list === undefined || list === null) return kept.length === 0;
  return Array.isArray(list) && list.length === kept.length && list.every((t, i) => t === kept[i].text);
}

/** `raw` (a pod spec's `containers` or `initContainers`) normalizes to `kept`. */
export function sameContainers(raw: unknown, kept: readonly Container[]): boolean {
  if (raw === undefined || raw === null) return kept.length === 0;
  if (!Array.isArray(raw) || raw.length !== kept.length) return false;
  for (let i = 0; i < raw.length; i++) {
    const c = asRecord(raw[i]);
    const k = kept[i];
    if (!c || c.name !== k.name) return false;
    if (k.image !== undefined ? c.image !== k.image : c.image !== undefined && c.image !== null && c.image !== '') return false;
    if (!sameStrings(c.command, k.command) || !sameStrings(c.args, k.args)) return false;
    if (!sameProbes(probesOf(c, k.path), k.probes)) return false;
    if (!sameHostPorts(hostPortsOf(c, k.path), k.hostPorts)) return false;
    const env = c.env;
    if (env === undefined || env === null) {
      if (k.env.length !== 0) return false;
      continue;
    }
    if (!Array.isArray(env) || env.length !== k.env.length) return false;
    for (let j = 0; j < env.length; j++) {
      const e = asRecord(env[j]);
      const ke = k.env[j];
      if (!e || e.name !== ke.name) return false;
      if (ke.value !== undefined ? e.value !== ke.value : e.value !== undefined && e.value !== null) return false;
      const fieldPath = asRecord(asRecord(e.valueFrom)?.fieldRef)?.fieldPath;
      if (ke.fieldRef !== undefined ? fieldPath !== ke.fieldRef : fieldPath !== undefined && fieldPath !== null) return false;
    }
  }
  return true;
}
