/** Maps a finding's logical field path to a file location, falling back to the nearest present parent. */
import { parsePath } from '../model/reader.js';
import type { Origin } from '../model/input.js';
import type { Location } from './result.js';

export function locate(origin: Origin, path: string): Location | null {
  if (origin.kind !== 'file') return null;
  const segs = parsePath(path);
  for (let n = segs.length; n > 0; n--) {
    const pos = origin.locator?.find(segs.slice(0, n));
    if (pos) return { file: origin.file, line: pos.line, column: pos.column };
  }
  return { file: origin.file, line: origin.position.line, column: origin.position.column };
}

/**
 * locate() for many findings, visited file by file (a streamed source reads a large file again to
 * find positions, and keeps only the last one read); results are in the order given.
 */
export function locateAll(items: readonly { readonly origin: Origin; readonly path: string }[]): (Location | null)[] {
  const fileOf = (i: number): string => {
    const o = items[i].origin;
    return o.kind === 'file' ? o.file : '';
  };
  const order = items.map((_, i) => i).sort((a, b) => {
    const fa = fileOf(a);
    const fb = fileOf(b);
    return fa < fb ? -1 : fa > fb ? 1 : a - b;
  });
  const out: (Location | null)[] = new Array<Location | null>(items.length).fill(null);
  for (const i of order) out[i] = locate(items[i].origin, items[i].path);
  return out;
}
