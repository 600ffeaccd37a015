/** Live scans against a hostile or broken API server: credentials never reach an output, no scan runs forever. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsauditAsync, type CliResult } from '../helpers/cli.js';
import { EXEC_PLUGIN, FakeApiServer, writeKubeconfig, type FakeApiServerOptions, type KubeconfigContext } from '../helpers/fake-apiserver.js';
import { loadClusterFixture } from '../helpers/rule-tester.js';

const servers: FakeApiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'dsaudit-hostile-'));
}

function fixtureObjects(name: string): Record<string, unknown>[] {
  return loadClusterFixture(name).map((r) => structuredClone(r.body) as Record<string, unknown>);
}

async function serve(options: FakeApiServerOptions): Promise<FakeApiServer> {
  const s = await FakeApiServer.start({ objects: fixtureObjects('half-migrated'), ...options });
  servers.push(s);
  return s;
}

/** Everything a scan and a snapshot wrote: stdout, stderr (with --debug) and every report and snapshot file. */
async function everyOutput(kc: string): Promise<{ texts: Record<string, string>; scan: CliResult; snapshot: CliResult }> {
  const dir = tmp();
  const file = (n: string): string => join(dir, n);
  const scan = await dsauditAsync(['--debug', 'scan', '--kubeconfig', kc, '--color', 'never', '-o', 'table', '-o', `json=${file('r.json')}`, '-o', `sarif=${file('r.sarif')}`, '-o', `markdown=${file('r.md')}`]);
  const snapshot = await dsauditAsync(['--debug', 'snapshot', '--kubeconfig', kc, '-o', file('snap.json')]);
  const texts: Record<string, string> = { 'scan stdout (table)': scan.stdout, 'scan stderr': scan.stderr, 'snapshot stdout': snapshot.stdout, 'snapshot stderr': snapshot.stderr };
  for (const n of ['r.json', 'r.sarif', 'r.md', 'snap.json']) texts[n] = readFileSync(file(n), 'utf8');
  return { texts, scan, snapshot };
}

function leaks(texts: Record<string, string>, secrets: readonly string[]): string[] {
  return Object.entries(texts).flatMap(([where, text]) => secrets.filter((s) => text.includes(s)).map((s) => `${s} in ${where}`));
}

/** 403 on EndpointSlices and 500 (until retries are spent) on Services, each message repeating the Authorization header. */
const ECHOING: FakeApiServerOptions = { echoAuthorization: true, faults: { endpointslices: { forbid: true }, services: { fail500: 10 } } };

describe.concurrent('a server that repeats the Authorization header in its error messages', () => {
  const cases: [string, () => Promise<{ kc: string; secrets: string[] }>][] = [
    [
      'a kubeconfig token',
      async () => {
        const server = await serve({ ...ECHOING, token: 'kubeconfig-token-7f3a9c1e5b2d4f60' });
        return { kc: kubeconfig(server, { name: 'kind-dev' }), secrets: [server.token] };
      },
    ],
    [
      'a basic-auth password',
      async () => {
        const basicAuth = { username: 'admin', password: 'hunter2-basic-Zq81x' };
        const server = await serve({ ...ECHOING, basicAuth });
        const base64 = Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64');
        return { kc: kubeconfig(server, { name: 'kind-dev', auth: { basic: basicAuth } }), secrets: [basicAuth.password, base64] };
      },
    ],
    [
      'an exec plugin token (and the stale one it returned first, echoed in a 401)',
      async () => {
        const server = await serve({ ...ECHOING, token: 'exec-issued-token-0c9e4d2a7b' });
        const dir = tmp();
        writeFileSync(join(dir, 'plugin.mjs'), EXEC_PLUGIN);
        const exec = { command: process.execPath, args: [join(dir, 'plugin.mjs'), join(dir, 'calls'), server.token, 'stale-first'] };
        return { kc: kubeconfig(server, { name: 'kind-dev', auth: { exec } }), secrets: [server.token, 'stale-token-0000000000'] };
      },
    ],
  ];

  it.each(cases)('never prints %s, in any format, on stderr with --debug, or in a snapshot', async (_label, setup) => {
    const { kc, secrets } = await setup();
    const { texts, scan, snapshot } = await everyOutput(kc);
    expect(leaks(texts, secrets)).toEqual([]);
    // The echoed messages did reach the reports, redacted: the coverage reason and the failed list.
    const report = JSON.parse(texts['r.json']) as { coverage: { collection: string; reason: string | null }[]; inputErrors: { message: string }[] };
    expect(report.coverage.find((c) => c.collection === 'endpointSlices')?.reason).toMatch(/cannot list resource "endpointslices".*Authorization: (Bearer|Basic) \[redacted\];? credential \[redacted\]/);
    expect(report.inputErrors.map((e) => e.message)).toEqual([expect.stringMatching(/^list services: HTTP 500: .*Authorization: (Bearer|Basic) \[redacted\]/)]);
    expect(texts['scan stderr']).toContain('[redacted]');
    expect(JSON.parse(texts['snap.json']).errors[0].message).toContain('[redacted]');
    expect(scan.code).toBe(2);
    expect(snapshot.code).toBe(2);
  });

  it('never prints a rejected token (401 twice) in the one-line error', async () => {
    const server = await serve({ echoAuthorization: true });
    const kc = kubeconfig(server, { name: 'kind-dev', auth: { token: 'rejected-token-5e8b1f0c3d' } });
    const r = await dsauditAsync(['--debug', 'scan', '--kubeconfig', kc, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dsaudit: error: cluster "kind-dev" at \S+ rejected the credentials \(401 Unauthorized\)\n$/);
    expect(r.stdout + r.stderr).not.toContain('rejected-token-5e8b1f0c3d');
  });
});

describe.concurrent('a server that never ends a list', () => {
  it('abandons that list as a coverage error, reads the rest, and leaves the rules that need it not assessed', { timeout: 20_000 }, async () => {
    const server = await serve({ faults: { services: { loopContinue: 'same' } } });
    const started = Date.now();
    const r = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server, { name: 'kind-dev' }), '-o', 'json', '--chunk-size', '1']);
    expect(Date.now() - started).toBeLessThan(15_000);
    const report = JSON.parse(r.stdout) as { coverage: { collection: string; status: string; reason: string | null }[]; notAssessed: { ruleId: string; reason: string }[]; findings: { ruleId: string }[] };
    const services = report.coverage.find((c) => c.collection === 'services');
    expect(services).toMatchObject({ status: 'absent', reason: expect.stringMatching(/^list services: the server kept returning continue token "[^"]+"; list abandoned after 2 pages$/) });
    expect(report.notAssessed.find((n) => n.ruleId === 'exposed-service-single-stack')?.reason).toBe(services?.reason);
    expect(report.findings.some((f) => f.ruleId === 'exposed-service-single-stack')).toBe(false);
    expect(report.coverage.find((c) => c.collection === 'nodes')).toMatchObject({ status: 'present' });
    expect(r.stderr).toMatch(/^dsaudit: cluster "kind-dev": list services: the server kept returning continue token/);
    expect(r.code).toBe(2);
    expect(server.resourceRequests().filter((q) => q.resource === 'services').length).toBe(2);
  });
});

describe.concurrent('--timeout', () => {
  const line = /^dsaudit: error: the scan did not finish within 1s \(--timeout\): context "kind-dev" was still being read\n$/;

  it('ends a scan whose server trickles a list body forever: one line, exit 2, no partial report', { timeout: 20_000 }, async () => {
    const server = await serve({ faults: { pods: { trickleMs: 100 } } });
    const started = Date.now();
    const r = await dsauditAsync(['scan', '--kubeconfig', kubeconfig(server, { name: 'kind-dev' }), '-o', 'json', '--timeout', '1s', '--request-timeout', '60s']);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(r.stderr).toMatch(line);
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
  });

  it('ends a snapshot whose server never sends the headers, and writes no file', { timeout: 20_000 }, async () => {
    const server = await serve({ faults: { services: { slow: { delayMs: 600_000 } } } });
    const file = join(tmp(), 'snap.json');
    const started = Date.now();
    const r = await dsauditAsync(['snapshot', '--kubeconfig', kubeconfig(server, { name: 'kind-dev' }), '-o', file, '--timeout', '1s']);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(r.stderr).toMatch(line);
    expect(r.code).toBe(2);
    expect(existsSync(file)).toBe(false);
  });

  it('changes nothing for a scan that finishes in time, and rejects a bad duration', async () => {
    const kc = kubeconfig(await serve({}), { name: 'kind-dev' });
    // One page per object: many requests share the deadline's signal, and none leaves a listener (or a warning) behind.
    const plain = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json', '--chunk-size', '1']);
    const bounded = await dsauditAsync(['scan', '--kubeconfig', kc, '-o', 'json', '--chunk-size', '1', '--timeout', '2m']);
    expect(bounded.stderr).toBe('');
    expect(bounded).toEqual(plain);
    for (const bad of ['soon', '0']) {
      const r = await dsauditAsync(['scan', '--kubeconfig', kc, '--timeout', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^dsaudit: error: --timeout: /);
    }
  });
});

function kubeconfig(server: FakeApiServer, context: KubeconfigContext): string {
  return writeKubeconfig(join(tmp(), 'config'), server, [context], context.name);
}
