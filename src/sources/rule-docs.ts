/** Reads a rule's prose page (`rules/<id>.md`) shipped with the package. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-files.js';

export function readRuleProse(id: string): string | undefined {
  try {
    return readFileSync(join(packageRoot(), 'rules', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}
