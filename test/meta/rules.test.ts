import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_FAMILIES, SEVERITIES } from '../../src/rule-contract/define-rule.js';
import { RULES } from '../../rules/index.js';
import { COLLECTIONS, DERIVED_INPUTS } from '../../src/model/collections.js';
import { TOOL_VERSION } from '../../src/version.js';
import { ROOT } from '../helpers/rule-tester.js';

const ruleFiles = readdirSync(join(ROOT, 'rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts').map((f) => f.slice(0, -3)).sort();

describe('rule registry', () => {
  it('rules/index.ts lists every rule file, sorted by id', () => {
    expect(RULES.map((r) => r.meta.id)).toEqual(ruleFiles);
  });

  it('ids and codes are unique, and no live rule uses a retired id or code', () => {
    const ids = RULES.map((r) => r.meta.id);
    const codes = RULES.map((r) => r.meta.code);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
    const retired = readFileSync(join(ROOT, 'rules', 'RETIRED.md'), 'utf8');
    for (const r of RULES) {
      expect(retired).not.toMatch(new RegExp(`\\b${r.meta.code}\\b`));
      expect(retired).not.toMatch(new RegExp(`\`${r.meta.id}\``));
    }
  });

  it('package.json version equals the tool version', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version).toBe(TOOL_VERSION);
  });
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))('rule %s', (id, rule) => {
  const m = rule.meta;
  it('follows the metadata conventions', () => {
    expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
    expect(m.code).toMatch(/^DS\d{3}$/);
    expect(m.title).not.toMatch(/\.$/);
    for (const text of [m.description, m.rationale, m.remediation]) expect(text).toMatch(/\.$/);
    expect(RULE_FAMILIES).toContain(m.family);
    expect(SEVERITIES).toContain(m.defaultSeverity);
    expect(m.requires.length).toBeGreaterThan(0);
    for (const r of [...m.requires, ...(m.uses ?? [])]) expect([...COLLECTIONS, ...DERIVED_INPUTS]).toContain(r);
    expect(Object.keys(m.messages).length).toBeGreaterThan(0);
    for (const key of Object.keys(m.messages)) expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
    expect(m.sources.length).toBeGreaterThan(0);
  });

  it('has a prose page, a test file, and pass and fail fixtures', () => {
    expect(existsSync(join(ROOT, 'rules', `${id}.md`))).toBe(true);
    expect(existsSync(join(ROOT, 'test', 'rules', `${id}.test.ts`))).toBe(true);
    const fixtures = existsSync(join(ROOT, 'fixtures', 'rules', id)) ? readdirSync(join(ROOT, 'fixtures', 'rules', id)) : [];
    expect(fixtures.some((f) => f.startsWith('pass-'))).toBe(true);
    expect(fixtures.some((f) => f.startsWith('fail-'))).toBe(true);
  });
});
