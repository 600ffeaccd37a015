import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';
import { validateSarif } from '../helpers/sarif-validator.js';

const APP = 'fixtures/clusters/manifests-app';
const tmp = () => mkdtempSync(join(tmpdir(), 'dsaudit-e2e-'));

function ruleIds(stdout: string): string[] {
  return JSON.parse(stdout).findings.filter((f: { suppressed: unknown }) => !f.suppressed).map((f: { ruleId: string }) => f.ruleId).sort();
}

describe('scan outputs', () => {
  it('writes several formats in one run, files atomically, one to stdout', () => {
    const dir = tmp();
    const r = dsaudit(['scan', '-f', APP, '-o', 'table', '-o', `sarif=${join(dir, 'out.sarif')}`, '-o', `json=${join(dir, 'out.json')}`, '-o', `markdown=${join(dir, 'out.md')}`, '--color', 'never']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DS102');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).tool.name).toBe('dsaudit');
    expect(readFileSync(join(dir, 'out.md'), 'utf8')).toContain('DS102');
    const v = validateSarif(join(dir, 'out.sarif'));
    expect(v.errors).toEqual([]);
  });

  it('refuses two formats on stdout and unknown formats (exit 2)', () => {
    expect(dsaudit(['scan', '-f', APP, '-o', 'json', '-o', 'sarif']).code).toBe(2);
    const r = dsaudit(['scan', '-f', APP, '-o', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown output format "yaml"/);
  });

  it('is byte-identical whatever the input order', () => {
    const a = dsaudit(['scan', '-f', `${APP}/services.yaml`, '-f', `${APP}/deployment.yaml`, '-f', 'fixtures/clusters/half-migrated', '-o', 'json']);
    const b = dsaudit(['scan', '-f', 'fixtures/clusters/half-migrated', '-f', `${APP}/deployment.yaml`, '-f', `${APP}/services.yaml`, '-o', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const sa = dsaudit(['scan', '-f', `${APP}/services.yaml`, '-f', 'fixtures/clusters/half-migrated', '-o', 'sarif']);
    const sb = dsaudit(['scan', '-f', 'fixtures/clusters/half-migrated', '-f', `${APP}/services.yaml`, '-o', 'sarif']);
    expect(sa.stdout).toBe(sb.stdout);
    expect(a.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(a.stdout).not.toContain(ROOT);
  });

  it('reads stdin with -f -', () => {
    const r = dsaudit(['scan', '-f', '-', '-o', 'json'], { input: readFileSync(join(ROOT, APP, 'services.yaml'), 'utf8') });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.findings.every((f: { location: { file: string } | null }) => f.location?.file === '<stdin>')).toBe(true);
  });

  it('points SARIF and JSON locations at the offending field line', () => {
    const out = JSON.parse(dsaudit(['scan', '-f', `${APP}/services.yaml`, '-o', 'json']).stdout);
    const pub = out.findings.find((f: { object: { name: string } }) => f.object.name === 'web-public');
    // web-public has no ipFamilyPolicy: the finding lands on the nearest present parent, `spec:` (line 20).
    expect(pub.location).toEqual({ file: `${APP}/services.yaml`, line: 20, column: 1 });
  });

  it('colours only when asked or on a TTY, and honours NO_COLOR', () => {
    expect(dsaudit(['scan', '-f', APP, '--color', 'always']).stdout).toMatch(/\x1b\[/);
    expect(dsaudit(['scan', '-f', APP]).stdout).not.toMatch(/\x1b\[/);
    expect(dsaudit(['scan', '-f', APP, '--color', 'auto'], { env: { NO_COLOR: '1' } }).stdout).not.toMatch(/\x1b\[/);
  });
});

describe('output to a reader that goes away', () => {
  it('stops quietly when stdout is closed early (dsaudit scan -o json | head)', async () => {
    const dir = tmp();
    const services = Array.from({ length: 3000 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: shop}\nspec: {type: NodePort, selector: {app: a${i}}, ports: [{port: 80}]}\n`);
    writeFileSync(join(dir, 'services.yaml'), services.join('---\n'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'dsaudit.js'), 'scan', '-f', join(dir, 'services.yaml'), '-o', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    // Read one chunk of the report, then close the pipe like `head -c` does.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    // The verdict of the scan stands: the same exit code as when the whole report is read.
    expect(code).toBe(dsaudit(['scan', '-f', join(dir, 'services.yaml'), '-o', `json=${join(dir, 'report.json')}`]).code);
  });
});

describe('running out of memory', () => {
  it('is one line naming the remedy, exit 2', () => {
    const dir = tmp();
    const items = Array.from({ length: 40_000 }, (_, i) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, namespace: 'shop', labels: { app: `a${i}` } }, spec: { type: 'NodePort', selector: { app: `a${i}` }, ports: [{ port: 80 }] } }));
    writeFileSync(join(dir, 'services.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
    const r = dsaudit(['scan', '-f', join(dir, 'services.json'), '-o', 'json'], { env: { NODE_OPTIONS: '--max-old-space-size=16' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dsaudit: error: out of memory (JavaScript heap limit reached); allow more with NODE_OPTIONS=--max-old-space-size=<MiB>\n');
  });
});

describe('gate and configuration', () => {
  it('--fail-on never exits 0; --fail-on info counts info findings', () => {
    expect(dsaudit(['scan', '-f', APP, '--fail-on', 'never']).code).toBe(0);
    expect(dsaudit(['scan', '-f', 'fixtures/clusters/dual-stack-healthy', '--fail-on', 'warning']).code).toBe(0);
    expect(dsaudit(['scan', '-f', 'fixtures/clusters/ipv4-only', '--disable', 'DS100', '--fail-on', 'warning']).code).toBe(0);
    expect(dsaudit(['scan', '-f', 'fixtures/clusters/ipv4-only', '--disable', 'DS100', '--fail-on', 'info']).code).toBe(1);
  });

  it('--disable, --severity and --enable by id or code', () => {
    expect(ruleIds(dsaudit(['scan', '-f', APP, '-o', 'json']).stdout)).toEqual(['exposed-service-single-stack', 'service-single-stack']);
    expect(ruleIds(dsaudit(['scan', '-f', APP, '-o', 'json', '--disable', 'DS102,service-single-stack']).stdout)).toEqual([]);
    const sev = JSON.parse(dsaudit(['scan', '-f', APP, '-o', 'json', '--severity', 'DS101=error']).stdout);
    expect(sev.findings.find((f: { code: string }) => f.code === 'DS101').severity).toBe('error');
    expect(dsaudit(['scan', '-f', APP, '-o', 'json', '--disable', 'DS102', '--enable', 'DS102']).stdout).not.toContain('"DS102"');
  });

  it('unknown rule names and bad config are usage errors (exit 2, one line)', () => {
    const r = dsaudit(['scan', '-f', APP, '--disable', 'DS999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('dsaudit: error: --disable: unknown rule "DS999" (see `dsaudit rules`)\n');
    const dir = tmp();
    writeFileSync(join(dir, '.dsaudit.yaml'), 'rules:\n  no-such-rule: off\n');
    const c = dsaudit(['scan', '-f', join(ROOT, APP)], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/unknown rule "no-such-rule"/);
    writeFileSync(join(dir, 'bad.yaml'), 'ignore:\n  - rule: DS101\n    object: "Service */*"\n');
    expect(dsaudit(['scan', '-f', join(ROOT, APP), '--config', 'bad.yaml'], { cwd: dir }).stderr).toMatch(/needs a reason/);
  });

  it('auto-discovers .dsaudit.yaml: severities, ignore entries and failOn', () => {
    const dir = tmp();
    writeFileSync(
      join(dir, '.dsaudit.yaml'),
      'rules:\n  DS101: off\nignore:\n  - rule: DS102\n    object: "Service web/web-*"\n    reason: public edge stays IPv4 until Q3\nfailOn: error\n',
    );
    const r = dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(r.code).toBe(0);
    expect(out.findings.map((f: { code: string; suppressed: { kind: string; reason: string } | null }) => [f.code, f.suppressed])).toEqual([
      ['DS102', { kind: 'config', reason: 'public edge stays IPv4 until Q3' }],
    ]);
    expect(out.summary).toMatchObject({ error: 0, suppressed: 1 });
  });

  it('annotation suppressions are kept and marked, not dropped', () => {
    const out = JSON.parse(dsaudit(['scan', '-f', APP, '-o', 'json']).stdout);
    const admin = out.findings.find((f: { object: { name: string } }) => f.object.name === 'web-admin');
    expect(admin.suppressed).toEqual({ kind: 'annotation', reason: 'admin endpoint is reached over IPv4 VPN only' });
  });

  it('baseline: recorded findings no longer fail the gate, new ones do', () => {
    const dir = tmp();
    const base = dsaudit(['baseline', '-f', join(ROOT, APP, 'services.yaml')], { cwd: dir });
    expect(base.code).toBe(0);
    writeFileSync(join(dir, '.dsaudit-baseline.json'), base.stdout);
    const again = dsaudit(['scan', '-f', join(ROOT, APP, 'services.yaml'), '--baseline', '.dsaudit-baseline.json', '-o', 'json'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).summary.baselined).toBeGreaterThan(0);
    const more = dsaudit(['scan', '-f', join(ROOT, APP, 'services.yaml'), '-f', join(ROOT, 'fixtures/robustness/good.yaml'), '--baseline', '.dsaudit-baseline.json'], { cwd: dir });
    expect(more.code).toBe(1);
    expect(dsaudit(['scan', '-f', join(ROOT, APP), '--baseline', 'missing.json'], { cwd: dir }).code).toBe(2);
  });

  it('reports not-assessed rules honestly in every format', () => {
    const json = JSON.parse(dsaudit(['scan', '-f', APP, '-o', 'json']).stdout);
    expect(json.notAssessed.map((n: { ruleId: string }) => n.ruleId)).toContain('cluster-not-dual-stack');
    expect(dsaudit(['scan', '-f', APP, '--color', 'never']).stdout).toMatch(/not assessed/i);
    expect(dsaudit(['scan', '-f', APP, '-o', 'markdown']).stdout).toMatch(/not assessed/i);
    expect(dsaudit(['scan', '-f', APP, '-o', 'sarif']).stdout).toContain('cluster-not-dual-stack');
  });
});

describe('rules, explain, help', () => {
  it('lists rules as table, json and markdown', () => {
    const table = dsaudit(['rules']).stdout;
    expect(table).toContain('DS102');
    // Piped: one plain borderless row per rule, no box drawing, no ANSI.
    expect(table).not.toMatch(/[│┌─]|\u001b\[/);
    expect(table.trimEnd().split('\n')).toHaveLength(JSON.parse(dsaudit(['rules', '-o', 'json']).stdout).length + 1);
    expect(dsaudit(['rules', '--color', 'always']).stdout).toMatch(/\u001b\[/);
    const list = JSON.parse(dsaudit(['rules', '-o', 'json']).stdout);
    expect(list.map((r: { code: string }) => r.code)).toContain('DS122');
    expect(dsaudit(['rules', '-o', 'markdown']).stdout).toMatch(/^\| Code \| Rule/);
  });

  it('explains a rule by code or id, with an example', () => {
    const r = dsaudit(['explain', 'DS102']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DS102 exposed-service-single-stack/);
    expect(r.stdout).toMatch(/Why it matters/);
    expect(r.stdout).toMatch(/Example\n {2}fails:\n/);
    expect(r.stdout).not.toContain('```');
    expect(dsaudit(['explain', 'service-single-stack']).stdout).toMatch(/^DS101/);
    const bad = dsaudit(['explain', 'DS000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule "DS000"/);
  });

  it('usage errors exit 2 and --help/--version exit 0', () => {
    expect(dsaudit(['scan', '--no-such-flag']).code).toBe(2);
    expect(dsaudit(['frobnicate']).code).toBe(2);
    expect(dsaudit(['--help']).code).toBe(0);
    expect(dsaudit(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('package.json exposes dsaudit and kubectl-dsaudit', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ dsaudit: 'bin/dsaudit.js', 'kubectl-dsaudit': 'bin/dsaudit.js' });
    expect(existsSync(join(ROOT, 'bin', 'dsaudit.js'))).toBe(true);
  });
});
