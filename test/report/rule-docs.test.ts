import { describe, expect, it } from 'vitest';
import { explainText, rulesTable } from '../../src/report/rule-docs.js';
import { readRuleProse } from '../../src/sources/rule-docs.js';
import { defaultRegistry } from '../../src/engine/registry.js';

const ANSI = /\u001b\[[0-9;]*m/g;
const metas = defaultRegistry().rules.map((r) => r.meta);
const ds102 = defaultRegistry().resolve('DS102').meta;
const prose = readRuleProse(ds102.id);

describe('dsaudit rules for a terminal', () => {
  it('is one borderless row per rule under one header, in the style of scan', () => {
    const lines = rulesTable(metas).trimEnd().split('\n');
    expect(lines).toHaveLength(metas.length + 1);
    expect(lines[0]).toMatch(/^CODE {2,}RULE {2,}FAMILY {2,}SEVERITY {2,}WHAT IT FINDS$/);
    expect(lines.join('\n')).not.toMatch(/[│┌┐└┘├┤─]/);
    expect(lines[1]).toMatch(/^DS100 {2,}cluster-not-dual-stack {2,}single-stack {2,}error {2,}Cluster is not dual-stack$/);
  });

  it('plain when piped, colored on a color terminal, titles wrapped to its width', () => {
    expect(rulesTable(metas)).not.toMatch(ANSI);
    const colored = rulesTable(metas, { color: true, width: 100 });
    expect(colored).toMatch(ANSI);
    for (const line of colored.replace(ANSI, '').split('\n')) expect([...line].length).toBeLessThanOrEqual(100);
    expect(rulesTable(metas, { color: false, width: 100 }).replace(ANSI, '')).toContain('WHAT IT FINDS');
  });
});

describe('dsaudit explain for a terminal', () => {
  it('shows examples as labelled, indented YAML, never as markdown fences', () => {
    expect(prose).toContain('```yaml fail');
    const out = explainText(ds102, prose);
    expect(out).not.toContain('```');
    expect(out).toMatch(/\nExample\n {2}fails:\n {4}apiVersion: v1\n/);
    expect(out).toMatch(/\n {2}passes:\n {4}apiVersion: v1\n/);
    expect(out).not.toMatch(ANSI);
  });

  it('wraps prose to the terminal width and colors headings only on a color terminal', () => {
    const out = explainText(ds102, prose, undefined, { color: true, width: 60 });
    expect(out).toMatch(ANSI);
    const plain = out.replace(ANSI, '');
    const prosePart = plain.slice(0, plain.indexOf('Example'));
    for (const line of prosePart.split('\n').slice(1)) expect([...line].length).toBeLessThanOrEqual(60);
    expect(plain).toContain('\nWhy it matters\n  kube-proxy runs one proxier per family');
  });
});
