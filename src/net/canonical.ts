/** What is ambiguous about an IP or CIDR not written in canonical form, and the form to write (KEP-4858, CVE-2021-29923). */
import { parseIp, type Cidr, type Ip } from './ip.js';

const OCTAL = /^[0-7]+$/;
const LEADING_ZERO_OCTET = /(?:^|\.)0\d/;

/**
 * A cheap test for text read in bulk (EndpointSlice addresses): false when the text, if it parses, is
 * surely canonical (dotted IPv4 without a leading-zero octet). IPv6 text is left to the parser.
 */
export function mayBeNonCanonical(text: string): boolean {
  return text.includes(':') || LEADING_ZERO_OCTET.test(text);
}

/**
 * What libc's inet_aton makes of dotted IPv4 text: an octet with a leading zero is octal, and one
 * holding an 8 or 9 is rejected (undefined). Kubernetes' legacy parser reads the same octets as
 * decimal (k8s.io/utils/net ParseIPSloppy), hence CVE-2021-29923.
 */
export function libcIpv4Reading(text: string): string | undefined {
  const out: number[] = [];
  for (const octet of text.split('.')) {
    const octal = octet.length > 1 && octet.startsWith('0');
    if (octal && !OCTAL.test(octet)) return undefined;
    out.push(Number.parseInt(octet, octal ? 8 : 10));
  }
  return out.join('.');
}

function addressNote(text: string, ip: Ip): string {
  if (ip.family === 'IPv4' && text.includes(':')) {
    return `is an IPv4-mapped IPv6 address: Kubernetes reads it as the IPv4 address ${ip.canonical}, other software as IPv6`;
  }
  if (ip.family === 'IPv4') {
    const libc = libcIpv4Reading(text);
    if (libc === undefined) return `is read as ${ip.canonical} by Kubernetes but rejected by libc (a leading zero makes an octet octal)`;
    return libc === ip.canonical ? `has leading zeros` : `is read as ${ip.canonical} by Kubernetes but as ${libc} by libc`;
  }
  return 'is not in RFC 5952 form';
}

/**
 * `<text> <what is ambiguous>; write <canonical>` for an IP or CIDR whose text is not its canonical
 * form; undefined when it is (the usual case, decided without building a string).
 */
export function nonCanonicalNote(value: Ip | Cidr): string | undefined {
  const text = value.text.trim();
  if (!('prefix' in value)) return value.nonCanonical ? `${text} ${addressNote(text, value)}; write ${value.canonical}` : undefined;
  if (text === value.canonical) return undefined;
  const addressText = text.slice(0, text.indexOf('/'));
  const address = parseIp(addressText);
  const notes: string[] = [];
  if (address.ok && address.value.nonCanonical) notes.push(addressNote(addressText, address.value));
  // Go's ParseCIDR, which Kubernetes uses, returns the masked network: 10.0.0.5/24 is 10.0.0.0/24.
  if (value.hostBitsSet) notes.push(`has host bits set, which Kubernetes drops (${value.canonical})`);
  if (notes.length === 0) notes.push('is not in canonical form');
  const single = value.hostBitsSet && address.ok ? `, or ${address.value.canonical}/${value.bits} for the single address` : '';
  return `${text} ${notes.join(' and ')}; write ${value.canonical}${single}`;
}
