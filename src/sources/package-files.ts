/** Files shipped in the package next to the code: package.json and the published JSON Schemas. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

/** Package root: this file runs from `src/sources` (tests) or `dist/src/sources` (built CLI). */
export function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = here.includes(`${'/dist/'}`) ? '../../..' : '../..';
  return join(here, up);
}

/** The package's own package.json (the link fields are read from it, never written elsewhere). */
export function readPackageJson(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as Record<string, unknown>;
}

/** Path of the JSON Schema of `scan -o json` inside the package. */
export function jsonSchemaPath(): string {
  return join(packageRoot(), 'schema', 'dsaudit-report.schema.json');
}

/** The JSON Schema of `scan -o json`, as published. */
export function readJsonSchema(): string {
  return readFileSync(jsonSchemaPath(), 'utf8');
}

/** The JSON Schema of `plan -o json`, as published. */
export function readPlanSchema(): string {
  return readFileSync(join(packageRoot(), 'schema', 'dsaudit-plan.schema.json'), 'utf8');
}

/** The JSON Schema of `diff -o json`, as published. */
export function readDiffSchema(): string {
  return readFileSync(join(packageRoot(), 'schema', 'dsaudit-diff.schema.json'), 'utf8');
}
