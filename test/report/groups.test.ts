import { describe, expect, it } from 'vitest';
import { groupFindings } from '../../src/report/groups.js';
import { formatJson } from '../../src/report/json.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { formatTable } from '../../src/report/table.js';
import type { TeamMap } from '../../src/plan/teams.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import { canonical } from '../helpers/report-fixtures.js';

// canonical findings: 0 DS100 ConfigMap kube-system (error), 1 DS107 Node (cluster-scoped, error, cluster prod-eu-west-1),
// 2 DS101 default/web (Helm, warning), 3 and 4 suppressed DS101, 5 baselined DS101 payments, 6 DS102 ingress-nginx (Argo CD, info).
const teams: TeamMap = {
  label: 'team',
  byCluster: new Map([['', new Map<string, string | undefined>([['kube-system', 'platform'], ['default', 'web'], ['ingress-nginx', 'platform'], ['monitoring', undefined]])]]),
};
const rows = (by: Parameters<typeof groupFindings>[1], map?: TeamMap) =>
  groupFindings(canonical.findings, by, map).map((g) => [g.key, g.label, g.findings, g.summary.error, g.summary.warning, g.summary.info, g.unassigned ?? null]);

describe('groupFindings', () => {
  it('by owner: owners by active errors and warnings, unmanaged objects last', () => {
    expect(rows('owner')).toEqual([
      ['helm|HelmRelease|default|web|web-1.4.0', 'Helm release default/web (chart web-1.4.0)', [2], 0, 1, 0, null],
      ['argocd|Application||ingress-nginx|ingress-nginx-4.10.0', 'Argo CD Application ingress-nginx (chart ingress-nginx-4.10.0)', [6], 0, 0, 1, null],
      [null, 'not managed by a tool or controller: fix the objects themselves', [0, 1, 3, 4, 5], 2, 0, 0, 'unmanaged'],
    ]);
  });

  it('by namespace: one group per cluster and namespace, cluster-scoped objects last; suppressed and baselined counted apart', () => {
    const groups = groupFindings(canonical.findings, 'namespace');
    expect(rows('namespace')).toEqual([
      ['kube-system', 'namespace kube-system', [0, 3], 1, 0, 0, null],
      ['default', 'namespace default', [2], 0, 1, 0, null],
      ['ingress-nginx', 'namespace ingress-nginx', [6], 0, 0, 1, null],
      ['monitoring', 'namespace monitoring', [4], 0, 0, 0, null],
      ['payments', 'namespace payments', [5], 0, 0, 0, null],
      [null, 'cluster-scoped objects', [1], 1, 0, 0, 'cluster-scoped'],
    ]);
    expect(groups[0].summary).toEqual({ error: 1, warning: 0, info: 0, suppressed: 1, baselined: 0 });
    expect(groups[4].summary).toEqual({ error: 0, warning: 0, info: 0, suppressed: 0, baselined: 1 });
  });

  it('by rule', () => {
    expect(rows('rule').map(([key, label, findings]) => [key, label, findings])).toEqual([
      ['cluster-not-dual-stack', 'DS100 cluster-not-dual-stack', [0]],
      ['node-pod-cidrs-missing-family', 'DS107 node-pod-cidrs-missing-family', [1]],
      ['service-single-stack', 'DS101 service-single-stack', [2, 3, 4, 5]],
      ['exposed-service-single-stack', 'DS102 exposed-service-single-stack', [6]],
    ]);
  });

  it('by team: the namespace label, and apart the unlabelled namespaces, namespaces not read and cluster-scoped objects', () => {
    expect(rows('team', teams)).toEqual([
      ['platform', 'team platform', [0, 3, 6], 1, 0, 1, null],
      ['web', 'team web', [2], 0, 1, 0, null],
      [null, 'no team: namespace without the "team" label', [4], 0, 0, 0, 'unlabelled'],
      [null, 'no team: Namespace object not in the input', [5], 0, 0, 0, 'namespace-not-read'],
      [null, 'no team: cluster-scoped objects', [1], 1, 0, 0, 'cluster-scoped'],
    ]);
  });

  it('reads a namespace team in the cluster the finding comes from', () => {
    const node = canonical.findings[1];
    const inCluster = { ...node, object: { ...node.object, namespace: 'shop' } };
    const map: TeamMap = { label: 'team', byCluster: new Map([['', new Map([['shop', 'a']])], ['prod-eu-west-1', new Map([['shop', 'b']])]]) };
    expect(groupFindings([inCluster], 'team', map).map((g) => g.key)).toEqual(['b']);
  });
});

const views = { teams };
const grouped = (by: 'owner' | 'namespace' | 'rule' | 'team') => ({ color: false, groupBy: by });

describe('grouped reports', () => {
  it('table: one block per group with active findings, headed by its label and counts', () => {
    const out = formatTable(canonical, grouped('team'), views);
    expect(out).toContain('team platform — 1 error, 1 info\nErrors (1)\nRULE');
    expect(out).toContain('team web — 1 warning\nWarnings (1)');
    expect(out).toContain('no team: cluster-scoped objects — 1 error');
    expect(out).not.toContain('no team: namespace without');
    expect(out.indexOf('team platform')).toBeLessThan(out.indexOf('team web'));
    expect(formatTable(canonical, grouped('owner'), views)).toContain('Helm release default/web (chart web-1.4.0) — 1 warning');
    expect(formatTable(canonical, grouped('namespace'), views)).toContain('namespace kube-system — 1 error');
    expect(formatTable(canonical, grouped('rule'), views)).toContain('DS101 service-single-stack — 1 warning');
    expect(formatTable(canonical, { color: false })).not.toMatch(/ — \d (error|warning|info)/);
  });

  it('markdown: one section per group with active findings', () => {
    const out = formatMarkdown(canonical, grouped('team'), views);
    expect(out).toContain('### team platform (1 error, 1 info)');
    expect(out).toContain('### no team: cluster-scoped objects (1 error)');
    expect(out).not.toContain('### Findings');
    expect(formatMarkdown(canonical, grouped('owner'), views)).toContain('### Helm release default/web (chart web-1.4.0) (1 warning)');
    expect(formatMarkdown(canonical, grouped('namespace'), views)).toContain('### namespace ingress-nginx (1 info)');
    expect(formatMarkdown(canonical, grouped('rule'), views)).toContain('### DS100 cluster-not-dual-stack (1 error)');
  });

  it('json: a groups array after findings, valid against the schema, absent without --group-by', () => {
    for (const by of ['owner', 'namespace', 'rule', 'team'] as const) {
      const doc = JSON.parse(formatJson(canonical, grouped(by), views));
      expect(reportSchemaErrors(doc)).toEqual([]);
      expect(Object.keys(doc).indexOf('groups')).toBe(Object.keys(doc).indexOf('findings') + 1);
      expect(doc.groups.every((g: { by: string }) => g.by === by)).toBe(true);
      expect(doc.groups.flatMap((g: { findings: number[] }) => g.findings).sort()).toEqual(canonical.findings.map((_, i) => i));
    }
    const owner = JSON.parse(formatJson(canonical, grouped('owner'), views)).groups[0];
    expect(owner).toEqual({
      by: 'owner', key: 'helm|HelmRelease|default|web|web-1.4.0', label: 'Helm release default/web (chart web-1.4.0)',
      owner: { kind: 'HelmRelease', name: 'web', namespace: 'default', via: 'helm', chart: 'web-1.4.0', release: 'default/web' },
      summary: { error: 0, warning: 1, info: 0, suppressed: 0, baselined: 0 }, findings: [2],
    });
    expect(JSON.parse(formatJson(canonical, grouped('rule'), views)).groups[0]).toMatchObject({ key: 'cluster-not-dual-stack', code: 'DS100' });
    expect(JSON.parse(formatJson(canonical, { color: false })).groups).toBeUndefined();
    expect(reportSchemaErrors({ ...JSON.parse(formatJson(canonical, grouped('rule'), views)), groups: [{ by: 'app', key: null, label: '', summary: canonical.summary, findings: [] }] })).not.toEqual([]);
  });

  it('is byte-identical whatever order the namespaces were read in', () => {
    const reversed: TeamMap = { label: 'team', byCluster: new Map([['', new Map([...teams.byCluster.get('')!].reverse())]]) };
    expect(formatJson(canonical, grouped('team'), { teams: reversed })).toBe(formatJson(canonical, grouped('team'), views));
  });
});
