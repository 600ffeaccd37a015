import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { projectLinks } from '../../src/report/links.js';
import { validateSarif } from '../helpers/sarif-validator.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const clean = cleanResult();
/** As if package.json named a repository (this one names none). */
const links = projectLinks({ repository: 'github:acme/dsaudit' }, '0.1.0');

const dir = mkdtempSync(join(tmpdir(), 'dsaudit-sarif-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function validate(name: string, text: string) {
  const file = join(dir, name);
  writeFileSync(file, text);
  return validateSarif(file);
}

describe('SARIF validator (sarif-multitool, rule kinds Sarif;Gh)', () => {
  it('accepts the canonical result with no errors and no warnings', () => {
    const v = validate('canonical.sarif', formatSarif(canonical, { color: false, links }));
    expect(v.errors, v.output).toEqual([]);
    expect(v.warnings, v.output).toEqual([]);
  });

  it('without package.json links, only misses the informationUri it cannot know (SARIF2005)', () => {
    const v = validate('no-links.sarif', formatSarif(canonical, { color: false }));
    expect(v.errors, v.output).toEqual([]);
    expect(v.warnings.map((w) => /SARIF\d+/.exec(w)?.[0]), v.output).toEqual(['SARIF2005']);
  });

  it('accepts a clean result (empty results array) with no errors and no warnings', () => {
    const v = validate('clean.sarif', formatSarif(clean, { color: false, links }));
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
