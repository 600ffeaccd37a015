/**
 * `npm run bench`: scan wall time and peak RSS next to the floor (a process that only reads and
 * JSON.parses the same files), at 1/10, 1/4, 1/2 and full size of a synthetic cluster dump, then the
 * scaling curve and PASS/FAIL against the targets. Plus a micro-benchmark of the CIDR overlap sweep.
 *
 * Usage: node bench/run.js [--scales 0.1,0.25,0.5,1] [--repeat N] [--live]
 *   --repeat N  run floor and scan N times each (alternating) and report the medians (default 3: this machine is shared, single runs are noisy)
 *   --live      then run bench/live.js at the largest scale (live scan against the fake API server)
 * Dumps are generated once per scale into bench/out/<scale>/ and reused while the generator version
 * is unchanged. Scan reports go to bench/out/results/scan-<scale>.json.
 * Exit status: 0 when every target passes, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, cachedCounts } from './generate.js';
import { GNU_TIME, measure, median, mib, secs } from './measure.js';

const ROOT = join(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out');
const RESULTS = join(OUT, 'results');
const TARGET_TIME = 1.5;
const TARGET_RSS = 1.5;
const TARGET_SCALING = 11;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const scales = option('--scales', '0.1,0.25,0.5,1').split(',').map(Number).sort((a, b) => a - b);
const repeat = Math.max(1, Number(option('--repeat', '3')));
if (scales.some((s) => !(s > 0 && s <= 4))) {
  console.error('usage: node bench/run.js [--scales 0.1,0.25,0.5,1] [--repeat N]');
  process.exit(2);
}



const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const pad = (s, n) => String(s).padStart(n);

async function ensureDump(scale) {
  const dir = join(OUT, String(scale));
  let counts = cachedCounts(scale, dir);
  if (!counts) {
    console.log(`generating ${relative(ROOT, dir)} …`);
    const r = spawnSync(process.execPath, [join(BENCH_DIR, 'generate.js'), String(scale), dir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`generator failed for scale ${scale}`);
    counts = cachedCounts(scale, dir);
  }
  return { dir, counts };
}

async function benchScale(scale) {
  const { dir, counts } = await ensureDump(scale);
  const rel = relative(ROOT, dir);
  const floors = [];
  const scans = [];
  const report = join(RESULTS, `scan-${scale}.json`);
  for (let i = 0; i < repeat; i++) {
    floors.push(await measure([join('bench', 'floor.js'), rel], join(RESULTS, `floor-${scale}.txt`)));
    const scan = await measure(['bin/dsaudit.js', 'scan', '-f', rel, '-o', 'json'], report);
    if (scan.code !== 0 && scan.code !== 1) throw new Error(`dsaudit scan exited ${scan.code} on ${rel}`);
    scans.push(scan);
  }
  const hold = await measure([join('bench', 'floor.js'), '--hold', rel], join(RESULTS, `floor-hold-${scale}.txt`));
  const result = JSON.parse(readFileSync(report, 'utf8'));
  return {
    scale,
    objects: counts.total,
    floorMs: median(floors.map((f) => f.ms)),
    floorKiB: median(floors.map((f) => f.rssKiB)),
    holdKiB: hold.rssKiB,
    scanMs: median(scans.map((s) => s.ms)),
    scanKiB: median(scans.map((s) => s.rssKiB)),
    result,
  };
}

/** DS214-style sweep: 100,000 node podCIDRs (a few planted overlaps) through src/net findOverlaps. */
async function overlapMicroBench() {
  const net = await import(pathToFileURL(join(ROOT, 'dist', 'src', 'net', 'index.js')).href);
  const N = 100_000;
  const texts = [];
  for (let i = 0; i < N; i++) texts.push(`10.${64 + (i >> 14)}.${(i >> 6) & 255}.${(i & 63) << 2}/30`);
  // Ten nodes hold a /24 that covers other nodes' ranges: the sweep must find exactly those pairs.
  for (let k = 0; k < 10; k++) texts[N - 1 - k] = `10.${64 + k}.${k}.0/24`;
  const t0 = performance.now();
  const items = texts.map((t, i) => ({ range: net.parseCidr(t).value, item: i }));
  const t1 = performance.now();
  const pairs = net.findOverlaps(items, (a, b) => a.item !== b.item);
  const t2 = performance.now();
  return { n: N, pairs: pairs.length, parseMs: t1 - t0, sweepMs: t2 - t1 };
}

/**
 * DS214 itself and the address map at 100,000 dual-stack nodes: the rule `node-pod-cidr-conflict`
 * (200,000 podCIDRs grouped and swept against the cluster CIDRs) and `buildAddressPlan` on a model
 * normalized from raw Node objects. Three planted conflicts must be found.
 */
async function ds214RuleBench() {
  const dist = (...p) => import(pathToFileURL(join(ROOT, 'dist', ...p)).href);
  const [{ normalize }, { runRule }, { RULES }, { buildAddressPlan }] = await Promise.all([
    dist('src', 'model', 'normalize.js'), dist('src', 'engine', 'run.js'), dist('rules', 'index.js'), dist('src', 'plan', 'address-plan.js'),
  ]);
  const N = 100_000;
  const origin = { kind: 'cluster', cluster: 'bench' };
  const raw = (body) => ({ apiVersion: body.apiVersion, kind: body.kind, body, origin });
  const objects = [raw({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kube-controller-manager-cp1', namespace: 'kube-system' }, spec: { containers: [{ name: 'kube-controller-manager', command: ['kube-controller-manager', '--allocate-node-cidrs=true', '--cluster-cidr=10.0.0.0/8,fd00::/32'] }] } })];
  const v4 = (i) => `10.${i >> 12}.${(i >> 4) & 255}.${(i & 15) << 4}/28`;
  for (let i = 0; i < N; i++) {
    const podCIDRs = i === N - 1 ? [v4(0)] : i === N - 2 ? ['10.0.0.32/27'] : [v4(i), `fd00:0:${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}::/64`];
    objects.push(raw({ apiVersion: 'v1', kind: 'Node', metadata: { name: `node-${String(i).padStart(6, '0')}` }, spec: { podCIDRs } }));
  }
  const { model } = normalize(objects, { target: 'dual' });
  const rule = RULES.find((r) => r.meta.id === 'node-pod-cidr-conflict');
  const t0 = performance.now();
  const outcome = runRule(rule, model);
  const t1 = performance.now();
  buildAddressPlan([model]);
  const t2 = performance.now();
  return { n: N, findings: outcome.kind === 'ran' ? outcome.drafts.length : -1, ruleMs: t1 - t0, planMs: t2 - t1 };
}

mkdirSync(RESULTS, { recursive: true });
console.log(`dsaudit benchmark — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores, peak RSS via ${GNU_TIME ? `${GNU_TIME} -f %M` : 'process.resourceUsage().maxRSS'}${repeat > 1 ? `, median of ${repeat} runs` : ''}`);
const rows = [];
for (const scale of scales) {
  const row = await benchScale(scale);
  rows.push(row);
  console.log(`  scale ${scale}: floor ${secs(row.floorMs)} ${mib(row.floorKiB)}, scan ${secs(row.scanMs)} ${mib(row.scanKiB)}`);
}

const header = ['scale', 'objects', 'floor time', 'scan time', 'ratio', 'floor RSS', 'scan RSS', 'ratio', 'hold-all RSS'];
const widths = [6, 8, 11, 10, 6, 10, 10, 6, 13];
const line = (cells) => cells.map((c, i) => pad(c, widths[i])).join('  ');
console.log('');
console.log(line(header));
for (const r of rows) {
  console.log(line([r.scale, r.objects, secs(r.floorMs), secs(r.scanMs), ratio(r.scanMs, r.floorMs), mib(r.floorKiB), mib(r.scanKiB), ratio(r.scanKiB, r.floorKiB), mib(r.holdKiB)]));
}
console.log('  floor = read + JSON.parse every file, one at a time; hold-all = the same keeping every parsed file (for reference)');

let pass = true;
const verdict = (ok, text) => { pass &&= ok; console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`); };
console.log('');
for (const r of rows) {
  verdict(r.scanMs <= TARGET_TIME * r.floorMs, `scale ${r.scale}: scan wall ${secs(r.scanMs)} ≤ ${TARGET_TIME}× floor ${secs(r.floorMs)} (${ratio(r.scanMs, r.floorMs)})`);
  verdict(r.scanKiB <= TARGET_RSS * r.floorKiB, `scale ${r.scale}: scan peak RSS ${mib(r.scanKiB)} ≤ ${TARGET_RSS}× floor ${mib(r.floorKiB)} (${ratio(r.scanKiB, r.floorKiB)})`);
}
const small = rows.find((r) => r.scale === 0.1);
const full = rows.find((r) => r.scale === 1);
if (small && full) {
  console.log('');
  console.log(`scaling curve (relative to 1/10; objects ×${(full.objects / small.objects).toFixed(1)}):`);
  for (const r of rows) console.log(`  ${pad(r.scale, 4)}: scan time ×${(r.scanMs / small.scanMs).toFixed(2)}, scan RSS ×${(r.scanKiB / small.scanKiB).toFixed(2)}, floor time ×${(r.floorMs / small.floorMs).toFixed(2)}`);
  verdict(full.scanMs <= TARGET_SCALING * small.scanMs, `full-size scan ${secs(full.scanMs)} ≤ ${TARGET_SCALING}× the 1/10 scan ${secs(small.scanMs)} (×${(full.scanMs / small.scanMs).toFixed(2)})`);
}

const last = rows[rows.length - 1];
const byRule = new Map();
for (const f of last.result.findings) byRule.set(`${f.code} ${f.ruleId}`, (byRule.get(`${f.code} ${f.ruleId}`) ?? 0) + 1);
const s = last.result.summary;
console.log('');
console.log(`findings at scale ${last.scale}: ${last.result.findings.length} (error ${s.error}, warning ${s.warning}, info ${s.info}), cluster stack ${last.result.cluster.stack}, input errors ${last.result.inputErrors.length}`);
for (const [rule, count] of [...byRule.entries()].sort()) console.log(`  ${pad(count, 6)}  ${rule}`);
if (last.result.notAssessed.length) console.log(`  not assessed: ${last.result.notAssessed.map((n) => n.code).join(', ')}`);

const micro = await overlapMicroBench();
console.log('');
console.log(`micro: DS214-style overlap sweep over ${micro.n.toLocaleString('en')} node podCIDRs: parse ${secs(micro.parseMs)}, findOverlaps ${secs(micro.sweepMs)}, ${micro.pairs} overlapping pairs`);
const ds214 = await ds214RuleBench();
console.log(`micro: DS214 node-pod-cidr-conflict over ${ds214.n.toLocaleString('en')} dual-stack nodes: ${secs(ds214.ruleMs)} (${ds214.findings} findings), address map ${secs(ds214.planMs)}`);
verdict(ds214.findings === 3 && ds214.ruleMs < 1000, `DS214 at ${ds214.n.toLocaleString('en')} nodes finds the 3 planted conflicts in under a second (${secs(ds214.ruleMs)})`);

if (process.argv.includes('--live')) {
  // The live-scan benchmark (bench/live.js) at the largest scale: fake API server vs bare paginated download.
  console.log('');
  const live = spawnSync(process.execPath, [join(BENCH_DIR, 'live.js'), '--scale', String(scales[scales.length - 1]), '--repeat', String(repeat)], { cwd: ROOT, stdio: 'inherit' });
  pass &&= live.status === 0;
}

process.exitCode = pass ? 0 : 1;
