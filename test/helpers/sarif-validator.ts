/** Validates a SARIF file with Microsoft's SARIF multitool (rule kinds Sarif;Gh) plus the SARIF 2.1.0 JSON schema. */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

const PKG = join(ROOT, 'node_modules', '@microsoft', 'sarif-multitool-linux');
export const MULTITOOL = join(PKG, 'Sarif.Multitool');
const SCHEMA_FILE = join(PKG, 'sarif-2.1.0.json');

export interface SarifValidation {
  /** `error SARIFxxxx` / `error GHxxxx` lines from the multitool, then `schema:` errors. */
  readonly errors: string[];
  readonly warnings: string[];
  /** The multitool's full console output. */
  readonly output: string;
}

function ensureExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, statSync(file).mode | 0o111);
  }
}

/**
 * Runs `Sarif.Multitool validate --rule-kind "Sarif;Gh" FILE`. The multitool (5.7.0) says nothing at all
 * about a log it cannot deserialize (an unknown `level`, a `startLine` of 0…), so the JSON schema that
 * ships with it is checked here too; otherwise a broken file would validate clean.
 */
export function validateSarif(path: string): SarifValidation {
  ensureExecutable(MULTITOOL);
  const r = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', path], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' },
  });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const lines = output.split('\n').map((l) => l.trim());
  const errors = lines.filter((l) => /:\s+error\s+[A-Z]+\d+/.test(l));
  const warnings = lines.filter((l) => /:\s+warning\s+[A-Z]+\d+/.test(l));
  if (r.error || r.status !== 0 || !/Analysis completed successfully/.test(output)) {
    errors.push(`multitool failed (status ${r.status}${r.error ? `, ${r.error.message}` : ''})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    errors.push(`schema: not JSON (${(e as Error).message})`);
    return { errors, warnings, output };
  }
  errors.push(...schemaErrors(doc).map((e) => `schema: ${e}`));
  return { errors, warnings, output };
}

type Schema = { readonly [k: string]: any };

/** Checks a document against the SARIF 2.1.0 schema, covering the JSON-schema keywords that schema uses. */
export function schemaErrors(doc: unknown): string[] {
  const root = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as Schema;
  const errors: string[] = [];
  check(doc, root, '$', root, errors);
  return errors;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function check(v: unknown, s: Schema, at: string, root: Schema, errors: string[]): void {
  if (typeof s.$ref === 'string') {
    const m = /^#\/definitions\/(.+)$/.exec(s.$ref);
    const target = s.$ref === '#' ? root : m ? root.definitions?.[m[1]] : undefined;
    if (!target) errors.push(`${at}: unresolvable $ref ${s.$ref}`);
    else check(v, target, at, root, errors);
  }
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    const t = typeOf(v);
    if (!types.includes(t) && !(t === 'integer' && types.includes('number'))) {
      errors.push(`${at}: expected ${types.join('|')}, got ${t}`);
      return;
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e: unknown) => JSON.stringify(e) === JSON.stringify(v))) {
    errors.push(`${at}: ${JSON.stringify(v)} is not one of ${JSON.stringify(s.enum)}`);
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) errors.push(`${at}: ${v} < minimum ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) errors.push(`${at}: ${v} > maximum ${s.maximum}`);
  }
  if (typeof v === 'string' && typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) {
    errors.push(`${at}: ${JSON.stringify(v)} does not match ${s.pattern}`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) errors.push(`${at}: fewer than ${s.minItems} items`);
    if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) errors.push(`${at}: items are not unique`);
    if (s.items && typeof s.items === 'object') v.forEach((x, i) => check(x, s.items, `${at}[${i}]`, root, errors));
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in o)) errors.push(`${at}: missing required property ${k}`);
    const props: Schema = s.properties ?? {};
    for (const [k, x] of Object.entries(o)) {
      if (k in props) check(x, props[k], `${at}.${k}`, root, errors);
      else if (s.additionalProperties === false) errors.push(`${at}: unexpected property ${k}`);
      else if (s.additionalProperties && typeof s.additionalProperties === 'object') check(x, s.additionalProperties, `${at}.${k}`, root, errors);
    }
  }
  const passes = (sub: Schema) => {
    const e: string[] = [];
    check(v, sub, at, root, e);
    return e.length === 0;
  };
  if (Array.isArray(s.anyOf) && !s.anyOf.some(passes)) errors.push(`${at}: matches none of anyOf`);
  if (Array.isArray(s.oneOf) && s.oneOf.filter(passes).length !== 1) errors.push(`${at}: does not match exactly one of oneOf`);
}
