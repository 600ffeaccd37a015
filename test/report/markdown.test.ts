import { describe, expect, it } from 'vitest';
import { formatMarkdown } from '../../src/report/markdown.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const clean = cleanResult({ notAssessed: canonical.notAssessed });

/** Cells of a Markdown table row, splitting on unescaped pipes only. */
function cells(row: string): string[] {
  return row.replace(/\\\\/g, '').split(/(?<!\\)\|/).slice(1, -1);
}

describe('markdown formatter', () => {
  it('matches the golden file', async () => {
    await expect(formatMarkdown(canonical, { color: false })).toMatchFileSnapshot('../../fixtures/report/expected.md');
  });

  it('escapes pipes so every table row keeps its columns', () => {
    const out = formatMarkdown(canonical, { color: false });
    expect(out).toContain('日本語 UI \\| ünïcode');
    for (const table of out.split('\n\n').filter((b) => b.startsWith('|'))) {
      const rows = table.split('\n').filter((l) => l.startsWith('|'));
      const width = cells(rows[0]).length;
      for (const row of rows) expect(cells(row), row).toHaveLength(width);
    }
  });

  it('is deterministic', () => {
    expect(formatMarkdown(structuredClone(canonical), { color: false })).toBe(formatMarkdown(canonical, { color: false }));
  });

  it('shows coverage gaps with reasons, or says coverage is complete', () => {
    expect(formatMarkdown(canonical, { color: false })).toContain('### Coverage\n\n- prod-eu-west-1: **endpointSlices** forbidden: ');
    const complete = canonical.coverage.map((c) => ({ cluster: c.cluster, collection: c.collection, status: 'present' as const }));
    expect(formatMarkdown({ ...clean, coverage: complete }, { color: false })).toContain('### Coverage\n\nComplete: every collection dsaudit reads was read from 1 cluster.');
    expect(formatMarkdown({ ...clean, coverage: [], clusters: [] }, { color: false })).not.toContain('### Coverage');
  });

  it('shows an API the server does not serve apart from the gaps, and complete when nothing was refused', () => {
    const out = formatMarkdown(canonical, { color: false });
    expect(out).toContain('Not served by this version (no gap):\n\n- prod-eu-west-1: **serviceCIDRs** not served: API networking.k8s.io/v1 servicecidrs not served');
    expect(out).not.toMatch(/serviceCIDRs\*\* absent/);
    const served = canonical.coverage.filter((c) => c.status !== 'forbidden');
    expect(formatMarkdown({ ...clean, coverage: served }, { color: false })).toContain('### Coverage\n\nComplete: no read was refused in 1 cluster.\n\nNot served by this version (no gap):');
  });

  it('does not call a run clean when rules were not assessed', () => {
    const out = formatMarkdown(clean, { color: false });
    expect(out).toContain('No findings (1 rule not assessed, see below).');
    expect(out).toContain('### Not assessed');
  });

  it('gives each finding its fix in a column', () => {
    const out = formatMarkdown(canonical, { color: false });
    expect(out).toContain('| Severity | Code | Object | Owner | Location | Message | Fix |');
    expect(out).toContain('cannot reach it | Set spec.ipFamilyPolicy: PreferDualStack on Service default/web |');
  });

  it('folds the not-assessed list under one line grouped by cause', () => {
    expect(formatMarkdown(clean, { color: false })).toContain(
      '### Not assessed\n\n<details><summary>1 rule not assessed (1: objects the cluster forbade reading) — grant list access (deploy/rbac.yaml)</summary>\n\n- **service-endpoints-missing-family**',
    );
  });

  it('names the role that grants what was forbidden: the mesh role for Envoy listeners', () => {
    const forbidden = (collection: 'envoyProxies' | 'endpointSlices') => ({ cluster: 'prod', collection, status: 'forbidden' as const, reason: 'forbidden' });
    const meshOnly = formatMarkdown({ ...clean, coverage: [forbidden('envoyProxies')] }, { color: false });
    expect(meshOnly).toContain('— grant list access (deploy/rbac-mesh.yaml)</summary>');
    const both = formatMarkdown({ ...clean, coverage: [forbidden('envoyProxies'), forbidden('endpointSlices')] }, { color: false });
    expect(both).toContain('— grant list access (deploy/rbac-mesh.yaml, deploy/rbac.yaml)</summary>');
  });
});

describe('markdown: scenario', () => {
  it('names the scenario next to the target', () => {
    const out = formatMarkdown(cleanResult({ scenario: { target: 'ipv6-primary', newPrimary: 'IPv6', named: true, primaryAfter: 'IPv6' } }), { color: false });
    expect(out).toContain('· scenario: **target ipv6-primary: primary family becomes IPv6**');
  });
});
