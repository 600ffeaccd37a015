/** Writes report files atomically: a temporary file in the same directory, then a rename. */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';

export function writeFileAtomic(path: string, content: string): void {
  const target = resolve(path);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, target);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* nothing to clean up */ }
    throw e;
  }
}
