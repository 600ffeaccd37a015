/** Address ranges written as a CIDR or as `start-end` (MetalLB pools, LB IPAM pools), on the same BigInt ranges as CIDRs. */
import { parseCidr, parseIp, type Family, type Parsed } from './ip.js';

/** An inclusive range of addresses of one family. */
export interface IpRange {
  /** The text as written. */
  readonly text: string;
  readonly family: Family;
  /** First and last address, inclusive. */
  readonly first: bigint;
  readonly last: bigint;
  /** `cidr` for `10.0.0.0/24`, `range` for `10.0.0.10-10.0.0.20`. */
  readonly form: 'cidr' | 'range';
}

/**
 * Parses `start-end` (both ends included, spaces around either end allowed). Both ends must be of one
 * family and `start <= end`, as MetalLB's config parser requires.
 */
export function parseIpRange(input: string): Parsed<IpRange> {
  const text = String(input);
  const dash = text.indexOf('-');
  if (dash < 0) return { ok: false, error: `"${text.trim()}" is not a range (no "-")` };
  const start = parseIp(text.slice(0, dash));
  const end = parseIp(text.slice(dash + 1));
  if (!start.ok) return { ok: false, error: `"${text.trim()}" has an invalid start: ${start.error}` };
  if (!end.ok) return { ok: false, error: `"${text.trim()}" has an invalid end: ${end.error}` };
  if (start.value.family !== end.value.family) return { ok: false, error: `"${text.trim()}" mixes ${start.value.family} and ${end.value.family}` };
  if (start.value.value > end.value.value) return { ok: false, error: `"${text.trim()}" ends before it starts` };
  return { ok: true, value: { text, family: start.value.family, first: start.value.value, last: end.value.value, form: 'range' } };
}

/** Parses a CIDR or a `start-end` range into an inclusive range. */
export function parseAddressRange(input: string): Parsed<IpRange> {
  const text = String(input);
  if (text.includes('-')) return parseIpRange(text);
  const cidr = parseCidr(text);
  if (!cidr.ok) return cidr;
  return { ok: true, value: { text, family: cidr.value.family, first: cidr.value.first, last: cidr.value.last, form: 'cidr' } };
}

/** Number of addresses in a range. */
export function rangeSize(range: IpRange): bigint {
  return range.last - range.first + 1n;
}
