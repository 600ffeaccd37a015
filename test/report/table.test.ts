import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/table.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const ANSI = /\u001b\[/;
const clean = cleanResult({ coverage: [], clusters: [] });

describe('table formatter', () => {
  it('matches the golden file (color off, no ANSI)', async () => {
    const out = formatTable(canonical, { color: false });
    expect(out).not.toMatch(ANSI);
    await expect(out).toMatchFileSnapshot('../../fixtures/report/expected.table.txt');
  });

  it('colors when asked', () => {
    expect(formatTable(canonical, { color: true })).toMatch(ANSI);
  });

  it('lists only active findings but counts suppressed and baselined ones', () => {
    const out = formatTable(canonical, { color: false });
    expect(out).toContain('Service default/web');
    expect(out).not.toContain('metrics-server');
    expect(out).not.toContain('prometheus');
    expect(out).not.toContain('payments-settlement');
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '2 errors, 1 warning, 1 info (2 suppressed, 1 baselined) · 1 rule not assessed · 2 input errors · cluster prod-eu-west-1: ipv4 · coverage: incomplete · target: dual',
    );
  });

  it('lists coverage gaps with their reasons and says whether coverage is complete', () => {
    const out = formatTable(canonical, { color: false });
    expect(out).toContain('Coverage gaps (2)\n  prod-eu-west-1: endpointSlices forbidden: endpointslices.discovery.k8s.io is forbidden');
    expect(out).toContain('  prod-eu-west-1: serviceCIDRs absent: API networking.k8s.io/v1 servicecidrs not served');
    const complete = canonical.coverage.map((c) => ({ cluster: c.cluster, collection: c.collection, status: 'present' as const }));
    const last = formatTable({ ...clean, coverage: complete }, { color: false }).trimEnd().split('\n').at(-1);
    expect(last).toBe('0 errors, 0 warnings, 0 info (0 suppressed, 0 baselined) · cluster: ipv4 · coverage: complete · target: dual');
  });

  it('labels each cluster of a run over several clusters', () => {
    const two = [{ name: 'prod-east', stack: 'dual' as const, evidence: [] }, { name: 'prod-west', stack: 'ipv4' as const, evidence: [] }];
    const out = formatTable({ ...clean, clusters: two, notAssessed: [{ ruleId: 'service-endpoints-missing-family', code: 'DS104', reason: 'forbidden', cluster: 'prod-west' }] }, { color: false });
    expect(out).toContain('  service-endpoints-missing-family (DS104) in prod-west: forbidden');
    expect(out).toContain('· clusters: prod-east dual, prod-west ipv4 ·');
  });

  it('shows cluster-origin findings without inventing a file', () => {
    expect(formatTable(canonical, { color: false })).toMatch(/Node ip-10-0-3-17\.eu-west-1\.compute\.internal\s+\(cluster prod-eu-west-1\)/);
  });

  it('says "No findings" for a clean run', () => {
    const out = formatTable(clean, { color: false });
    expect(out).toBe('No findings\n\n0 errors, 0 warnings, 0 info (0 suppressed, 0 baselined) · cluster: ipv4 · target: dual\n');
  });

  it('never implies a clean run when rules were not assessed', () => {
    const out = formatTable({ ...clean, notAssessed: canonical.notAssessed }, { color: false });
    expect(out.split('\n')[0]).toBe('No findings (1 rule not assessed)');
    expect(out).toContain('Not assessed (1)\n  service-endpoints-missing-family (DS104): endpointSlices is forbidden');
  });

  it('does not call a run clean when every finding is suppressed or baselined', () => {
    const hidden = canonical.findings.filter((f) => f.suppressed || f.baselined);
    const out = formatTable({ ...clean, findings: hidden, summary: { ...clean.summary, suppressed: 2, baselined: 1 } }, { color: false });
    expect(out.split('\n')[0]).toBe('No findings (2 suppressed, 1 baselined)');
  });
});

describe('table: scenario', () => {
  it('names a rollback scenario in the summary line, and says nothing when none was named', () => {
    const named = formatTable(cleanResult({ scenario: { target: 'dual', rollbackTo: 'IPv4', named: true, removedFamily: 'IPv6', primaryAfter: 'IPv4' } }), { color: false });
    expect(named).toContain('target: dual · scenario: rollback to IPv4 (IPv6 removed)');
    const none = formatTable(cleanResult({ scenario: { target: 'dual', named: false, removedFamily: 'IPv6' } }), { color: false });
    expect(none).not.toContain('scenario:');
  });
});
