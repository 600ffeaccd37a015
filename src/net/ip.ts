/** IP and CIDR parsing with Kubernetes family semantics, on BigInt ranges shared by both families. */
import ipaddr from 'ipaddr.js';

export type Family = 'IPv4' | 'IPv6';
export const FAMILIES: readonly Family[] = ['IPv4', 'IPv6'];

export interface Ip {
  /** The text as written. */
  readonly text: string;
  readonly family: Family;
  /** Numeric value in the family's address space (32 or 128 bits). */
  readonly value: bigint;
  /** Canonical text (dotted decimal, or RFC 5952 for IPv6). */
  readonly canonical: string;
  /**
   * Not written in its canonical form: IPv4 with leading zeros or IPv4-mapped IPv6 (which Kubernetes'
   * strict validation rejects), or IPv6 text other than RFC 5952 (which it warns about; KEP-4858).
   */
  readonly nonCanonical: boolean;
}

export interface Cidr {
  readonly text: string;
  readonly family: Family;
  readonly prefix: number;
  /** Address width of the family: 32 or 128. */
  readonly bits: 32 | 128;
  /** First and last address of the masked network. */
  readonly first: bigint;
  readonly last: bigint;
  /** Canonical `network/prefix` text. */
  readonly canonical: string;
  /** The address had bits set beyond the prefix (Kubernetes masks them: `10.0.0.5/24` is `10.0.0.0/24`). */
  readonly hostBitsSet: boolean;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function widthOf(family: Family): 32 | 128 {
  return family === 'IPv4' ? 32 : 128;
}

function parseIpv4(text: string): { value: bigint; leadingZeros: boolean } | undefined {
  const m = IPV4_RE.exec(text);
  if (!m) return undefined;
  let value = 0n;
  let leadingZeros = false;
  for (let i = 1; i <= 4; i++) {
    const octet = m[i];
    // Kubernetes' legacy parser reads leading-zero octets as decimal, not octal (KEP-4858, CVE-2021-29923).
    if (octet.length > 1 && octet.startsWith('0')) leadingZeros = true;
    const n = Number.parseInt(octet, 10);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return { value, leadingZeros };
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
}

function formatIpv6(value: bigint): string {
  const parts: number[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) parts.push(Number((value >> s) & 0xffffn));
  return ipaddr.IPv6.parse(parts.map((p) => p.toString(16)).join(':')).toRFC5952String();
}

/**
 * Fast path for the IPv6 text found in bulk (pod IPs, endpoints): hex groups with at most one `::`,
 * no embedded IPv4, no zone, not IPv4-mapped. Gives ipaddr.js's value and RFC 5952 text; anything
 * else returns undefined and takes the ipaddr.js path.
 */
function parsePlainIpv6(text: string): { value: bigint; canonical: string } | undefined {
  const n = text.length;
  if (n < 2 || n > 39) return undefined;
  const groups = [0, 0, 0, 0, 0, 0, 0, 0];
  let count = 0;
  let gap = -1;
  let cur = 0;
  let digits = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a) {
      if (text.charCodeAt(i + 1) === 0x3a) {
        if (gap >= 0) return undefined;
        if (digits > 0) {
          if (count === 8) return undefined;
          groups[count++] = cur;
        } else if (i !== 0) return undefined;
        gap = count;
        cur = 0;
        digits = 0;
        i++;
        continue;
      }
      if (digits === 0 || count === 8 || i === n - 1) return undefined;
      groups[count++] = cur;
      cur = 0;
      digits = 0;
      continue;
    }
    const h = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1;
    if (h < 0 || ++digits > 4) return undefined;
    cur = cur * 16 + h;
  }
  if (digits > 0) {
    if (count === 8) return undefined;
    groups[count++] = cur;
  }
  if (gap < 0) {
    if (count !== 8) return undefined;
  } else {
    if (count > 7) return undefined;
    const shift = 8 - count;
    for (let i = 7; i >= gap + shift; i--) groups[i] = groups[i - shift];
    for (let i = gap; i < gap + shift; i++) groups[i] = 0;
  }
  // ::ffff:0:0/96 is IPv4-mapped: ipaddr.js turns it into an IPv4 address.
  if (groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff) return undefined;
  const value =
    (BigInt(groups[0] * 0x10000 + groups[1]) << 96n) |
    (BigInt(groups[2] * 0x10000 + groups[3]) << 64n) |
    (BigInt(groups[4] * 0x10000 + groups[5]) << 32n) |
    BigInt(groups[6] * 0x10000 + groups[7]);
  return { value, canonical: rfc5952(groups) };
}

/** RFC 5952 text of eight groups: lower-case, no leading zeros, the first longest run of two or more zero groups as `::`. */
function rfc5952(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLength - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i].toString(16);
  }
  return out;
}

/** Canonical text of an address value of a family. */
export function formatAddress(family: Family, value: bigint): string {
  return family === 'IPv4' ? formatIpv4(value) : formatIpv6(value);
}

/** Parses one IP address. An IPv4-mapped IPv6 address counts as IPv4, as in k8s.io/utils/net. */
export function parseIp(input: string): Parsed<Ip> {
  const text = String(input);
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'empty IP address' };
  const v4 = parseIpv4(trimmed);
  if (v4) {
    return { ok: true, value: { text, family: 'IPv4', value: v4.value, canonical: formatIpv4(v4.value), nonCanonical: v4.leadingZeros } };
  }
  const plain = parsePlainIpv6(trimmed);
  if (plain) return { ok: true, value: { text, family: 'IPv6', value: plain.value, canonical: plain.canonical, nonCanonical: plain.canonical !== trimmed } };
  if (trimmed.includes(':') && !trimmed.includes('%') && ipaddr.IPv6.isValid(trimmed)) {
    const addr = ipaddr.IPv6.parse(trimmed);
    if (addr.isIPv4MappedAddress()) {
      const value = BigInt('0x' + Buffer.from(addr.toIPv4Address().toByteArray()).toString('hex'));
      return { ok: true, value: { text, family: 'IPv4', value, canonical: formatIpv4(value), nonCanonical: true } };
    }
    const value = BigInt('0x' + Buffer.from(addr.toByteArray()).toString('hex'));
    const canonical = addr.toRFC5952String();
    return { ok: true, value: { text, family: 'IPv6', value, canonical, nonCanonical: canonical !== trimmed } };
  }
  return { ok: false, error: `"${trimmed}" is not a valid IP address` };
}

/** Parses a CIDR (`10.0.0.0/16`, `fd00::/108`). Host bits are masked off, as Go's ParseCIDR does. */
export function parseCidr(input: string): Parsed<Cidr> {
  const text = String(input);
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return { ok: false, error: `"${trimmed}" is not a CIDR (no /prefix)` };
  const ip = parseIp(trimmed.slice(0, slash));
  if (!ip.ok) return { ok: false, error: `"${trimmed}" is not a valid CIDR: ${ip.error}` };
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, error: `"${trimmed}" has an invalid prefix length` };
  const family = ip.value.family;
  const bits = widthOf(family);
  // API validation of CIDR fields rejects IPv4-mapped IPv6 CIDRs (KEP-4858); where one was stored,
  // netutils.ParseCIDRSloppy reads ::ffff:10.0.0.0/104 as an IPv4 address with a 128-bit mask, which is
  // neither family's range. Reading it as 10.0.0.0/8 would audit a range Kubernetes never uses.
  // (A single mapped address stays IPv4, as in parseIp.)
  if (family === 'IPv4' && trimmed.slice(0, slash).includes(':')) {
    return { ok: false, error: `"${trimmed}" is an IPv4-mapped IPv6 CIDR, which Kubernetes' CIDR validation rejects; write an IPv4 or an IPv6 CIDR` };
  }
  const prefix = Number(prefixText);
  if (prefix < 0 || prefix > bits) return { ok: false, error: `"${trimmed}" has a prefix length out of range for ${family}` };
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const first = ip.value.value & ~hostMask & ((1n << BigInt(bits)) - 1n);
  const last = first | hostMask;
  return {
    ok: true,
    value: {
      text,
      family,
      prefix,
      bits,
      first,
      last,
      canonical: `${formatAddress(family, first)}/${prefix}`,
      hostBitsSet: first !== ip.value.value,
    },
  };
}

/** Splits a comma-separated list (`a,b`), trimming entries and dropping empty ones. */
export function splitList(text: string): string[] {
  return String(text)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Number of addresses in a CIDR. */
export function cidrSize(cidr: Cidr): bigint {
  return cidr.last - cidr.first + 1n;
}

/** True when `outer` contains the whole of `inner` (a CIDR or an IP). Different families never contain each other. */
export function contains(outer: Cidr, inner: Cidr | Ip): boolean {
  if (outer.family !== inner.family) return false;
  if ('prefix' in inner) return inner.first >= outer.first && inner.last <= outer.last;
  return inner.value >= outer.first && inner.value <= outer.last;
}

/** True when two CIDRs share any address (for CIDRs: one contains the other). */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** Distinct families of a list, in first-seen order. */
export function familiesOf(items: readonly { readonly family: Family }[]): Family[] {
  const out: Family[] = [];
  for (const it of items) if (!out.includes(it.family)) out.push(it.family);
  return out;
}

/** The other family. */
export function otherFamily(f: Family): Family {
  return f === 'IPv4' ? 'IPv6' : 'IPv4';
}

/** The single-address CIDR (`/32` or `/128`) of an IP, for overlap sweeps that mix addresses and ranges. */
export function hostCidr(ip: Ip): Cidr {
  const bits = widthOf(ip.family);
  return { text: ip.text, family: ip.family, prefix: bits, bits, first: ip.value, last: ip.value, canonical: `${ip.canonical}/${bits}`, hostBitsSet: false };
}

/** `host:port` as Go's net.JoinHostPort writes it: an IPv6 address in brackets (`[::]:15006`). */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
