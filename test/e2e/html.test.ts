import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';

/** Debian's package (`apt-get install chromium`); the browser tests skip, saying so, where it is absent. */
function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return undefined;
}
const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('test/e2e/html.test.ts: Chromium not found (apt-get install -y chromium): the browser checks of the HTML report are skipped');

/** Where the screenshot is kept for people to look at (CI keeps the folder as an artefact). */
const ARTIFACTS = join(ROOT, 'test-artifacts');
const dir = mkdtempSync(join(tmpdir(), 'dsaudit-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface PlanRangeJson { cidr: string; children: PlanRangeJson[] }
interface Report {
  findings: { fingerprint: string; suppressed: unknown; baselined: boolean }[];
  addressPlan: { clusters: { families: { ranges: PlanRangeJson[]; collisions: unknown[] }[] }[] };
}

const FIXTURE = ['-f', 'fixtures/clusters/half-migrated', '--external-cidr', '10.96.0.0/20'];
const html = join(dir, 'report.html');
const json = join(dir, 'report.json');
const scan = dsaudit(['scan', ...FIXTURE, '-o', `html=${html}`, '-o', `json=${json}`]);
const report = JSON.parse(readFileSync(json, 'utf8')) as Report;
const text = readFileSync(html, 'utf8');
const active = report.findings.filter((f) => !f.suppressed && !f.baselined);
const cidrs = (ranges: readonly PlanRangeJson[]): string[] => ranges.flatMap((r) => [r.cidr, ...cidrs(r.children)]);
const mapped = report.addressPlan.clusters.flatMap((c) => c.families.flatMap((f) => cidrs(f.ranges)));

function chromium(args: readonly string[]): { stdout: string; stderr: string } {
  const r = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', ...args], { encoding: 'utf8', timeout: 90_000 });
  return { stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe('scan -o html', () => {
  it('is one self-contained file: no scripts, no fonts, nothing fetched', () => {
    expect(scan.code).toBe(1);
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text).not.toMatch(/<script|<link|@import|@font-face|url\(|\ssrc=|\shref=/i);
    expect(text).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('is byte-identical for the same input', () => {
    expect(dsaudit(['scan', ...FIXTURE, '-o', 'html']).stdout).toBe(text);
  });

  it('cidrs -o html draws only the map', () => {
    const map = dsaudit(['cidrs', ...FIXTURE, '-o', 'html']).stdout;
    expect(map).toContain('id="address-map"');
    expect(map).not.toContain('id="findings"');
    expect(map).not.toContain('id="coverage"');
  });

  it.skipIf(!CHROMIUM)('renders in headless Chromium: the map, every finding, the coverage panel, no console messages', () => {
    const { stdout: dom, stderr } = chromium(['--dump-dom', `file://${html}`]);
    expect(dom).toContain('<h1>dsaudit dual-stack report</h1>');
    expect(mapped.length).toBeGreaterThan(0);
    for (const cidr of mapped) expect(dom).toContain(`data-cidr="${cidr}"`);
    expect(dom).toMatch(/class="range [a-z]+ collides"/);
    expect(report.addressPlan.clusters[0].families.some((f) => f.collisions.length > 0)).toBe(true);
    const rendered = [...dom.matchAll(/<article class="finding [a-z]+" data-fingerprint="([0-9a-f]+)"/g)].map((m) => m[1]);
    expect(rendered.sort()).toEqual(active.map((f) => f.fingerprint).sort());
    expect(dom).toContain('id="coverage"');
    // A blocked fetch or any script error would be logged as a console message.
    expect(stderr.split('\n').filter((l) => l.includes(':CONSOLE'))).toEqual([]);
  }, 120_000);

  it.skipIf(!CHROMIUM)('stores a screenshot as a test artefact', () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'html-report.png');
    rmSync(shot, { force: true });
    chromium([`--screenshot=${shot}`, '--window-size=1200,1800', '--hide-scrollbars', `file://${html}`]);
    expect(statSync(shot).size).toBeGreaterThan(10_000);
  }, 120_000);
});
