import { describe, expect, it } from 'vitest';
import { cidrSize, contains, familiesOf, findOverlaps, overlaps, parseCidr, parseIp, splitList, type Cidr } from '../../src/net/index.js';

function cidr(text: string): Cidr {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', 'IPv4', '10.0.0.1'],
    ['2001:DB8::1', 'IPv6', '2001:db8::1'],
    ['fd00:0:0:0:0:0:0:a', 'IPv6', 'fd00::a'],
    // k8s.io/utils/net: an IPv4-mapped IPv6 address is IPv4.
    ['::ffff:10.0.0.1', 'IPv4', '10.0.0.1'],
    // Kubernetes' legacy parser reads leading zeros as decimal (KEP-4858).
    ['010.000.001.002', 'IPv4', '10.0.1.2'],
  ])('%s is %s (%s)', (text, family, canonical) => {
    const p = parseIp(text);
    expect(p.ok && p.value.family).toBe(family);
    expect(p.ok && p.value.canonical).toBe(canonical);
  });

  it('marks forms strict validation rejects as non-canonical', () => {
    const lz = parseIp('010.0.0.1');
    const mapped = parseIp('::ffff:10.0.0.1');
    expect(lz.ok && lz.value.nonCanonical).toBe(true);
    expect(mapped.ok && mapped.value.nonCanonical).toBe(true);
  });

  it.each(['', '256.0.0.1', '10.0.0', 'fe80::1%eth0', 'example.com', '1.2.3.4/24', ':::'])('rejects %j with a message', (text) => {
    const p = parseIp(text);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.error).not.toBe('');
  });
});

describe('parseCidr', () => {
  it('masks host bits like Go ParseCIDR and says so', () => {
    const c = cidr('10.0.0.5/24');
    expect(c.canonical).toBe('10.0.0.0/24');
    expect(c.hostBitsSet).toBe(true);
    expect(cidrSize(c)).toBe(256n);
  });

  it('handles IPv6 prefixes', () => {
    expect(cidr('fd00:10:96::/112').family).toBe('IPv6');
    expect(cidrSize(cidr('fd00:10:96::/112'))).toBe(65536n);
  });

  it.each(['::ffff:10.0.0.0/104', '::ffff:10.0.0.0/8', '::FFFF:0a00:0000/104', '0:0:0:0:0:ffff:10.0.0.0/120'])('rejects the IPv4-mapped CIDR %j instead of reading it as IPv4', (text) => {
    const p = parseCidr(text);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.error).toMatch(/IPv4-mapped/);
  });

  it.each(['10.0.0.0', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/-1', 'x/8', '10.0.0.0/8/8'])('rejects %j', (text) => {
    expect(parseCidr(text).ok).toBe(false);
  });
});

describe('containment and overlap', () => {
  it('never crosses families', () => {
    expect(overlaps(cidr('0.0.0.0/0'), cidr('::/0'))).toBe(false);
    const ip = parseIp('10.1.2.3');
    expect(ip.ok && contains(cidr('10.0.0.0/8'), ip.value)).toBe(true);
    expect(contains(cidr('10.0.0.0/8'), cidr('10.1.0.0/16'))).toBe(true);
    expect(contains(cidr('10.1.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
  });

  it('splitList trims and drops empty entries; familiesOf keeps first-seen order', () => {
    expect(splitList(' 10.0.0.0/8 , ,fd00::/8,')).toEqual(['10.0.0.0/8', 'fd00::/8']);
    expect(familiesOf([cidr('fd00::/8'), cidr('10.0.0.0/8'), cidr('fd01::/16')])).toEqual(['IPv6', 'IPv4']);
  });
});

describe('findOverlaps (sort and sweep)', () => {
  const ranged = (texts: string[]) => texts.map((t, i) => ({ range: cidr(t), item: `${i}:${t}` }));
  const pairs = (texts: string[]) => findOverlaps(ranged(texts)).map((p) => [p.a.item, p.b.item].sort().join(' ~ ')).sort();

  it('finds nested, identical and chained overlaps, in both families, and nothing else', () => {
    expect(pairs(['10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '192.168.0.0/16', 'fd00::/8', 'fd00:1::/64', '10.1.2.0/24', '11.0.0.0/8'])).toEqual([
      '0:10.0.0.0/8 ~ 1:10.1.0.0/16',
      '0:10.0.0.0/8 ~ 2:10.1.2.0/24',
      '0:10.0.0.0/8 ~ 6:10.1.2.0/24',
      '1:10.1.0.0/16 ~ 2:10.1.2.0/24',
      '1:10.1.0.0/16 ~ 6:10.1.2.0/24',
      '2:10.1.2.0/24 ~ 6:10.1.2.0/24',
      '4:fd00::/8 ~ 5:fd00:1::/64',
    ]);
  });

  it('matches a pairwise check on random ranges', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = Array.from({ length: 300 }, () => `10.${Math.floor(rand() * 4)}.${Math.floor(rand() * 256)}.0/${16 + Math.floor(rand() * 9)}`);
    const items = ranged(texts);
    const brute: string[] = [];
    for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) if (overlaps(items[i].range, items[j].range)) brute.push([items[i].item, items[j].item].sort().join(' ~ '));
    expect(pairs(texts)).toEqual(brute.sort());
  });

  it('applies the accept filter', () => {
    const found = findOverlaps(ranged(['10.0.0.0/8', '10.1.0.0/16']), () => false);
    expect(found).toEqual([]);
  });
});

describe('joinHostPort', () => {
  it('brackets IPv6 hosts like Go net.JoinHostPort', async () => {
    const { joinHostPort } = await import('../../src/net/index.js');
    expect([joinHostPort('::', 15006), joinHostPort('10.0.0.1', 80), joinHostPort('fd00::5', 8080)]).toEqual(['[::]:15006', '10.0.0.1:80', '[fd00::5]:8080']);
  });
});
