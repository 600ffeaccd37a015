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
      '2 errors, 1 warning, 1 info (2 suppressed, 1 baselined) · 1 rule not assessed · 2 input errors · cluster prod-eu-west-1: ipv4 · coverage: incomplete (1 API not served) · target: dual',
    );
  });

  it('lists coverage gaps with their reasons and says whether coverage is complete', () => {
    const out = formatTable(canonical, { color: false });
    expect(out).toContain('Coverage gaps (1)\n  prod-eu-west-1: endpointSlices forbidden: endpointslices.discovery.k8s.io is forbidden');
    expect(out).toContain('Not served by this version (1)\n  prod-eu-west-1: serviceCIDRs: API networking.k8s.io/v1 servicecidrs not served');
    const complete = canonical.coverage.map((c) => ({ cluster: c.cluster, collection: c.collection, status: 'present' as const }));
    const last = formatTable({ ...clean, coverage: complete }, { color: false }).trimEnd().split('\n').at(-1);
    expect(last).toBe('0 errors, 0 warnings, 0 info (0 suppressed, 0 baselined) · cluster: ipv4 · coverage: complete · target: dual');
  });

  it('counts an API the server does not serve beside coverage, never as a gap (a 1.25 cluster without ServiceCIDR)', () => {
    const coverage = canonical.coverage.filter((c) => c.status !== 'forbidden');
    const out = formatTable({ ...clean, clusters: canonical.clusters, coverage }, { color: false });
    expect(out).not.toContain('Coverage gaps');
    expect(out).toContain('Not served by this version (1)\n  prod-eu-west-1: serviceCIDRs: API networking.k8s.io/v1 servicecidrs not served (nor v1beta1)');
    expect(out.trimEnd().split('\n').at(-1)).toContain('· coverage: complete (1 API not served) ·');
  });

  it('lists an absent collection that was served but not read (a failed list) apart, without calling coverage incomplete', () => {
    const coverage = [
      { cluster: 'prod-eu-west-1', collection: 'nodes' as const, status: 'present' as const },
      { cluster: 'prod-eu-west-1', collection: 'services' as const, status: 'absent' as const, reason: 'list services: HTTP 500' },
    ];
    const out = formatTable({ ...clean, clusters: canonical.clusters, coverage }, { color: false });
    expect(out).toContain('Not read (1)\n  prod-eu-west-1: services absent: list services: HTTP 500');
    expect(out).not.toContain('Not served by this version');
    expect(out).toContain('· coverage: complete ·');
  });

  it('names the cluster stand-in of a cluster-level finding once: no placeholder name, no location column text', () => {
    const f = canonical.findings.find((x) => x.ruleId === 'cluster-not-dual-stack');
    if (!f) throw new Error('canonical result has no DS100 finding');
    const standIn = { ...f, object: { apiVersion: 'dsaudit.io/v1', kind: 'Cluster', name: 'cluster' }, path: '', location: null };
    const row = formatTable({ ...clean, findings: [standIn] }, { color: false }).split('\n').find((l) => l.startsWith('DS100'));
    expect(row).toMatch(/^DS100 cluster-not-dual-stack {2}Cluster {2,}Cluster services ranges/);
    expect(row).not.toContain('(cluster)');
    const named = { ...standIn, object: { ...standIn.object, name: 'prod', cluster: 'prod' } };
    const namedRow = formatTable({ ...clean, findings: [named] }, { color: false }).split('\n').find((l) => l.startsWith('DS100'));
    expect(namedRow).toMatch(/^DS100 cluster-not-dual-stack {2}Cluster prod {2,}Cluster services ranges/);
  });

  it('labels each cluster of a run over several clusters', () => {
    const two = [{ name: 'prod-east', stack: 'dual' as const, evidence: [] }, { name: 'prod-west', stack: 'ipv4' as const, evidence: [] }];
    const out = formatTable({ ...clean, clusters: two, notAssessed: [{ ruleId: 'service-endpoints-missing-family', code: 'DS104', reason: 'forbidden', cause: 'forbidden', cluster: 'prod-west' }] }, { color: false, showNotAssessed: true });
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
    expect(formatTable({ ...clean, notAssessed: canonical.notAssessed }, { color: false, showNotAssessed: true }))
      .toContain('Not assessed (1)\n  service-endpoints-missing-family (DS104): endpointSlices is forbidden');
  });

  it('does not call a run clean when every finding is suppressed or baselined', () => {
    const hidden = canonical.findings.filter((f) => f.suppressed || f.baselined);
    const out = formatTable({ ...clean, findings: hidden, summary: { ...clean.summary, suppressed: 2, baselined: 1 } }, { color: false });
    expect(out.split('\n')[0]).toBe('No findings (2 suppressed, 1 baselined)');
  });

  it('prints the fix under each finding when few are shown, and with showFixes whatever their number', () => {
    const web = canonical.findings.find((f) => f.object.name === 'web')!;
    const many = Array.from({ length: 6 }, (_, i) => ({ ...web, object: { ...web.object, name: `web-${i}` }, fix: `Set it on web-${i}` }));
    const few = formatTable(canonical, { color: false });
    expect(few).toMatch(/\n {10,}fix: Set spec\.ipFamilyPolicy: PreferDualStack on Service default\/web \(dsaudit explain service-single-stack\)\n/);
    const crowded = { ...clean, findings: many, summary: { ...clean.summary, warning: 6 } };
    expect(formatTable(crowded, { color: false })).not.toContain('fix:');
    expect(formatTable(crowded, { color: false, showFixes: true }).match(/fix: Set it on web-\d/g)).toHaveLength(6);
  });

  it('links the fix to the rule page when package.json names a repository', () => {
    const links = { version: '1.2.3', tree: 'https://github.com/o/dsaudit/blob/v1.2.3' };
    expect(formatTable(canonical, { color: false, links })).toContain('(https://github.com/o/dsaudit/blob/v1.2.3/docs/rules/service-single-stack.md)');
  });

  it('shows the rule name beside the code', () => {
    expect(formatTable(canonical, { color: false })).toMatch(/^DS101 service-single-stack {2,}Service default\/web/m);
  });

  it('wraps the message column to the terminal width, and never without one', () => {
    const tableLines = (out: string) => out.split('\n\n').filter((b) => /^(Errors|Warnings|Info) /.test(b)).flatMap((b) => b.split('\n'));
    const wide = formatTable(canonical, { color: false, width: 200 });
    expect(tableLines(wide).filter((l) => [...l].length > 200)).toEqual([]);
    expect(wide).toMatch(/\n {100,}ClusterConfiguration networking\.serviceSubnet 10\.96\.0\.0\/12\)\n/);
    // Too narrow for a message column: the message and its fix go under the row, wrapped to the width.
    const narrow = formatTable(canonical, { color: false, width: 100 });
    expect(narrow).toContain('DS101 service-single-stack  Service default/web  Helm release default/web (chart web-1.4.0)  manifests/apps/web.yaml:12:3\n    Service has only IPv4 cluster IPs');
    expect(tableLines(narrow).filter((l) => l.startsWith('    ') && [...l].length > 100)).toEqual([]);
    const piped = formatTable(canonical, { color: false });
    expect(piped.split('\n').some((l) => [...l].length > 200)).toBe(true);
  });

  it('collapses what was not assessed to one line grouped by cause, with what would assess it', () => {
    const na = (ruleId: string, cause: string) => ({ ruleId, code: 'DS999', reason: `reason of ${ruleId}`, cause });
    const notAssessed = [na('a', 'missing'), na('b', 'missing'), na('c', 'undeclared'), na('d', 'target')] as never;
    const out = formatTable({ ...clean, notAssessed }, { color: false });
    expect(out).toContain('\n4 rules not assessed (2: objects not in the input; 1: facts the input does not declare; 1: not applicable to the target) — scan a dump or a live cluster; --show-not-assessed lists them\n');
    expect(out).not.toContain('reason of a');
    const listed = formatTable({ ...clean, notAssessed }, { color: false, showNotAssessed: true });
    expect(listed).toContain('Not assessed (4)\n  a (DS999): reason of a\n  b (DS999): reason of b');
    expect(listed).not.toContain('--show-not-assessed');
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
