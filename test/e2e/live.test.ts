/** Live scans through bin/ against the fake API server: equal to offline scans, honest coverage, recovery, snapshots, fleets. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { dsaudit, dsauditAsync } from '../helpers/cli.js';
import { closedPortUrl, FakeApiServer, writeKubeconfig, type Fault, type KubeconfigContext } from '../helpers/fake-apiserver.js';
import { loadClusterFixture, ROOT } from '../helpers/rule-tester.js';
import { validateSarif } from '../helpers/sarif-validator.js';

interface JsonFinding {
  ruleId: string;
  messageId: string;
  severity: string;
  object: { kind: string; namespace: string | null; name: string; cluster?: string };
  location: unknown;
}
interface JsonReport {
  findings: JsonFinding[];
  notAssessed: { ruleId: string; reason: string; cluster?: string }[];
  coverage: { cluster: string; collection: string; status: string; reason: string | null }[];
  clusters: { name: string; stack: string }[];
  inputErrors: unknown[];
}

const servers: FakeApiServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'dsaudit-live-'));
  dirs.push(d);
  return d;
}

/** The objects of a cluster fixture, as an API server would store them. */
function fixtureObjects(name: string): Record<string, unknown>[] {
  return loadClusterFixture(name).map((r) => structuredClone(r.body) as Record<string, unknown>);
}

async function serve(objects: Record<string, unknown>[], faults: Record<string, Fault> = {}, gitVersion?: string): Promise<FakeApiServer> {
  const s = await FakeApiServer.start({ objects, faults, ...(gitVersion ? { gitVersion } : {}) });
  servers.push(s);
  return s;
}

function kubeconfig(server: FakeApiServer, contexts: KubeconfigContext[] = [{ name: 'kind-dev' }]): string {
  return writeKubeconfig(join(tmp(), 'config'), server, contexts, contexts[0].name);
}

/** `(ruleId, messageId, Kind ns/name, severity)` tuples, sorted: what must not differ between live and offline. */
function tuples(report: JsonReport): string[] {
  return report.findings
    .map((f) => `${f.ruleId} ${f.messageId} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name} ${f.severity}`)
    .sort();
}

function json(stdout: string): JsonReport {
  return JSON.parse(stdout) as JsonReport;
}

function nonGet(server: FakeApiServer): string[] {
  return server.requests.filter((r) => r.method !== 'GET' || r.verb === 'watch' || r.resource === 'secrets' || 'watch' in r.query).map((r) => `${r.method} ${r.path}`);
}

describe.each(['half-migrated', 'dual-stack-healthy'])('live scan of fixtures/clusters/%s', (name) => {
  it('finds what the offline scan of the same objects finds, labelled with the cluster, with logical locations only', async () => {
    const server = await serve(fixtureObjects(name));
    const kc = kubeconfig(server);
    const offline = dsaudit(['scan', '-f', `fixtures/clusters/${name}`, '-o', 'json']);
    const sarifFile = join(tmp(), 'live.sarif');
    const live = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json', '-o', `sarif=${sarifFile}`]);

    expect(live.stderr).toBe('');
    const report = json(live.stdout);
    const off = json(offline.stdout);
    // A live read is complete where a dump may not be (an empty list is present, a missing file is absent):
    // compare the rules both could assess, and never assess less live than offline.
    const offlineOnly = new Set(off.notAssessed.map((n) => n.ruleId));
    for (const n of report.notAssessed) expect(offlineOnly).toContain(n.ruleId);
    const assessedOffline = (r: JsonReport): JsonReport => ({ ...r, findings: r.findings.filter((f) => !offlineOnly.has(f.ruleId)) });
    expect(tuples(assessedOffline(report))).toEqual(tuples(off));
    if (name === 'half-migrated') expect(tuples(off).length).toBeGreaterThan(0);
    // Rules the offline dump could not assess must stay quiet when their add-on is simply not installed.
    expect(report.findings.filter((f) => ['metallb-pool-single-family', 'aws-load-balancer-not-dual-stack'].includes(f.ruleId))).toEqual([]);
    for (const f of report.findings) {
      expect(f.object.cluster).toBe('kind-dev');
      expect(f.location).toBeNull();
    }
    expect(report.clusters.map((c) => c.name)).toEqual(['kind-dev']);
    expect(report.coverage.filter((c) => c.status === 'forbidden')).toEqual([]);
    expect(report.inputErrors).toEqual([]);

    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    for (const r of sarif.runs[0].results) {
      expect(r.locations[0].physicalLocation).toBeUndefined();
      expect(r.locations[0].logicalLocations[0].fullyQualifiedName).toMatch(/^kind-dev\//);
    }
    expect(sarif.runs[0].properties.coverageComplete).toBe(true);
    expect(validateSarif(sarifFile).errors).toEqual([]);

    expect(nonGet(server)).toEqual([]);
    expect(server.requests.some((r) => r.resource === 'configmaps' && r.verb === 'list')).toBe(false);
  });
});

describe('coverage under RBAC denial', () => {
  it('reports forbidden collections, leaves the rules that need them not assessed, and exits 2 only with --strict', async () => {
    const server = await serve(fixtureObjects('half-migrated'), { endpointslices: { forbid: true } });
    const kc = kubeconfig(server);
    const r = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json']);
    const report = json(r.stdout);
    const gap = report.coverage.find((c) => c.collection === 'endpointSlices');
    expect(gap).toMatchObject({ cluster: 'kind-dev', status: 'forbidden' });
    expect(gap?.reason).toMatch(/cannot list resource "endpointslices" in API group "discovery.k8s.io" at the cluster scope/);
    const na = report.notAssessed.find((n) => n.ruleId === 'service-endpoints-missing-family');
    expect(na?.reason).toBe(gap?.reason);
    expect(report.findings.some((f) => f.ruleId === 'service-endpoints-missing-family')).toBe(false);
    expect(r.stderr).toMatch(/^dsaudit: warning: incomplete coverage, forbidden to read kind-dev: endpointSlices; \d+ rules? not assessed \(--strict makes this exit 2\)\n$/);
    expect(r.code).toBe(1);

    const strict = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/^dsaudit: error: incomplete coverage/);
    expect(json(strict.stdout).findings.length).toBe(report.findings.length);

    const table = await dsauditAsync(['scan', '--kubeconfig', kc, '--color', 'never']);
    expect(table.stdout).toMatch(/Coverage gaps \(1\)\n {2}kind-dev: endpointSlices forbidden: endpointslices is forbidden/);
    expect(table.stdout).toMatch(/coverage: incomplete/);
    const md = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'markdown']);
    expect(md.stdout).toContain('### Coverage\n\n- kind-dev: **endpointSlices** forbidden');
  });

  it('a missing API is absent, not incomplete coverage', async () => {
    const server = await serve(fixtureObjects('half-migrated'), { servicecidrs: { absent: true } });
    const r = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '-o', 'json', '--strict']);
    expect(json(r.stdout).coverage.find((c) => c.collection === 'serviceCIDRs')).toMatchObject({ status: 'absent', reason: expect.stringMatching(/not served/), notServed: true });
    expect(r.code).toBe(1);
    // The table and Markdown agree with --strict: not served is shown as such, never as a gap.
    const table = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '--color', 'never']);
    expect(table.stdout).not.toContain('Coverage gaps');
    expect(table.stdout).toMatch(/Not served by this version \(1\)\n {2}kind-dev: serviceCIDRs: API networking\.k8s\.io\/v1 servicecidrs not served/);
    expect(table.stdout).toContain('coverage: complete (1 API not served)');
    const md = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '-o', 'markdown']);
    expect(md.stdout).toContain('### Coverage\n\nComplete: no read was refused in 1 cluster.');
  });
});

describe.concurrent('recovery from transient faults', () => {
  const faults: [string, Record<string, Fault>][] = [
    ['429 with Retry-After', { services: { tooMany: { times: 2, retryAfterSeconds: 0 } } }],
    ['500', { nodes: { fail500: 2 } }],
    ['410 expired continue token', { services: { expireContinue: 1 }, nodes: { expireContinue: 1 } }],
    ['dropped connection', { endpointslices: { dropConnection: 2 } }],
  ];
  let clean: string;
  beforeAll(async () => {
    const s = await serve(fixtureObjects('half-migrated'));
    clean = (await dsauditAsync(['scan', '--kubeconfig', kubeconfig(s), '-o', 'json', '--chunk-size', '1'])).stdout;
  });
  it.each(faults)('recovers from %s with the same report', async (_label, fault) => {
    const server = await serve(fixtureObjects('half-migrated'), fault);
    const r = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '-o', 'json', '--chunk-size', '1']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(clean);
    expect(r.code).toBe(1);
    // The fault was hit and retried (or the list restarted).
    expect(server.requests.some((q) => q.status !== 200)).toBe(true);
    expect(nonGet(server)).toEqual([]);
  });
});

/** util-linux `script`: runs a command on a pseudo-terminal, so stderr is a TTY as in a user's shell. */
const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

/** Runs the CLI on a pseudo-terminal and returns what the terminal showed (stdout and stderr together). */
function onTerminal(args: readonly string[]): Promise<string> {
  const command = [process.execPath, join(ROOT, 'bin', 'dsaudit.js'), ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', TERM: 'dumb' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { out += d; });
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

describe('progress on a terminal', () => {
  it.skipIf(!HAS_SCRIPT)('shows each list\'s pages and objects on a terminal, and nothing with -q', async () => {
    const server = await serve(fixtureObjects('half-migrated'));
    const config = kubeconfig(server);
    const shown = await onTerminal(['scan', '--kubeconfig', config, '--chunk-size', '2', '-o', 'json']);
    expect(shown).toMatch(/\r\x1b\[Kpods: \d+ objects, \d+ pages/);
    expect(shown).toMatch(/nodes: \d+ objects, \d+ pages\r?\n/);
    const quiet = await onTerminal(['scan', '--kubeconfig', config, '--chunk-size', '2', '-o', 'json', '-q']);
    expect(quiet).not.toMatch(/objects, \d+ pages/);
    expect(quiet).toContain('"findings"');
  });
});

describe("the API server's version", () => {
  const serviceCidr = { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/16', 'fd00:10:96::/108'] } };

  it('decides which Service allocator limits apply, live and from a snapshot', async () => {
    const clamped = (stdout: string) => json(stdout).findings.filter((f) => f.ruleId === 'service-cidr-too-large');
    const old = kubeconfig(await serve([serviceCidr], {}, 'v1.32.4'));
    const current = kubeconfig(await serve([serviceCidr], {}, 'v1.35.0'));
    // 1.32 uses the bitmap allocator: only the first 65,536 addresses of the /108 are used.
    const before = await dsauditAsync(['scan', '--kubeconfig', old, '-o', 'json']);
    expect(clamped(before.stdout).map((f) => f.messageId)).toEqual(['bitmapClamped']);
    expect(before.stdout).toContain('Kubernetes 1.32, API server /version v1.32.4');
    // 1.35 allocates from the whole range (both allocator gates locked on).
    expect(clamped((await dsauditAsync(['scan', '--kubeconfig', current, '-o', 'json'])).stdout)).toEqual([]);
    const snapshot = join(tmp(), 'snapshot.json');
    expect((await dsauditAsync(['snapshot', '--kubeconfig', current, '-o', snapshot])).code).toBe(0);
    expect(clamped(dsaudit(['scan', '-f', snapshot, '-o', 'json']).stdout)).toEqual([]);
  });
});

describe('clusters that cannot be read', () => {
  it('an unreachable server is exit 2 with one line naming the context and the server URL', async () => {
    const server = await serve([]);
    const url = await closedPortUrl();
    const kc = writeKubeconfig(join(tmp(), 'config'), server, [{ name: 'prod-eu', server: url }], 'prod-eu');
    const r = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('"prod-eu"');
    expect(r.stderr).toContain(url);
  });

  it('a bad kubeconfig is exit 2 with one line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'config'), 'apiVersion: v1\nclusters: [oops\n');
    for (const args of [['--kubeconfig', join(dir, 'config')], ['--kubeconfig', join(dir, 'missing')], ['--kubeconfig', join(dir, 'config'), '--context', 'nope']]) {
      const r = dsaudit(['scan', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^dsaudit: error: /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('snapshots', () => {
  it('snapshot then scan -f gives the same report as the live scan, offline', async () => {
    const server = await serve(fixtureObjects('half-migrated'), { pods: { forbid: true } });
    const kc = kubeconfig(server);
    const dir = tmp();
    const snap = await dsauditAsync(['snapshot', '--kubeconfig', kc, '-o', join(dir, 'cluster.json')], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(snap.code).toBe(0);
    expect(snap.stdout).toBe('');
    expect(snap.stderr).toMatch(/^dsaudit: warning: incomplete coverage, forbidden to read kind-dev: pods/);
    const text = readFileSync(join(dir, 'cluster.json'), 'utf8');
    const doc = JSON.parse(text);
    expect(doc.apiVersion).toBe('dsaudit.io/v1');
    expect(doc.kind).toBe('ClusterSnapshot');
    expect(doc.metadata).toEqual({ cluster: 'kind-dev', context: 'kind-dev', serverVersion: 'v1.33.1', takenAt: '2026-01-01T00:00:00.000Z', tool: expect.stringMatching(/^dsaudit \d/) });
    expect(doc.coverage.pods.status).toBe('forbidden');
    expect(doc.coverage.nodes).toEqual({ status: 'present' });
    expect(text).not.toContain('managedFields');
    expect(doc.items.length).toBeGreaterThan(0);

    const live = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json']);
    const requests = server.requests.length;
    const offline = dsaudit(['scan', '-f', join(dir, 'cluster.json'), '-o', 'json']);
    expect(server.requests.length).toBe(requests);
    expect(offline.stdout).toBe(live.stdout);
    expect(offline.code).toBe(live.code);
    expect(json(offline.stdout).findings.every((f) => f.object.cluster === 'kind-dev' && f.location === null)).toBe(true);
    const sarif = dsaudit(['scan', '-f', join(dir, 'cluster.json'), '-o', 'sarif']);
    expect(sarif.stdout).toBe((await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'sarif'])).stdout);
  });

  it('a large snapshot is read line by line and gives the same report as the live scan', async () => {
    // 2,000 single-stack pods of one Deployment, with 500 bytes of annotations each: a 1.5 MB snapshot.
    const pods = Array.from({ length: 2000 }, (_, i) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `web-5d8f-${String(i).padStart(5, '0')}`,
        namespace: 'shop',
        labels: { app: 'web', 'pod-template-hash': '5d8f' },
        annotations: { note: 'x'.repeat(500) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: 'rs-uid', controller: true }],
      },
      spec: { nodeName: 'worker-1', containers: [{ name: 'app', image: 'web:1' }], volumes: [{ name: 'conf', configMap: { name: 'web-conf' } }] },
      status: { phase: 'Running', podIPs: [{ ip: `10.244.${(i >> 8) + 1}.${i & 255}` }] },
    }));
    const server = await serve([...fixtureObjects('half-migrated'), ...pods]);
    const kc = kubeconfig(server);
    const file = join(tmp(), 'cluster.json');
    // --max-configmaps 0 leaves the pods' ConfigMap unread: the notice saying so is kept in the snapshot.
    expect((await dsauditAsync(['snapshot', '--kubeconfig', kc, '-o', file, '--max-configmaps', '0'])).code).toBe(0);
    expect(statSync(file).size).toBeGreaterThan(1024 * 1024);
    const live = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json', '--max-configmaps', '0']);
    const offline = dsaudit(['scan', '-f', file, '-o', 'json']);
    expect(offline.stderr).toBe(live.stderr);
    expect(offline.stdout).toBe(live.stdout);
    expect(offline.code).toBe(live.code);
    expect((JSON.parse(offline.stdout) as { notices: { message: string }[] }).notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^1 of the 1 ConfigMaps the pods reference were not read \(--max-configmaps 0\)/));
    expect(json(offline.stdout).findings.some((f) => f.ruleId === 'pod-single-stack' && f.object.name === 'web')).toBe(true);
  });

  it('snapshot writes to stdout by default, and a snapshot mixed with manifests is refused', async () => {
    const server = await serve(fixtureObjects('dual-stack-healthy'));
    const snap = await dsauditAsync(['snapshot', '--kubeconfig', kubeconfig(server), '-n', 'default', '-q']);
    expect(snap.code).toBe(0);
    const doc = JSON.parse(snap.stdout);
    expect(doc.metadata.namespaces).toEqual(['default']);
    const dir = tmp();
    writeFileSync(join(dir, 'snap.json'), snap.stdout);
    const mixed = dsaudit(['scan', '-f', join(dir, 'snap.json'), '-f', 'fixtures/clusters/half-migrated']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/cannot be scanned together with manifests/);
  });

  it('rejects an unsupported snapshot version with the file and line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'old.json'), JSON.stringify({ apiVersion: 'dsaudit.io/v0', kind: 'ClusterSnapshot', metadata: { cluster: 'x' }, items: [] }, null, 2));
    const r = dsaudit(['scan', '-f', join(dir, 'old.json'), '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/old\.json:\d+: unsupported snapshot version dsaudit\.io\/v0/);
  });
});

/** Two clusters that reuse the half-migrated ranges, and one with its own. */
function westObjects(): Record<string, unknown>[] {
  return fixtureObjects('half-migrated').map((o) => (o.kind === 'Node' ? { ...o, metadata: { ...(o.metadata as object), name: `west-${String((o.metadata as { name: string }).name)}` } } : o));
}

describe('several clusters in one run', () => {
  it('labels findings per cluster and reports overlapping ranges (DS204): warning, error when connected', async () => {
    const east = await serve(fixtureObjects('half-migrated'));
    const west = await serve(westObjects());
    const dir = tmp();
    // Two kubeconfig files merged through KUBECONFIG, as kubectl merges them.
    writeKubeconfig(join(dir, 'east'), east, [{ name: 'prod-east' }], 'prod-east');
    writeKubeconfig(join(dir, 'west'), west, [{ name: 'prod-west' }], 'prod-west');
    const env = { KUBECONFIG: `${join(dir, 'east')}:${join(dir, 'west')}` };

    const r = await dsauditAsync(['scan', '--context', 'prod-west', '--context', 'prod-east', '-o', 'json'], { env });
    expect(r.stderr).toBe('');
    const report = json(r.stdout);
    expect(report.clusters.map((c) => c.name)).toEqual(['prod-east', 'prod-west']);
    const perCluster = (c: string) => report.findings.filter((f) => f.object.cluster === c && f.ruleId !== 'cluster-ranges-overlap');
    const single = json((await dsauditAsync(['scan', '--context', 'prod-east', '-o', 'json'], { env })).stdout);
    expect(tuples({ ...report, findings: perCluster('prod-east') })).toEqual(tuples(single));
    expect(tuples({ ...report, findings: perCluster('prod-west') }).length).toBe(tuples(single).length);
    const overlaps = report.findings.filter((f) => f.ruleId === 'cluster-ranges-overlap');
    expect(overlaps.map((f) => `${f.messageId} ${f.severity} ${f.object.cluster}`).sort()).toEqual([
      'podRangesOverlap warning prod-west',
      'podRangesOverlap warning prod-west',
      'serviceRangesOverlap warning prod-west',
      'serviceRangesOverlap warning prod-west',
    ]);
    expect(report.coverage.map((c) => c.cluster).filter((c, i, a) => a.indexOf(c) === i)).toEqual(['prod-east', 'prod-west']);

    const connected = json((await dsauditAsync(['scan', '--context', 'prod-east', '--context', 'prod-west', '-o', 'json', '--connected'], { env })).stdout);
    expect(connected.findings.filter((f) => f.messageId === 'podRangesOverlap').map((f) => f.severity)).toEqual(['error', 'error']);
    writeFileSync(join(dir, '.dsaudit.yaml'), 'clusters:\n  - name: prod\n    members: [prod-east, prod-west]\n');
    const grouped = await dsauditAsync(['scan', '--context', 'prod-east', '--context', 'prod-west', '-o', 'json'], { env, cwd: dir });
    expect(json(grouped.stdout).findings.filter((f) => f.messageId === 'podRangesOverlap').map((f) => f.severity)).toEqual(['error', 'error']);

    const sarifFile = join(dir, 'fleet.sarif');
    await dsauditAsync(['scan', '--context', 'prod-east', '--context', 'prod-west', '-o', `sarif=${sarifFile}`], { env });
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const names = sarif.runs[0].results.map((x: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => x.locations[0].logicalLocations[0].fullyQualifiedName);
    expect(names.some((n: string) => n.startsWith('prod-east/'))).toBe(true);
    expect(names.some((n: string) => n.startsWith('prod-west/'))).toBe(true);
    expect(validateSarif(sarifFile).errors).toEqual([]);

    const table = await dsauditAsync(['scan', '--context', 'prod-east', '--context', 'prod-west', '--color', 'never'], { env });
    expect(table.stdout).toContain('(cluster prod-west)');
    expect(table.stdout).toMatch(/clusters: prod-east dual, prod-west dual/);

    // The same two clusters from snapshots give the same report.
    for (const c of ['prod-east', 'prod-west']) {
      const s = await dsauditAsync(['snapshot', '--context', c, '-o', join(dir, `${c}.json`)], { env });
      expect(s.code).toBe(0);
    }
    const fromSnapshots = dsaudit(['scan', '-f', join(dir, 'prod-west.json'), '-f', join(dir, 'prod-east.json'), '-o', 'json']);
    expect(fromSnapshots.stdout).toBe(r.stdout);
    writeFileSync(join(dir, 'again.json'), readFileSync(join(dir, 'prod-east.json')));
    const twice = dsaudit(['scan', '-f', join(dir, 'prod-east.json'), '-f', join(dir, 'again.json')]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/both snapshots of cluster "prod-east"/);
  });

  it('refuses per-cluster range flags when scanning several clusters', () => {
    const r = dsaudit(['scan', '--context', 'a', '--context', 'b', '--service-cidr', '10.96.0.0/16']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/describe one cluster/);
  });
});

describe('Istio injection defaults, live', () => {
  it('reads the istio-sidecar-injector ConfigMap by name and reports an IPv4-only capture default (DS408)', async () => {
    const injector = {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' },
      data: { config: 'policy: enabled', values: JSON.stringify({ global: { proxy: { includeIPRanges: '10.96.0.0/12,10.244.0.0/16', excludeIPRanges: '' } } }) },
    };
    const server = await serve([...fixtureObjects('dual-stack-healthy'), injector]);
    const live = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '-o', 'json']);
    expect(live.stderr).toBe('');
    expect(tuples(json(live.stdout)).filter((t) => t.startsWith('istio-capture-single-family '))).toEqual(['istio-capture-single-family installDefault ConfigMap istio-system/istio-sidecar-injector warning']);
    expect(server.requests.filter((r) => r.resource === 'configmaps' && r.name === 'istio-sidecar-injector').map((r) => r.verb)).toEqual(['get']);
  });
});

describe('the ConfigMaps pods reference, read live by name', () => {
  /** A dual-stack cluster plus workloads whose referenced ConfigMaps bind IPv4 only (the DS601 fail fixture). */
  function objects(): Record<string, unknown>[] {
    const docs = parseAllDocuments(readFileSync(join(ROOT, 'fixtures/rules/workload-config-binds-single-family/fail-config-binds.yaml'), 'utf8'));
    return [...fixtureObjects('dual-stack-healthy'), ...docs.map((d) => d.toJS() as Record<string, unknown>)];
  }
  const ds601 = (report: JsonReport): string[] => tuples({ ...report, findings: report.findings.filter((f) => f.ruleId === 'workload-config-binds-single-family') });

  it('a live scan and its snapshot find the DS601 findings the manifest scan of the same objects finds, with GETs by name only', async () => {
    const dir = tmp();
    const manifest = join(dir, 'objects.yaml');
    writeFileSync(manifest, objects().map((o) => stringify(o)).join('---\n'));
    const offline = json(dsaudit(['scan', '-f', manifest, '-o', 'json']).stdout);
    const server = await serve(objects());
    const kc = kubeconfig(server);
    const live = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json']);
    expect(live.stderr).toBe('');
    expect(ds601(offline)).toHaveLength(3);
    expect(ds601(json(live.stdout))).toEqual(ds601(offline));
    expect(nonGet(server)).toEqual([]);
    const cms = server.requests.filter((r) => r.resource === 'configmaps');
    expect(cms.every((r) => r.verb === 'get')).toBe(true);
    expect(cms.map((r) => `${r.namespace}/${r.name}`)).toEqual(expect.arrayContaining(['shop/web-nginx', 'shop/cache-conf', 'shop/api-env']));

    const snap = await dsauditAsync(['snapshot', '--kubeconfig', kc, '-o', join(dir, 'cluster.json')]);
    expect(snap.code).toBe(0);
    expect(ds601(json(dsaudit(['scan', '-f', join(dir, 'cluster.json'), '-o', 'json']).stdout))).toEqual(ds601(offline));
  });

  it('with deploy/rbac.yaml alone, DS601 is not assessed and a notice names deploy/rbac-workload-config.yaml', async () => {
    const wellKnown = ['kubeadm-config', 'kube-proxy', 'coredns', 'kubelet-config', 'istio', 'ingress-nginx-controller', 'calico-config', 'cilium-config', 'kube-flannel-cfg', 'istio-sidecar-injector'];
    const server = await serve(objects(), { configmaps: { forbid: true, allowNames: wellKnown } });
    const live = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server), '-o', 'json']);
    const report = json(live.stdout) as JsonReport & { notices: { message: string }[] };
    expect(ds601(report)).toEqual([]);
    expect(report.notAssessed.find((n) => n.ruleId === 'workload-config-binds-single-family')?.reason).toMatch(/^3 of the 3 ConfigMaps the pods reference are not in the input/);
    expect(report.notices.map((n) => n.message)).toContainEqual(expect.stringContaining('grant deploy/rbac-workload-config.yaml'));
    // One refused GET, not one per ConfigMap.
    expect(server.requests.filter((r) => r.resource === 'configmaps' && r.status === 403).length).toBeLessThanOrEqual(4);

    // A snapshot keeps the notice: scanning it gives the live report.
    const file = join(tmp(), 'cluster.json');
    expect((await dsauditAsync(['snapshot', '--kubeconfig', kubeconfig(server), '-o', file])).code).toBe(0);
    expect(dsaudit(['scan', '-f', file, '-o', 'json']).stdout).toBe(live.stdout);
  });
});
