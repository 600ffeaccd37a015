import { describe, expect, it } from 'vitest';
import { findOverlaps, hostCidr, nestRanges, parseCidr, parseIp, unionSize, type Cidr, type RangeNode } from '../../src/net/index.js';

const cidr = (t: string): Cidr => {
  const p = parseCidr(t);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};
const ip = (t: string) => {
  const p = parseIp(t);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

function shape<T>(nodes: readonly RangeNode<T>[]): unknown[] {
  return nodes.map((n) => (n.children.length ? { [n.range.canonical]: shape(n.children) } : n.range.canonical));
}

describe('nestRanges', () => {
  it('builds the containment forest, IPv4 first, each level in address order', () => {
    const items = ['fd00::/56', '10.244.1.0/24', '10.0.0.0/8', '10.244.0.0/16', '10.96.0.0/12', '192.168.0.0/16', 'fd00:0:0:1::/64', '10.244.0.0/24'].map((t) => ({ range: cidr(t), item: t }));
    expect(shape(nestRanges(items))).toEqual([
      { '10.0.0.0/8': ['10.96.0.0/12', { '10.244.0.0/16': ['10.244.0.0/24', '10.244.1.0/24'] }] },
      '192.168.0.0/16',
      { 'fd00::/56': ['fd00:0:0:1::/64'] },
    ]);
  });

  it('nests identical ranges in input order and host addresses under their range', () => {
    const forest = nestRanges([
      { range: cidr('10.0.0.0/24'), item: 'b' },
      { range: hostCidr(ip('10.0.0.7')), item: 'ip' },
      { range: cidr('10.0.0.0/24'), item: 'a' },
    ]);
    expect(forest).toHaveLength(1);
    expect(forest[0].item).toBe('b');
    expect(forest[0].children[0].item).toBe('a');
    expect(forest[0].children[0].children[0].item).toBe('ip');
  });

  it('never nests across families', () => {
    const forest = nestRanges([{ range: cidr('0.0.0.0/0'), item: 1 }, { range: cidr('::/0'), item: 2 }, { range: cidr('10.0.0.0/8'), item: 3 }]);
    expect(shape(forest)).toEqual([{ '0.0.0.0/0': ['10.0.0.0/8'] }, '::/0']);
  });
});

describe('unionSize', () => {
  it('counts overlapping ranges once', () => {
    expect(unionSize([cidr('10.0.0.0/24'), cidr('10.0.0.0/25'), cidr('10.0.1.0/24')])).toBe(512n);
    expect(unionSize([])).toBe(0n);
  });
});

describe('hostCidr', () => {
  it('is a /32 or /128 at the address', () => {
    const c = hostCidr(ip('fd00::5'));
    expect([c.canonical, c.prefix, c.first === c.last]).toEqual(['fd00::5/128', 128, true]);
  });
});

describe('findOverlaps over 100,000 node ranges with grouped duplicates', () => {
  it('finds exactly the planted nestings', () => {
    const items = Array.from({ length: 100_000 }, (_, i) => ({ range: cidr(`10.${64 + (i >> 14)}.${(i >> 6) & 255}.${(i & 63) << 2}/30`), item: i }));
    items.push({ range: cidr('10.64.0.0/28'), item: -1 });
    const pairs = findOverlaps(items);
    expect(pairs.map((p) => [p.a.item, p.b.item]).sort((x, y) => x[1] - y[1])).toEqual([[-1, 0], [-1, 1], [-1, 2], [-1, 3]]);
  });
});
