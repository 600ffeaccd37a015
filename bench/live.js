/**
 * Live-scan benchmark: the fake API server of the tests (test/helpers/fake-apiserver.ts) holds the
 * synthetic cluster of bench/generate.js, and three runs are timed against the same data:
 *   bare     — one Node process that only downloads the same lists with the same page size and the
 *              same requests in flight (plain https GETs + JSON.parse, nothing kept): the floor;
 *   live     — `dsaudit scan --kubeconfig … -o json` against the server;
 *   offline  — `dsaudit scan -f <dump> -o json` on the same objects as files.
 * After one unmeasured warm-up download, bare and live runs alternate `--repeat` times; medians count.
 * Targets: live wall time ≤ 1.3× bare, live peak RSS ≤ offline peak RSS.
 *
 * Usage: npm run build && node bench/live.js [--scale 1] [--chunk-size 500] [--repeat N]
 * Internal modes: `--serve <dump> <stateDir>` (the server process), `--download <stateDir>` (bare).
 * The server runs in its own process (a large heap) so it never shares a core's accounting with the
 * measured process; peak RSS comes from GNU time's %M when present, else process.resourceUsage().
 * Exit status: 0 when both targets pass, 1 otherwise.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, cachedCounts } from './generate.js';
import { measure, median, mib, secs } from './measure.js';

const ROOT = join(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out');
const RESULTS = join(OUT, 'results');
const TARGET_TIME = 1.3;
const CONCURRENCY = 4; // dsaudit's requests in flight (src/sources/cluster.ts)

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

// ---------------------------------------------------------------------------------------------
// Server mode: load the dump into the fake API server, write a kubeconfig, serve until killed.

/** The test server is TypeScript; transpile it once into bench/out/.live (inside the project, so `yaml` resolves). */
async function loadFakeServer() {
  const ts = (await import('typescript')).default;
  const src = readFileSync(join(ROOT, 'test', 'helpers', 'fake-apiserver.ts'), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  const dir = join(OUT, '.live');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fake-apiserver.mjs');
  writeFileSync(file, js);
  return import(pathToFileURL(file).href);
}

async function serve(dump, stateDir) {
  const { FakeApiServer, writeKubeconfig } = await loadFakeServer();
  const fake = await FakeApiServer.start({});
  let objects = 0;
  for (const f of readdirSync(dump).filter((n) => n.endsWith('.json')).sort()) {
    const list = JSON.parse(readFileSync(join(dump, f), 'utf8'));
    for (const item of list.items ?? []) {
      fake.add(item);
      objects++;
    }
  }
  writeKubeconfig(join(stateDir, 'config'), fake, [{ name: 'bench' }], 'bench');
  writeFileSync(join(stateDir, 'state.json'), JSON.stringify({ url: fake.url, token: fake.token, ca: fake.pki.caCert }));
  // Start serving from a settled heap: the garbage of loading the dump is collected now, not while a
  // measured run waits for a page.
  globalThis.gc?.();
  process.stdout.write(`ready ${objects}\n`);
  process.on('SIGTERM', async () => {
    await fake.close();
    process.exit(0);
  });
}

// ---------------------------------------------------------------------------------------------
// Bare mode: the same lists, pages and requests in flight as dsaudit, with nothing but JSON.parse.

async function download(stateDir) {
  const { url, token, ca } = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  const chunk = Number(option('--chunk-size', '500'));
  const plan = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'sources', 'cluster', 'plan.js')).href);
  const base = new URL(url);
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca });
  let inFlight = 0;
  const waiting = [];
  const get = async (path) => {
    if (inFlight >= CONCURRENCY) await new Promise((r) => waiting.push(r));
    else inFlight++;
    try {
      return await new Promise((resolve, reject) => {
        const req = https.request({ hostname: base.hostname, port: base.port, path, agent, headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } }, (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end();
      });
    } finally {
      const next = waiting.shift();
      if (next) next();
      else inFlight--;
    }
  };
  let items = 0;
  let pages = 0;
  const list = async (spec) => {
    for (const version of spec.versions) {
      const path = plan.resourcePath(spec.group, version, spec.resource);
      let cont;
      let first = true;
      do {
        const res = await get(`${path}?limit=${chunk}${cont ? `&continue=${encodeURIComponent(cont)}` : ''}`);
        if (res.status === 404 && first) break;
        const body = JSON.parse(res.text);
        items += body.items?.length ?? 0;
        pages++;
        first = false;
        cont = body.metadata?.continue || undefined;
      } while (cont);
      if (!first) return;
    }
  };
  await Promise.all([
    get('/version'),
    ...plan.LIST_SPECS.map(list),
    ...plan.NAMED_CONFIGMAPS.map((cm) => get(plan.resourcePath('', 'v1', 'configmaps', cm.namespace, cm.name)).then((r) => JSON.parse(r.text))),
  ]);
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ pages, items })}\n`);
}

// ---------------------------------------------------------------------------------------------
// Orchestrator



const cpuText = (s) => (Number.isNaN(s) ? 'n/a' : `${s.toFixed(1)} s`);

async function main() {
  const scale = Number(option('--scale', '1'));
  const chunk = option('--chunk-size', '500');
  const repeat = Math.max(1, Number(option('--repeat', '1')));
  const dump = join(OUT, String(scale));
  if (!cachedCounts(scale, dump)) {
    console.log(`generating ${relative(ROOT, dump)} …`);
    const g = spawnSync(process.execPath, [join(BENCH_DIR, 'generate.js'), String(scale), dump], { stdio: 'inherit' });
    if (g.status !== 0) throw new Error('generator failed');
  }
  const counts = cachedCounts(scale, dump);
  mkdirSync(RESULTS, { recursive: true });
  const state = mkdtempSync(join(tmpdir(), 'dsaudit-live-state-'));

  console.log(`dsaudit live benchmark — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores, scale ${scale} (${counts.total} objects: ${counts.pods} pods, ${counts.nodes} nodes, ${counts.services} Services, ${counts.endpointSlices} EndpointSlices), page size ${chunk}, ${CONCURRENCY} requests in flight`);
  const t0 = performance.now();
  const server = spawn(process.execPath, ['--max-old-space-size=16384', '--expose-gc', join(BENCH_DIR, 'live.js'), '--serve', dump, state], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    let buf = '';
    server.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('ready')) resolve();
    });
    server.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
  console.log(`  fake API server loaded in ${secs(performance.now() - t0)}`);

  try {
    const kubeconfig = join(state, 'config');
    // One unmeasured download first: a real API server is warm (its code compiled, its caches filled),
    // and the first pass over the fake one is not.
    await measure([join(BENCH_DIR, 'live.js'), '--download', state, '--chunk-size', chunk], join(RESULTS, `live-warmup-${scale}.txt`));
    console.log('  warm-up download done');
    const bare = [];
    const live = [];
    for (let i = 0; i < repeat; i++) {
      bare.push(await measure([join(BENCH_DIR, 'live.js'), '--download', state, '--chunk-size', chunk], join(RESULTS, `live-bare-${scale}.txt`)));
      const l = await measure(['bin/dsaudit.js', 'scan', '--kubeconfig', kubeconfig, '--chunk-size', chunk, '-o', 'json'], join(RESULTS, `live-scan-${scale}.json`));
      if (l.code !== 0 && l.code !== 1) throw new Error(`dsaudit scan exited ${l.code}`);
      live.push(l);
      console.log(`  run ${i + 1}: bare ${secs(bare[i].ms)} ${mib(bare[i].rssKiB)}, live scan ${secs(l.ms)} ${mib(l.rssKiB)}`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const offline = await measure(['bin/dsaudit.js', 'scan', '-f', relative(ROOT, dump), '-o', 'json'], join(RESULTS, `live-offline-${scale}.json`));
    console.log(`  offline scan ${secs(offline.ms)} ${mib(offline.rssKiB)}`);

    const b = { ms: median(bare.map((x) => x.ms)), rssKiB: median(bare.map((x) => x.rssKiB)), cpu: median(bare.map((x) => x.cpu)) };
    const l = { ms: median(live.map((x) => x.ms)), rssKiB: median(live.map((x) => x.rssKiB)), cpu: median(live.map((x) => x.cpu)) };
    const fetched = JSON.parse(readFileSync(join(RESULTS, `live-bare-${scale}.txt`), 'utf8'));
    const liveReport = JSON.parse(readFileSync(join(RESULTS, `live-scan-${scale}.json`), 'utf8'));
    const offReport = JSON.parse(readFileSync(join(RESULTS, `live-offline-${scale}.json`), 'utf8'));
    console.log('');
    console.log(`                wall time   peak RSS   client CPU`);
    const row = (name, x, note) => console.log(`  ${name.padEnd(13)} ${secs(x.ms).padStart(9)}  ${mib(x.rssKiB).padStart(9)}  ${cpuText(x.cpu).padStart(10)}   (${note})`);
    row('bare download', b, `${fetched.pages} pages, ${fetched.items} objects`);
    row('live scan', l, `${liveReport.findings.length} findings`);
    row('offline scan', offline, `${offReport.findings.length} findings`);
    console.log('  client CPU = user + sys of the measured process (the server runs in its own process)');
    console.log('');
    const timeOk = l.ms <= TARGET_TIME * b.ms;
    const rssOk = l.rssKiB <= offline.rssKiB;
    console.log(`${timeOk ? 'PASS' : 'FAIL'}  live scan wall ${secs(l.ms)} ≤ ${TARGET_TIME}× bare download ${secs(b.ms)} (${(l.ms / b.ms).toFixed(2)}×)`);
    console.log(`${rssOk ? 'PASS' : 'FAIL'}  live scan peak RSS ${mib(l.rssKiB)} ≤ offline scan ${mib(offline.rssKiB)} (${(l.rssKiB / offline.rssKiB).toFixed(2)}×)`);
    process.exitCode = timeOk && rssOk ? 0 : 1;
  } finally {
    server.kill('SIGTERM');
    rmSync(state, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === '--serve') await serve(process.argv[3], process.argv[4]);
else if (mode === '--download') await download(process.argv[3]);
else await main();
