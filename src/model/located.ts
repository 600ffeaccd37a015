/** Parses the IP and CIDR entries of a list, each with the path of its entry in the list as written. */
import { parseCidr, parseIp, type Parsed } from '../net/index.js';
import type { FieldReader } from './reader.js';
import type { InvalidValue, LocatedCidr, LocatedIp } from './types.js';

/** One list entry as written: its field path (`spec.clusterIPs[3]`) and text. */
export type Entry = readonly [path: string, text: string];

const ITEM_PATHS = new Map<string, string>();
const ITEM_PATH_LIMIT = 10_000;

/** `path[i]`; the strings are shared, since every Pod or Node reads the same few entry paths. */
export function itemPath(path: string, i: number): string {
  const key = `${path}\u0000${i}`;
  const cached = ITEM_PATHS.get(key);
  if (cached !== undefined) return cached;
  const made = `${path}[${i}]`;
  if (ITEM_PATHS.size < ITEM_PATH_LIMIT) ITEM_PATHS.set(key, made);
  return made;
}

/** The string entries of a list field, each with its path by its index as written (skipped items keep their slot). */
export function entriesAt(r: FieldReader, path: string): Entry[] {
  return r.strItems(path).map(([i, text]) => [itemPath(path, i), text]);
}

function located<T>(list: readonly Entry[], parse: (t: string) => Parsed<T>, invalid: InvalidValue[]): (T & { readonly path: string })[] {
  const out: (T & { readonly path: string })[] = [];
  for (const [path, text] of list) {
    const p = parse(text);
    if (p.ok) out.push({ ...p.value, path });
    else invalid.push({ path, value: text, error: p.error });
  }
  return out;
}

/** The entries that parse as IPs; the others go to `invalid` under their own path. */
export function locatedIps(list: readonly Entry[], invalid: InvalidValue[]): LocatedIp[] {
  return located(list, parseIp, invalid);
}

/** The entries that parse as CIDRs; the others go to `invalid` under their own path. */
export function locatedCidrs(list: readonly Entry[], invalid: InvalidValue[]): LocatedCidr[] {
  return located(list, parseCidr, invalid);
}
