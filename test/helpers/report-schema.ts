/** Validates `scan -o json` output against the published schema, made strict: every field must be declared in it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { ROOT } from './rule-tester.js';

export const REPORT_SCHEMA_FILE = join(ROOT, 'schema', 'dsaudit-report.schema.json');

/**
 * The published schema lets consumers ignore unknown fields; the tests forbid them instead, so a field
 * added to the output without being added to the schema (or renamed) fails.
 */
export function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) out[k] = k === 'properties' || k === 'definitions' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, strict(s)])) : strict(v);
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** A validator's errors for one document, as `path: message` lines; empty when it is valid. */
function errorsOf(validate: ValidateFunction, doc: unknown): string[] {
  return validate(doc) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

const validator = new Ajv({ allErrors: true, strict: true }).compile(strict(JSON.parse(readFileSync(REPORT_SCHEMA_FILE, 'utf8'))) as object);

/** Schema errors of one report, as `path: message` lines; empty when it is valid. */
export function reportSchemaErrors(doc: unknown): string[] {
  return errorsOf(validator, doc);
}

export const PLAN_SCHEMA_FILE = join(ROOT, 'schema', 'dsaudit-plan.schema.json');

const planValidator = new Ajv({ allErrors: true, strict: true }).compile(strict(JSON.parse(readFileSync(PLAN_SCHEMA_FILE, 'utf8'))) as object);

/** Schema errors of one `plan -o json` document, made strict like the report's. */
export function planSchemaErrors(doc: unknown): string[] {
  return errorsOf(planValidator, doc);
}

export const DIFF_SCHEMA_FILE = join(ROOT, 'schema', 'dsaudit-diff.schema.json');

const diffValidator = new Ajv({ allErrors: true, strict: true }).compile(strict(JSON.parse(readFileSync(DIFF_SCHEMA_FILE, 'utf8'))) as object);

/** Schema errors of one `diff -o json` document, made strict like the report's. */
export function diffSchemaErrors(doc: unknown): string[] {
  return errorsOf(diffValidator, doc);
}
