/**
 * `node bench/yaml.js`: the YAML paths of `dsaudit scan -f` next to their floors, CPU time (user +
 * sys, GNU time) and peak RSS, medians of --repeat runs (default 3, before and after alternating is
 * the caller's business). The objects are the Services of the synthetic dump (bench/generate.js at
 * scale 0.1) as `kubectl get -o yaml` prints them (no managedFields, which kubectl hides), copied
 * with distinct names up to the row's count:
 *   block   kubectl-style List, block style, 35,000 Services
 *   flow    the same List with each item one flow mapping on its line
 *   100 MB  a block-style List of about 100 MB
 * Floors: `yaml floor` = a minimal program that reads the file and runs the yaml package's
 * parseAllDocuments(text) and toJS() on each document (the package's API for a manifest file, and
 * what `yaml.parse` does for one document); `json scan` = dsaudit scanning the same objects as a
 * `kubectl get -o json` file. The yaml floor of the 100 MB row is not run (tens of GB, see README).
 *
 * Usage: node bench/yaml.js [--repeat N] [--rows block,flow,100mb]   (build first: npm run build)
 * Exit status: 0 when every goal passes, 1 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { BENCH_DIR, cachedCounts } from './generate.js';
import { measure, median, mib } from './measure.js';

const ROOT = join(BENCH_DIR, '..');
const OUT = join(BENCH_DIR, 'out', 'yaml');
const SOURCE = join(BENCH_DIR, 'out', '0.1');
/** Bump when the files change, so cached ones are written again. */
const VERSION = 1;

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const repeat = Math.max(1, Number(option('--repeat', '3')));
const wanted = option('--rows', 'block,flow,100mb').split(',');

/** Each row: its files, and its goals as [label, pass(row)] pairs. */
const ROWS = [
  { id: 'block', label: 'YAML block 35k Services', count: 35_000, style: 'block', floor: true,
    goals: [['scan CPU ≤ 3× json scan CPU', (r) => r.scan.cpu <= 3 * r.json.cpu]] },
  { id: 'flow', label: 'YAML flow 35k Services', count: 35_000, style: 'flow', floor: true,
    goals: [['scan CPU ≤ 3× json scan CPU', (r) => r.scan.cpu <= 3 * r.json.cpu]] },
  { id: '100mb', label: 'YAML block ~100 MB', count: 108_000, style: 'block', floor: false,
    goals: [
      ['scan CPU < 60 s', (r) => r.scan.cpu < 60],
      ['scan CPU ≤ 3× json scan CPU', (r) => r.scan.cpu <= 3 * r.json.cpu],
      ['scan peak RSS ≤ 1.5× json scan RSS (bounded: no parse tree of the file)', (r) => r.scan.rssKiB <= 1.5 * r.json.rssKiB],
    ] },
];

function services() {
  if (!cachedCounts(0.1, SOURCE)) {
    const r = spawnSync(process.execPath, [join(BENCH_DIR, 'generate.js'), '0.1', SOURCE], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generator failed');
  }
  const list = JSON.parse(readFileSync(join(SOURCE, 'services.json'), 'utf8'));
  for (const s of list.items) delete s.metadata.managedFields;
  return list.items;
}

/** Writes the row's YAML and JSON files once (same content ⇒ same bytes); returns their paths. */
function files(row, base) {
  const dir = join(OUT, row.id);
  const yamlFile = join(dir, 'services.yaml');
  const jsonFile = join(dir, 'services.json');
  const stamp = join(dir, '.stamp.json');
  const key = JSON.stringify({ VERSION, count: row.count, style: row.style });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return { yamlFile, jsonFile };
  mkdirSync(dir, { recursive: true });
  const items = Array.from({ length: row.count }, (_, i) => {
    const s = structuredClone(base[i % base.length]);
    s.metadata.name = `${s.metadata.name}-${i}`;
    return s;
  });
  const list = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
  writeFileSync(jsonFile, `${JSON.stringify(list, null, 4)}\n`);
  const yaml = row.style === 'block'
    ? stringify(list, { lineWidth: 0, indentSeq: false })
    : `apiVersion: v1\nitems:\n${items.map((it) => `- ${JSON.stringify(it)}\n`).join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
  writeFileSync(yamlFile, yaml);
  writeFileSync(stamp, key);
  return { yamlFile, jsonFile };
}

/** The findings of a scan report without their locations (lines differ between YAML and JSON). */
function findingsOf(report) {
  return JSON.stringify(JSON.parse(readFileSync(report, 'utf8')).findings.map(({ location, ...f }) => f));
}

async function medianOf(args, out) {
  const runs = [];
  for (let i = 0; i < repeat; i++) {
    const m = await measure(args, out);
    if (m.code !== 0 && m.code !== 1) throw new Error(`node ${args.join(' ')} exited ${m.code}`);
    runs.push(m);
  }
  return { cpu: median(runs.map((r) => r.cpu)), rssKiB: median(runs.map((r) => r.rssKiB)) };
}

const base = services();
mkdirSync(join(OUT, 'results'), { recursive: true });
const results = [];
for (const row of ROWS.filter((r) => wanted.includes(r.id))) {
  const { yamlFile, jsonFile } = files(row, base);
  const res = join(OUT, 'results', row.id);
  const scan = await medianOf(['bin/dsaudit.js', 'scan', '-f', relative(ROOT, yamlFile), '-o', 'json'], `${res}-scan.json`);
  const json = await medianOf(['bin/dsaudit.js', 'scan', '-f', relative(ROOT, jsonFile), '-o', 'json'], `${res}-json.json`);
  const floor = row.floor ? await medianOf([join('bench', 'yaml-floor.js'), relative(ROOT, yamlFile)], `${res}-floor.txt`) : undefined;
  const same = findingsOf(`${res}-scan.json`) === findingsOf(`${res}-json.json`);
  results.push({ row, bytes: readFileSync(yamlFile).length, scan, json, floor, same });
}

const pad = (s, n) => String(s).padStart(n);
const cpu = (s) => `${s.toFixed(2)} s`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const header = ['row', 'MB', 'scan CPU', 'json CPU', 'ratio', 'floor CPU', 'ratio', 'scan RSS', 'json RSS', 'floor RSS'];
const widths = [24, 5, 9, 9, 6, 10, 6, 9, 9, 10];
const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : pad(c, widths[i]))).join('  ');
console.log(`dsaudit YAML benchmark — node ${process.version}, CPU = user + sys, median of ${repeat}`);
console.log(line(header));
for (const r of results) {
  const f = r.floor;
  console.log(line([r.row.label, (r.bytes / 1e6).toFixed(1), cpu(r.scan.cpu), cpu(r.json.cpu), ratio(r.scan.cpu, r.json.cpu),
    f ? cpu(f.cpu) : '-', f ? ratio(r.scan.cpu, f.cpu) : '-', mib(r.scan.rssKiB), mib(r.json.rssKiB), f ? mib(f.rssKiB) : '-']));
}
let pass = true;
for (const r of results) {
  const verdict = (ok, text) => { pass &&= ok; console.log(`${ok ? 'PASS' : 'FAIL'}  ${r.row.label}: ${text}`); };
  verdict(r.same, 'same findings from the YAML and the JSON file');
  for (const [text, ok] of r.row.goals) verdict(ok(r), text);
}
process.exitCode = pass ? 0 : 1;
