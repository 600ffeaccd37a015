/** `dsaudit diff` with one side read live from the fake API server: the same diff as from snapshots, and an honest gap when the live side is refused a collection. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsaudit, dsauditAsync } from '../helpers/cli.js';
import { FakeApiServer, writeKubeconfig, type Fault } from '../helpers/fake-apiserver.js';
import { diffSchemaErrors } from '../helpers/report-schema.js';
import { ROOT } from '../helpers/rule-tester.js';

const MID = 'fixtures/plan/ipv4-to-dual/mid-migration.json';
const LATER = 'fixtures/plan/ipv4-to-dual/later.json';

const servers: FakeApiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** A fake API server holding a snapshot's objects, and a kubeconfig whose current context is named like the snapshot's cluster. */
async function serveSnapshot(file: string, faults: Record<string, Fault> = {}): Promise<{ server: FakeApiServer; kubeconfig: string }> {
  const items = (JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as { items: Record<string, unknown>[] }).items;
  const server = await FakeApiServer.start({ objects: items, faults });
  servers.push(server);
  const kubeconfig = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'dsaudit-diff-live-')), 'config'), server, [{ name: 'shop-prod' }], 'shop-prod');
  return { server, kubeconfig };
}

function nonGet(server: FakeApiServer): string[] {
  return server.requests.filter((r) => r.method !== 'GET' || r.resource === 'secrets').map((r) => `${r.method} ${r.path}`);
}

describe('dsaudit diff against a live cluster', () => {
  it('a snapshot against the cluster now (AFTER live) is the diff of the two snapshots: the regression exits 1', async () => {
    const { server, kubeconfig } = await serveSnapshot(LATER);
    const offline = dsaudit(['diff', MID, LATER, '-o', 'json']);
    const live = await dsauditAsync(['diff', MID, '--kubeconfig', kubeconfig, '--context', 'shop-prod', '-o', 'json']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(1);
    expect(offline.code).toBe(1);
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(offline.stdout));
    expect(diffSchemaErrors(JSON.parse(live.stdout))).toEqual([]);
    expect(JSON.parse(live.stdout)).toMatchObject({ before: 'shop-prod', after: 'shop-prod', regressions: 1, complete: true, notCompared: [] });
    expect(nonGet(server)).toEqual([]);
  });

  it('--live before compares the cluster now with files about to be applied; the current context is the default', async () => {
    const { kubeconfig } = await serveSnapshot(MID);
    const r = await dsauditAsync(['diff', LATER, '--live', 'before', '--kubeconfig', kubeconfig, '--color', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Regressions (1)\n  IPv6\n    ✖ Service shop/orders lost its IPv6 ClusterIP');
    expect(r.stdout).toMatch(/\n1 regression\n$/);
  });

  it('a collection the live side may not read is not compared, is named, and exits 2 instead of "no regressions"', async () => {
    // The same objects on both sides: only the refused Pods keep the diff from saying "no regressions".
    const { kubeconfig } = await serveSnapshot(LATER, { pods: { forbid: true } });
    const r = await dsauditAsync(['diff', LATER, '--kubeconfig', kubeconfig, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dsaudit: error: incomplete diff, forbidden to read AFTER (shop-prod): pods; those objects were not compared\n');
    const out = JSON.parse(r.stdout) as { regressions: number; complete: boolean; notCompared: { collection: string; side: string; status: string; reason: string }[]; progress: { section: string; after: unknown }[] };
    expect(diffSchemaErrors(out)).toEqual([]);
    expect(out.regressions).toBe(0);
    expect(out.complete).toBe(false);
    expect(out.notCompared).toHaveLength(1);
    expect(out.notCompared[0]).toMatchObject({ collection: 'pods', side: 'after', status: 'forbidden' });
    expect(out.notCompared[0].reason).toMatch(/cannot list resource "pods"/);
    // The Pods the live side could not read are no progress figure either.
    expect(out.progress.find((p) => p.section === 'workloads')?.after).toBeNull();

    const table = await dsauditAsync(['diff', LATER, '--kubeconfig', kubeconfig, '--color', 'never']);
    expect(table.code).toBe(2);
    expect(table.stdout).toMatch(/Not compared \(1\)\n {2}✖ pods: forbidden in AFTER \(.*cannot list resource "pods"/);
    expect(table.stdout).not.toContain('No regressions');
    expect(table.stdout).toMatch(/\nIncomplete: no regression found in what both readings hold; pods could not be read and were not compared\n$/);
  });

  it('operands and live flags that do not make two readings are one usage line and exit 2', () => {
    for (const args of [['diff', MID, LATER, '--context', 'prod'], ['diff', MID, '--live', 'sideways'], ['diff', MID, '--context', 'a', '--context', 'b']]) {
      const r = dsaudit(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
