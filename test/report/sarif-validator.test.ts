import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { validateSarif } from '../helpers/sarif-validator.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const clean = cleanResult();

const dir = mkdtempSync(join(tmpdir(), 'dsaudit-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return validateSarif(file);
}

describe('SARIF validator (sarif-multitool, rule kinds Sarif;Gh)', () => {
  it('accepts the canonical result with no errors and no warnings', () => {
    const v = validate('canonical.sarif', formatSarif(canonical, { color: false }));
    expect(v.errors, v.output).toEqual([]);
    expect(v.warnings, v.output).toEqual([]);
  });

  it('accepts a clean result (empty results array) with no errors and no warnings', () => {
    const v = validate('clean.sarif', formatSarif(clean, { color: false }));
    expect(v.errors, v.output).toEqual([]);
    expect(v.warnings, v.output).toEqual([]);
  });

  it('reports the multitool errors of a structurally broken log', () => {
    const log = JSON.parse(formatSarif(canonical, { color: false }));
    log.runs[0].results[0].ruleIndex = 99;
    const v = validate('bad-index.sarif', JSON.stringify(log));
    expect(v.errors.some((e) => e.includes('SARIF1009')), v.output).toBe(true);
  });

  it('reports schema errors the multitool stays silent about', () => {
    const log = JSON.parse(formatSarif(canonical, { color: false }));
    log.runs[0].results[0].level = 'fatal';
    delete log.runs[0].tool.driver.name;
    const v = validate('bad-schema.sarif', JSON.stringify(log));
    expect(v.errors.some((e) => e.startsWith('schema:') && e.includes('"fatal"')), v.errors.join('\n')).toBe(true);
    expect(v.errors.some((e) => e.includes('missing required property name')), v.errors.join('\n')).toBe(true);
  });
});
