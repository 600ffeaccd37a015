/**
 * `npm run bench`: each row of bench/rows.js (an input generator, a floor and the scan) at its scales,
 * with CPU (user+sys of the child) and peak RSS of the scan as ratios to the floor's, medians of
 * `--repeat` alternating runs, a goal per row and PASS/FAIL; then how each row's scan grows with its
 * input, and micro-benchmarks of the CIDR overlap sweep and DS214. Wall times are printed for
 * reference only: on a shared machine CPU time and RSS are what compare.
 *
 * Usage: node bench/run.js [--rows lean,pods-file|default|all] [--scales 0.1,1/3,1] [--repeat N] [--live]
 *   --rows     row ids (default: the rows marked default in bench/rows.js; `all`: every row)
 *   --scales   only these scales of each row (default: each row's own scales)
 *   --repeat N run floor and scan N times each, alternating, and report the medians (default 3)
 *   --live     then run bench/live.js at full size (live scan against the fake API server)
 * Inputs are generated once into bench/out/<row>/<scale>/ and reused while the row's version is
 * unchanged. Scan reports go to bench/out/results/<row>-<scale>.json.
 * Exit status: 0 when every goal passes, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from './generate.js';
import { GNU_TIME, measure, median, mib, secs } from './measure.js';
import { ROWS, SCAN_JSON } from './rows.js';

const ROOT = join(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out');
const RESULTS = join(OUT, 'results');
/** A row's scan may grow at most this much faster than its input (cost linear in objects and findings). */
const LINEAR_SLACK = 1.25;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const parseScale = (t) => (t.includes('/') ? Number(t.split('/')[0]) / Number(t.split('/')[1]) : Number(t));
const sameScale = (a, b) => Math.abs(a - b) < 1e-3;
const scaleLabel = (s) => (sameScale(s, 1) ? 'full' : sameScale(s, 1 / 3) ? '1/3' : sameScale(s, 0.1) ? '1/10' : String(s));
const scaleDir = (s) => String(Math.round(s * 1000) / 1000);

const rowsOption = option('--rows', 'default');
const selected = rowsOption === 'all' ? ROWS : rowsOption === 'default' ? ROWS.filter((r) => r.default) : rowsOption.split(',').map((id) => ROWS.find((r) => r.id === id) ?? id);
const scalesOption = option('--scales', '');
const onlyScales = scalesOption ? scalesOption.split(',').map(parseScale) : undefined;
const repeat = Math.max(1, Number(option('--repeat', '3')));
const unknown = selected.filter((r) => typeof r === 'string');
if (unknown.length || (onlyScales && onlyScales.some((s) => !(s > 0 && s <= 4)))) {
  console.error(`usage: node bench/run.js [--rows ${ROWS.map((r) => r.id).join(',')}|default|all] [--scales 0.1,1/3,1] [--repeat N] [--live]`);
  process.exit(2);
}

const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const pad = (s, n) => String(s).padStart(n);
const cpuS = (s) => `${s.toFixed(2)} s`;

/** The row's input at a scale, generated (in a child process's stead: in this one) unless cached. */
async function ensureInput(row, scale) {
  const dir = join(OUT, row.id, scaleDir(scale));
  const stampFile = join(dir, '.bench-row.json');
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    if (stamp.version === row.version && stamp.scale === scaleDir(scale)) return { dir, counts: stamp.counts };
  } catch { /* not cached */ }
  console.log(`generating ${relative(ROOT, dir)} …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const counts = await row.generate(scale, dir);
  writeFileSync(stampFile, `${JSON.stringify({ version: row.version, scale: scaleDir(scale), counts })}\n`);
  return { dir, counts };
}

async function benchRow(row, scale) {
  const { dir, counts } = await ensureInput(row, scale);
  const path = relative(ROOT, row.input ? row.input(dir) : dir);
  const floors = [];
  const scans = [];
  const report = join(RESULTS, `${row.id}-${scaleDir(scale)}.json`);
  for (let i = 0; i < repeat; i++) {
    const floor = await measure(row.floor(path), join(RESULTS, `${row.id}-${scaleDir(scale)}-floor.txt`));
    if (floor.code !== 0) throw new Error(`floor exited ${floor.code} on ${path}`);
    floors.push(floor);
    const scan = await measure((row.scan ?? SCAN_JSON)(path), report);
    if (scan.code !== 0 && scan.code !== 1) throw new Error(`dsaudit scan exited ${scan.code} on ${path}`);
    scans.push(scan);
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  const result = JSON.parse(readFileSync(report, 'utf8'));
  return {
    row, scale, objects: counts.total, goal: row.goal(scale), findings: result.findings.length,
    floor: { cpu: med(floors, 'cpu'), kib: med(floors, 'rssKiB'), ms: med(floors, 'ms') },
    scan: { cpu: med(scans, 'cpu'), kib: med(scans, 'rssKiB'), ms: med(scans, 'ms') },
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
console.log(`dsaudit benchmark — node ${process.version}, ${(await import('node:os')).availableParallelism()} cores, CPU and peak RSS via ${GNU_TIME ? `${GNU_TIME} -f '%U %S %M'` : 'process.resourceUsage()'}${repeat > 1 ? `, median of ${repeat} alternating runs` : ''}`);
const results = [];
for (const row of selected) {
  for (const scale of row.scales.filter((s) => !onlyScales || onlyScales.some((o) => sameScale(o, s)))) {
    const r = await benchRow(row, scale);
    results.push(r);
    console.log(`  ${row.id} ${scaleLabel(scale)}: floor ${cpuS(r.floor.cpu)} CPU ${mib(r.floor.kib)}, scan ${cpuS(r.scan.cpu)} CPU ${mib(r.scan.kib)}, ${r.findings} findings`);
  }
}

const header = ['row', 'scale', 'objects', 'findings', 'floor CPU', 'scan CPU', 'ratio', 'floor RSS', 'scan RSS', 'ratio', 'goal', 'verdict', 'scan wall'];
const widths = [15, 5, 8, 8, 9, 9, 6, 9, 9, 6, 10, 7, 9];
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : pad(c, widths[i]))).join('  ');
let pass = true;
console.log('');
for (const row of selected) console.log(`${row.id.padEnd(15)}  ${row.title}`);
console.log('');
console.log(line(header));
for (const r of results) {
  const ok = r.scan.cpu <= r.goal.cpu * r.floor.cpu && r.scan.kib <= r.goal.rss * r.floor.kib;
  pass &&= ok;
  console.log(line([r.row.id, scaleLabel(r.scale), r.objects, r.findings, cpuS(r.floor.cpu), cpuS(r.scan.cpu), ratio(r.scan.cpu, r.floor.cpu), mib(r.floor.kib), mib(r.scan.kib), ratio(r.scan.kib, r.floor.kib), `${r.goal.cpu}×/${r.goal.rss}×`, ok ? 'PASS' : 'FAIL', secs(r.scan.ms)]));
}
console.log('  CPU = user+sys of the child process; RSS = its peak; goal = the largest CPU/RSS ratios that pass');
console.log('  floors: bench/floor-stream.js (read in chunks, parse item by item, keep nothing); the managed-fields row keeps bench/floor.js (whole-file parse) for its history');

const verdict = (ok, text) => { pass &&= ok; console.log(`${ok ? 'PASS' : 'FAIL'}  ${text}`); };
console.log('');
for (const row of selected) {
  const rs = results.filter((r) => r.row === row);
  if (rs.length < 2) continue;
  const [small, large] = [rs[0], rs[rs.length - 1]];
  const grow = large.objects / small.objects;
  verdict(large.scan.cpu <= LINEAR_SLACK * grow * small.scan.cpu, `${row.id}: ${scaleLabel(small.scale)} → ${scaleLabel(large.scale)}: objects ×${grow.toFixed(2)}, findings ${small.findings} → ${large.findings}, scan CPU ×${(large.scan.cpu / small.scan.cpu).toFixed(2)} (at most ×${(LINEAR_SLACK * grow).toFixed(2)}), RSS ×${(large.scan.kib / small.scan.kib).toFixed(2)}`);
}

const last = results.find((r) => r.row.id === 'lean' && sameScale(r.scale, 1)) ?? results[results.length - 1];
if (last) {
  const byRule = new Map();
  for (const f of last.result.findings) byRule.set(`${f.code} ${f.ruleId}`, (byRule.get(`${f.code} ${f.ruleId}`) ?? 0) + 1);
  const s = last.result.summary;
  console.log('');
  console.log(`findings of ${last.row.id} at ${scaleLabel(last.scale)}: ${last.result.findings.length} (error ${s.error}, warning ${s.warning}, info ${s.info}), cluster stack ${last.result.cluster.stack}, input errors ${last.result.inputErrors.length}`);
  for (const [rule, count] of [...byRule.entries()].sort()) console.log(`  ${pad(count, 6)}  ${rule}`);
  if (last.result.notAssessed.length) console.log(`  not assessed: ${last.result.notAssessed.map((n) => n.code).join(', ')}`);
}

const micro = await overlapMicroBench();
console.log('');
console.log(`micro: DS214-style overlap sweep over ${micro.n.toLocaleString('en')} node podCIDRs: parse ${secs(micro.parseMs)}, findOverlaps ${secs(micro.sweepMs)}, ${micro.pairs} overlapping pairs`);
const ds214 = await ds214RuleBench();
console.log(`micro: DS214 node-pod-cidr-conflict over ${ds214.n.toLocaleString('en')} dual-stack nodes: ${secs(ds214.ruleMs)} (${ds214.findings} findings), address map ${secs(ds214.planMs)}`);
verdict(ds214.findings === 3 && ds214.ruleMs < 1000, `DS214 at ${ds214.n.toLocaleString('en')} nodes finds the 3 planted conflicts in under a second (${secs(ds214.ruleMs)})`);

if (process.argv.includes('--live')) {
  // The live-scan benchmark (bench/live.js) at the largest scale: fake API server vs bare paginated download.
  console.log('');
  const live = spawnSync(process.execPath, [join(BENCH_DIR, 'live.js'), '--scale', '1', '--repeat', String(repeat)], { cwd: ROOT, stdio: 'inherit' });
  pass &&= live.status === 0;
}

process.exitCode = pass ? 0 : 1;
