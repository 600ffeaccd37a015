/** Maps a finding's logical field path to a file location, falling back to the nearest present parent. */
import { parsePath } from '../model/reader.js';
import type { Origin } from '../sources/types.js';
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
