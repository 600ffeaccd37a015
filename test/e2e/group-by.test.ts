/** `scan --group-by` and `--team-label` through bin/: from files and live, and their usage errors. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { dsaudit, dsauditAsync } from '../helpers/cli.js';
import { FakeApiServer, writeKubeconfig } from '../helpers/fake-apiserver.js';
import { ROOT } from '../helpers/rule-tester.js';

const TEAMS = 'fixtures/teams';
const servers: FakeApiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

interface Group { key: string | null; label: string; cluster?: string; unassigned?: string; findings: number[] }
const groups = (stdout: string): [string | null, string | null, string[]][] => {
  const doc = JSON.parse(stdout) as { groups: Group[]; findings: { object: { namespace: string | null; name: string } }[] };
  return doc.groups.map((g) => [g.key, g.unassigned ?? null, g.findings.map((i) => `${doc.findings[i].object.namespace}/${doc.findings[i].object.name}`)]);
};

describe('scan --team-label', () => {
  it('groups findings by the team label of their namespace, in json, table and markdown', () => {
    const r = dsaudit(['scan', '-f', TEAMS, '--team-label', 'team', '-o', 'json']);
    expect(r.code).toBe(1);
    expect(groups(r.stdout)).toEqual([
      ['shop', null, ['retail/cart', 'retail/orders']],
      [null, 'unlabelled', ['legacy/old']],
      [null, 'namespace-not-read', ['default/web']],
    ]);
    const table = dsaudit(['scan', '-f', TEAMS, '--team-label', 'team']).stdout;
    expect(table).toContain('team shop — 1 error, 1 warning');
    expect(table).toContain('no team: namespace without the "team" label — 1 warning');
    const md = dsaudit(['scan', '-f', TEAMS, '--group-by', 'team', '--team-label', 'team', '-o', 'markdown']).stdout;
    expect(md).toContain('### team shop (1 error, 1 warning)');
  });

  it('groups by owner, namespace and rule', () => {
    expect(groups(dsaudit(['scan', '-f', TEAMS, '--group-by', 'owner', '-o', 'json']).stdout).map(([k, u]) => [k, u])).toEqual([
      ['helm|HelmRelease|retail|orders|orders-3.2.1', null],
      [null, 'unmanaged'],
    ]);
    expect(groups(dsaudit(['scan', '-f', TEAMS, '--group-by', 'namespace', '-o', 'json']).stdout).map(([k]) => k)).toEqual(['retail', 'default', 'legacy']);
    expect(groups(dsaudit(['scan', '-f', TEAMS, '--group-by', 'rule', '-o', 'json']).stdout).map(([k]) => k)).toEqual(['service-single-stack', 'exposed-service-single-stack']);
  });

  it('reads the Namespaces of a live cluster (one list, GET only)', async () => {
    const objects = parseAllDocuments(readFileSync(join(ROOT, TEAMS, 'retail.yaml'), 'utf8')).map((d) => d.toJS() as Record<string, unknown>);
    const server = await FakeApiServer.start({ objects });
    servers.push(server);
    const kc = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'dsaudit-teams-')), 'config'), server, [{ name: 'kind-dev' }], 'kind-dev');
    const r = await dsauditAsync(['scan', '--kubeconfig', kc, '--team-label', 'team', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(groups(r.stdout)).toEqual([
      ['shop', null, ['retail/cart', 'retail/orders']],
      [null, 'unlabelled', ['legacy/old']],
      [null, 'namespace-not-read', ['default/web']],
    ]);
    expect(server.requests.filter((r) => r.resource === 'namespaces').map((r) => `${r.method} ${r.verb}`)).toEqual(['GET list']);
  });

  it('refuses a grouping it cannot do (exit 2, one line)', () => {
    for (const args of [['--group-by', 'team'], ['--group-by', 'app'], ['--team-label', 'Not a label!'], ['--group-by', 'rule', '--team-label', 'team']]) {
      const r = dsaudit(['scan', '-f', TEAMS, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--(group-by|team-label)/);
    }
  });
});
