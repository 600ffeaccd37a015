import { describe, expect, it } from 'vitest';
import { parseAddressRange, parseIpRange, rangeSize } from '../../src/net/index.js';

describe('parseIpRange', () => {
  it('parses an IPv4 start-end range, both ends included', () => {
    const r = parseIpRange('192.168.10.240-192.168.10.250');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ family: 'IPv4', form: 'range', first: 0xc0a80af0n, last: 0xc0a80afan });
    expect(rangeSize(r.value)).toBe(11n);
  });

  it('parses an IPv6 range and tolerates spaces around the ends', () => {
    const r = parseIpRange(' 2001:db8::10 - 2001:db8::1f ');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.family).toBe('IPv6');
    expect(rangeSize(r.value)).toBe(16n);
  });

  it('accepts a one-address range', () => {
    const r = parseIpRange('10.0.0.1-10.0.0.1');
    expect(r.ok && rangeSize(r.value)).toBe(1n);
  });

  it('classifies IPv4-mapped IPv6 ends as IPv4, as Kubernetes does', () => {
    const r = parseIpRange('::ffff:10.0.0.1-10.0.0.9');
    expect(r.ok && r.value.family).toBe('IPv4');
  });

  it('rejects mixed families, reversed ends and garbage', () => {
    expect(parseIpRange('10.0.0.1-2001:db8::1')).toMatchObject({ ok: false, error: expect.stringContaining('mixes IPv4 and IPv6') });
    expect(parseIpRange('10.0.0.9-10.0.0.1')).toMatchObject({ ok: false, error: expect.stringContaining('ends before it starts') });
    expect(parseIpRange('10.0.0.1-x')).toMatchObject({ ok: false, error: expect.stringContaining('invalid end') });
    expect(parseIpRange('x-10.0.0.1')).toMatchObject({ ok: false, error: expect.stringContaining('invalid start') });
    expect(parseIpRange('10.0.0.1')).toMatchObject({ ok: false, error: expect.stringContaining('no "-"') });
  });
});

describe('parseAddressRange', () => {
  it('parses a CIDR into its masked network', () => {
    const r = parseAddressRange('10.10.0.5/30');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ family: 'IPv4', form: 'cidr', first: 0x0a0a0004n, last: 0x0a0a0007n, text: '10.10.0.5/30' });
  });

  it('parses an IPv6 CIDR', () => {
    const r = parseAddressRange('fd00:10:20::/120');
    expect(r.ok && r.value.family).toBe('IPv6');
    expect(r.ok && rangeSize(r.value)).toBe(256n);
  });

  it('parses a range', () => {
    const r = parseAddressRange('2001:db8::1-2001:db8::2');
    expect(r.ok && r.value.form).toBe('range');
  });

  it('rejects a bare address (MetalLB wants /32 or a range)', () => {
    expect(parseAddressRange('10.0.0.1').ok).toBe(false);
  });
});
