/** Defensive readers for untyped API object bodies: wrong types become "absent", never exceptions. */

export type RawMap = Readonly<Record<string, unknown>>;

export function asMap(v: unknown): RawMap | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as RawMap) : undefined;
}

export function asArray(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A string, or a number/boolean rendered as text (YAML often types `8080` or `true` where strings belong). */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/** A string-valued map such as labels; non-string values are stringified, nested values dropped. */
export function asStringMap(v: unknown): Readonly<Record<string, string>> {
  const m = asMap(v);
  if (!m) return {};
  const out: Record<string, string> = {};
  for (const k of Object.keys(m).sort()) {
    const s = asString(m[k]);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** A list of strings; a lone string is taken as a one-item list (`ipFamilies: IPv4`). */
export function asStringList(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return asArray(v)
    .map(asString)
    .filter((s): s is string => s !== undefined);
}

/** Reads a nested value by keys. */
export function dig(v: unknown, ...keys: string[]): unknown {
  let cur: unknown = v;
  for (const k of keys) {
    const m = asMap(cur);
    if (!m) return undefined;
    cur = m[k];
  }
  return cur;
}
