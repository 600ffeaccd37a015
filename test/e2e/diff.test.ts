import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dsaudit } from '../helpers/cli.js';
import { DIFF_SCHEMA_FILE, diffSchemaErrors } from '../helpers/report-schema.js';

const BEFORE = 'fixtures/plan/ipv4-to-dual/before.json';
const MID = 'fixtures/plan/ipv4-to-dual/mid-migration.json';
const LATER = 'fixtures/plan/ipv4-to-dual/later.json';

interface Diff {
  before: string | null; after: string | null; goal: string; regressions: number;
  steps: { before: { done: number; total: number }; after: { done: number; total: number } };
  progress: { section: string; before: { done: number; total: number; percent: number } | null; after: { done: number; total: number; percent: number } | null }[];
  changes: { kind: string; family: string; object: string; message: string }[];
}

function diff(a: string, b: string): { code: number; out: Diff } {
  const r = dsaudit(['diff', a, b, '-o', 'json']);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout) as Diff;
  expect(diffSchemaErrors(out)).toEqual([]);
  return { code: r.code, out };
}

describe('dsaudit diff: two snapshots of one cluster mid-migration', () => {
  it('a regression is named per family and exits 1; progress between the two is shown', () => {
    const { code, out } = diff(MID, LATER);
    expect(code).toBe(1);
    expect(out.regressions).toBe(1);
    expect(out.changes.map((c) => `${c.kind} ${c.family} ${c.message}`)).toEqual([
      'lost IPv6 Service shop/orders lost its IPv6 ClusterIP',
      'gained IPv6 Deployment shop/cart gained an IPv6 Pod address: dual-stack',
      'gained IPv6 Node cp-1 gained an IPv6 podCIDR: dual-stack',
      'gained IPv6 Node worker-2 gained an IPv6 podCIDR: dual-stack',
      'gained IPv6 Pod shop/debug gained an IPv6 Pod address: dual-stack',
      'gained IPv6 Service shop/cart gained an IPv6 ClusterIP: dual-stack',
      'new-single IPv4 Service shop/reviews is new and IPv4-only',
    ]);
    expect(out.steps).toEqual({ before: { done: 7, total: 13 }, after: { done: 10, total: 13 } });
    const p = Object.fromEntries(out.progress.map((x) => [x.section, `${x.before?.done}/${x.before?.total} → ${x.after?.done}/${x.after?.total}`]));
    expect(p).toEqual({ nodes: '1/3 → 3/3', workloads: '1/4 → 4/4', services: '1/4 → 1/5' });
  });

  it('progress without a regression exits 0', () => {
    const { code, out } = diff(BEFORE, MID);
    expect(code).toBe(0);
    expect(out.regressions).toBe(0);
    expect(out.changes.every((c) => c.kind === 'gained' && c.family === 'IPv6')).toBe(true);
  });

  it('table and markdown name the regression', () => {
    const t = dsaudit(['diff', MID, LATER, '--color', 'never']);
    expect(t.code).toBe(1);
    expect(t.stdout).toContain('Regressions (1)\n  IPv6\n    ✖ Service shop/orders lost its IPv6 ClusterIP');
    expect(t.stdout).toContain('Services: 1 of 4 Services dual-stack — 25 % → 1 of 5 Services dual-stack — 20 %');
    const m = dsaudit(['diff', MID, LATER, '-o', 'markdown']);
    expect(m.stdout).toContain('### Regressions (1)');
    expect(m.stdout).toContain('| Plan steps done | 7 of 13 | 10 of 13 |');
  });

  it('a missing side is one line and exit 2', () => {
    const r = dsaudit(['diff', MID, 'fixtures/plan/nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.json');
  });
});

describe('the diff JSON Schema', () => {
  it('is published by `dsaudit schema diff`', () => {
    const r = dsaudit(['schema', 'diff']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(DIFF_SCHEMA_FILE, 'utf8'));
  });

  it('catches a renamed, an undeclared and a mistyped field', () => {
    const { out } = diff(MID, LATER);
    const { changes, ...rest } = out;
    expect(diffSchemaErrors({ ...rest, changed: changes }).join('\n')).toMatch(/changes|changed/);
    expect(diffSchemaErrors({ ...out, changes: out.changes.map((c) => ({ ...c, kind: 'removed' })) })).not.toEqual([]);
    expect(diffSchemaErrors({ ...out, complete: 'yes' })).not.toEqual([]);
  });
});
