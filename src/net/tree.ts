/** Containment forests and unions over CIDRs by sort-and-sweep: CIDRs nest or are disjoint, so one stack suffices. */
import type { Cidr } from './ip.js';
import type { Ranged } from './overlap.js';

/** A range with the ranges it contains directly. */
export interface RangeNode<T> {
  readonly range: Cidr;
  readonly item: T;
  readonly children: RangeNode<T>[];
}

interface Indexed<T> extends Ranged<T> {
  readonly index: number;
}

function compareForNesting<T>(x: Indexed<T>, y: Indexed<T>): number {
  if (x.range.family !== y.range.family) return x.range.family < y.range.family ? -1 : 1;
  if (x.range.first !== y.range.first) return x.range.first < y.range.first ? -1 : 1;
  if (x.range.last !== y.range.last) return x.range.last > y.range.last ? -1 : 1;
  return x.index - y.index;
}

/**
 * The containment forest of the ranges, IPv4 before IPv6, each level sorted by address: every range
 * becomes a child of the smallest range that contains it. Identical ranges nest in input order.
 * O(n log n): sorted by start (widest first), the stack holds the chain of ranges still open.
 */
export function nestRanges<T>(items: readonly Ranged<T>[]): RangeNode<T>[] {
  const sorted: Indexed<T>[] = items.map((it, index) => ({ range: it.range, item: it.item, index })).sort(compareForNesting);
  const roots: RangeNode<T>[] = [];
  const stack: RangeNode<T>[] = [];
  for (const cur of sorted) {
    while (stack.length > 0) {
      const top = stack[stack.length - 1].range;
      if (top.family === cur.range.family && top.last >= cur.range.first) break;
      stack.pop();
    }
    const node: RangeNode<T> = { range: cur.range, item: cur.item, children: [] };
    (stack.length > 0 ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

/** Number of distinct addresses covered by the ranges (overlaps counted once). */
export function unionSize(ranges: readonly Cidr[]): bigint {
  return nestRanges(ranges.map((range) => ({ range, item: null }))).reduce((sum, n) => sum + (n.range.last - n.range.first + 1n), 0n);
}
