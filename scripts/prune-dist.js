/**
 * Removes compiled files in dist/ whose TypeScript source no longer exists (tsc never deletes them), so
 * a moved or deleted module cannot keep working from a stale copy on one machine and fail on a clean one.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');

function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (name.endsWith('.js') && !existsSync(join(ROOT, relative(DIST, path)).replace(/\.js$/, '.ts'))) {
      rmSync(path);
    }
  }
}

if (existsSync(DIST)) prune(DIST);
