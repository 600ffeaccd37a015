import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { buildAddressPlan } from '../../src/plan/address-plan.js';
import { normalize } from '../../src/model/normalize.js';
import { addressPlanJson, renderAddressPlanTable, usageBar } from '../../src/report/address-plan.js';
import { VIEW_FORMATTERS } from '../../src/report/index.js';

const formatAddressPlan = (p: Parameters<typeof VIEW_FORMATTERS.addressPlan.table>[0], format: keyof typeof VIEW_FORMATTERS.addressPlan, ctx: { color: boolean }) => VIEW_FORMATTERS.addressPlan[format](p, ctx);
import { parseManifestText } from '../../src/sources/manifests.js';
import { ROOT } from '../helpers/rule-tester.js';

const FIXTURE = 'fixtures/address-plan/dual-stack.yaml';

function plan() {
  const parsed = parseManifestText(readFileSync(join(ROOT, FIXTURE), 'utf8'), FIXTURE);
  return buildAddressPlan([normalize(parsed.objects, { target: 'dual' }).model]);
}

describe('usageBar', () => {
  it('fills its width in proportion, clamped', () => {
    expect(usageBar(61)).toBe('██████░░░░');
    expect(usageBar(0)).toBe('░░░░░░░░░░');
    expect(usageBar(100)).toBe('██████████');
    expect(usageBar(250)).toBe('██████████');
    expect(usageBar(50, 4)).toBe('██░░');
  });
});

describe('address plan renderings', () => {
  it('table (no colour) matches the golden file and has no ANSI', async () => {
    const text = formatAddressPlan(plan(), 'table', { color: false });
    expect(text).not.toMatch(/\u001b\[/);
    await expect(text).toMatchFileSnapshot(join(ROOT, 'fixtures', 'address-plan', 'expected.table.txt'));
  });

  it('colours through the injected Chalk instance only', () => {
    expect(renderAddressPlanTable(plan(), new Chalk({ level: 1 }))).toMatch(/\u001b\[31m/);
    expect(renderAddressPlanTable(plan(), new Chalk({ level: 0 }))).toBe(formatAddressPlan(plan(), 'table', { color: false }));
  });

  it('markdown matches the golden file', async () => {
    await expect(formatAddressPlan(plan(), 'markdown', { color: true })).toMatchFileSnapshot(join(ROOT, 'fixtures', 'address-plan', 'expected.md'));
  });

  it('json matches the golden file and round-trips', async () => {
    const text = formatAddressPlan(plan(), 'json', { color: true });
    expect(JSON.parse(text)).toEqual(addressPlanJson(plan()));
    await expect(text).toMatchFileSnapshot(join(ROOT, 'fixtures', 'address-plan', 'expected.json'));
  });

  it('says so when nothing is declared', () => {
    const empty = buildAddressPlan([normalize([], { target: 'dual' }).model]);
    expect(formatAddressPlan(empty, 'table', { color: false })).toMatch(/^No pod, Service or external ranges declared/);
    expect(formatAddressPlan(empty, 'markdown', { color: false })).toMatch(/^## Address plan\n\nNo pod/);
    expect(JSON.parse(formatAddressPlan(empty, 'json', { color: false }))).toEqual({ clusters: [{ cluster: null, families: [] }] });
  });

  it('titles each cluster of a multi-cluster plan', () => {
    const one = normalize([], { target: 'dual', cluster: 'prod', overrides: { podCidrs: ['10.244.0.0/16'] } }).model;
    const two = normalize([], { target: 'dual', cluster: 'dev', overrides: { serviceCidrs: ['10.96.0.0/16'] } }).model;
    const text = formatAddressPlan(buildAddressPlan([one, two]), 'table', { color: false });
    expect(text.indexOf('Cluster dev')).toBeLessThan(text.indexOf('Cluster prod'));
  });
});
