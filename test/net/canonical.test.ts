import { describe, expect, it } from 'vitest';
import { libcIpv4Reading, mayBeNonCanonical, nonCanonicalNote, parseCidr, parseIp, type Cidr, type Ip } from '../../src/net/index.js';

function ip(text: string): Ip {
  const p = parseIp(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

function cidr(text: string): Cidr {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('Ip.nonCanonical', () => {
  it.each(['10.0.0.1', '0.0.0.0', '10.0.0.0', 'fd00::a', '2001:db8::1:0:0:1', '::', '::1', 'fd00:10:244:0:a:b:c:d', '64:ff9b::102:304'])('%s is canonical', (text) => {
    expect(ip(text).nonCanonical).toBe(false);
  });

  it.each([
    ['010.0.0.1', '10.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['FD00::A', 'fd00::a'],
    ['fd00::000a', 'fd00::a'],
    ['fd00:0:0:0:0:0:0:a', 'fd00::a'],
    ['2001:db8:0:0:1::1', '2001:db8::1:0:0:1'],
    ['fd00:10:244::a:b:c:d', 'fd00:10:244:0:a:b:c:d'],
    ['64:ff9b::1.2.3.4', '64:ff9b::102:304'],
  ])('%s is not canonical (%s)', (text, canonical) => {
    const v = ip(text);
    expect(v.nonCanonical).toBe(true);
    expect(v.canonical).toBe(canonical);
  });
});

describe('libcIpv4Reading', () => {
  it('reads leading-zero octets as octal and rejects 8 and 9 in them', () => {
    expect(libcIpv4Reading('010.000.001.002')).toBe('8.0.1.2');
    expect(libcIpv4Reading('010.096.000.010')).toBeUndefined();
    expect(libcIpv4Reading('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('mayBeNonCanonical', () => {
  it.each(['10.0.0.1', '10.244.100.0', '0.0.0.0', '192.168.10.20'])('passes %s without parsing', (text) => {
    expect(mayBeNonCanonical(text)).toBe(false);
  });
  it.each(['010.0.0.1', '10.00.0.1', '10.0.0.01', 'fd00::1'])('sends %s to the parser', (text) => {
    expect(mayBeNonCanonical(text)).toBe(true);
  });
});

describe('nonCanonicalNote', () => {
  it('is undefined for canonical values', () => {
    expect(nonCanonicalNote(ip('10.96.0.10'))).toBeUndefined();
    expect(nonCanonicalNote(cidr('10.96.0.0/12'))).toBeUndefined();
    expect(nonCanonicalNote(cidr(' 192.0.2.0/24 '))).toBeUndefined();
  });

  it('gives both readings of a leading-zero address and the form to write', () => {
    expect(nonCanonicalNote(ip('010.000.001.002'))).toBe('010.000.001.002 is read as 10.0.1.2 by Kubernetes but as 8.0.1.2 by libc; write 10.0.1.2');
    expect(nonCanonicalNote(ip('010.096.000.010'))).toMatch(/^010\.096\.000\.010 is read as 10\.96\.0\.10 by Kubernetes but rejected by libc .*; write 10\.96\.0\.10$/);
    expect(nonCanonicalNote(ip('10.0.0.01'))).toBe('10.0.0.01 has leading zeros; write 10.0.0.1');
  });

  it('names IPv4-mapped and non-RFC 5952 IPv6 text', () => {
    expect(nonCanonicalNote(ip('::ffff:10.0.0.1'))).toMatch(/IPv4-mapped .*; write 10\.0\.0\.1$/);
    expect(nonCanonicalNote(ip('2001:DB8::0001'))).toBe('2001:DB8::0001 is not in RFC 5952 form; write 2001:db8::1');
  });

  it('offers the network and the single address for a CIDR with host bits set', () => {
    expect(nonCanonicalNote(cidr('10.0.0.5/24'))).toBe('10.0.0.5/24 has host bits set, which Kubernetes drops (10.0.0.0/24); write 10.0.0.0/24, or 10.0.0.5/32 for the single address');
    expect(nonCanonicalNote(cidr('010.0.0.0/8'))).toMatch(/^010\.0\.0\.0\/8 is read as 10\.0\.0\.0 by Kubernetes but as 8\.0\.0\.0 by libc; write 10\.0\.0\.0\/8$/);
    expect(nonCanonicalNote(cidr('FD00::/64'))).toBe('FD00::/64 is not in RFC 5952 form; write fd00::/64');
  });
});
