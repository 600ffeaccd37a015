/** Overlap detection over many ranges in O(n log n + k) with a sort-and-sweep. */
import type { Cidr } from './ip.js';

export interface Ranged<T> {
  readonly range: Cidr;
  readonly item: T;
}

export interface OverlapPair<T> {
  readonly a: Ranged<T>;
  readonly b: Ranged<T>;
}

function compareRanges<T>(x: Ranged<T>, y: Ranged<T>): number {
  if (x.range.family !== y.range.family) return x.range.family < y.range.family ? -1 : 1;
  if (x.range.first !== y.range.first) return x.range.first < y.range.first ? -1 : 1;
  if (x.range.last !== y.range.last) return x.range.last > y.range.last ? -1 : 1;
  return 0;
}

/**
 * Every pair of overlapping ranges. Sorted by start, a sweep keeps the ranges still open; CIDRs
 * nest or are disjoint, so the open set is a chain and each range is compared only with ranges it
 * overlaps (plus the ones it closes). `accept` filters pairs (e.g. only pod-vs-service) without
 * changing the complexity of the sweep.
 */
export function findOverlaps<T>(
  items: readonly Ranged<T>[],
  accept: (a: Ranged<T>, b: Ranged<T>) => boolean = () => true,
): OverlapPair<T>[] {
  const sorted = [...items].sort(compareRanges);
  const out: OverlapPair<T>[] = [];
  const open: Ranged<T>[] = [];
  for (const cur of sorted) {
    while (open.length > 0) {
      const top = open[open.length - 1];
      if (top.range.family === cur.range.family && top.range.last >= cur.range.first) break;
      open.pop();
    }
    for (const o of open) if (accept(o, cur)) out.push({ a: o, b: cur });
    open.push(cur);
  }
  return out;
}
