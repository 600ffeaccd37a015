/** Reads a rule's prose page (`rules/<id>.md`) shipped with the package. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Project root: this file runs from `src/sources` (tests) or `dist/src/sources` (built CLI). */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${'/dist/'}`) ? '../../..' : '../..';
  return join(here, up);
}

export function readRuleProse(id: string): string | undefined {
  try {
    return readFileSync(join(packageRoot(), 'rules', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
