/**
 * The npm package as a user gets it: packed from a copy of the project without dist/ (so `prepack` must
 * build), unpacked into an empty project and run from there; plus the container image's build recipe
 * checked against the packed file list (no container engine on CI machines).
 *
 * Installing is done the way npm lays a tarball out (package in node_modules/dsaudit, bins linked in
 * node_modules/.bin) with the project's production dependencies linked next to it, not with
 * `npm install --offline`: the npm cache of a machine set up from a copied node_modules holds none of the
 * dependency tarballs, so an offline install fails there for reasons that have nothing to do with the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOOL_VERSION } from '../../src/version.js';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';

/**
 * Budget for the tarball: 177 kB packed and 680 kB unpacked at 0.1.0 (37 rules); about 1.09 MB unpacked
 * with 55 rules, the mesh, CNI, rollback and workload families and the HTML report (each rule ships its
 * compiled module, its prose and its generated page). The budget catches an accidental inclusion (tests,
 * fixtures, benchmarks, source maps), not honest growth.
 */
const MAX_PACKED_BYTES = 384 * 1024;
const MAX_UNPACKED_BYTES = 1536 * 1024;

interface PackResult { filename: string; size: number; unpackedSize: number; files: { path: string; mode: number }[] }

const work = mkdtempSync(join(tmpdir(), 'dsaudit-pack-'));
const app = join(work, 'app');
const installed = join(app, 'node_modules', 'dsaudit');
let pack: PackResult;

/** Copies the project as a clean checkout has it: no node_modules (linked instead), no dist/, no git. */
function copyProject(to: string): void {
  const skip = new Set(['node_modules', 'dist', '.git', 'bench/out']);
  cpSync(ROOT, to, { recursive: true, filter: (src) => !skip.has(relative(ROOT, src)) && !src.endsWith('.tgz') });
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
}

beforeAll(() => {
  const project = join(work, 'project');
  copyProject(project);
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: project, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  pack = (JSON.parse(out) as PackResult[])[0];

  mkdirSync(installed, { recursive: true });
  writeFileSync(join(app, 'package.json'), '{"name":"probe","private":true}\n');
  execFileSync('tar', ['-xzf', join(work, pack.filename), '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  for (const dep of Object.keys(manifest.dependencies ?? {})) {
    mkdirSync(dirname(join(app, 'node_modules', dep)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', dep), join(app, 'node_modules', dep), 'dir');
  }
  mkdirSync(join(app, 'node_modules', '.bin'));
  for (const [name, path] of Object.entries(manifest.bin as Record<string, string>)) {
    symlinkSync(join('..', 'dsaudit', path), join(app, 'node_modules', '.bin', name));
  }
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs an installed binary the way `npx dsaudit` does: the .bin link, executed directly. */
function bin(name: string, args: readonly string[]) {
  const r = spawnSync(join(app, 'node_modules', '.bin', name), args, {
    cwd: app,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: app },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('npm package', () => {
  it('prepack builds dist/ and the tarball holds the allowlisted files only', () => {
    const paths = pack.files.map((f) => f.path);
    expect(paths).toContain('dist/src/cli/host.js');
    expect(paths).toContain('dist/src/cli/worker.js');
    expect(paths).toContain('dist/rules/index.js');
    expect(paths).toContain('schema/dsaudit-report.schema.json');
    expect(paths.filter((p) => p.startsWith('rules/') && p.endsWith('.md')).length).toBeGreaterThan(30);
    for (const p of paths) {
      expect(p, p).toMatch(/^(package\.json|README\.md|LICENSE|bin\/[^/]+\.js|dist\/(src|rules)\/.+\.js|rules\/[^/]+\.md|docs\/rules\/[^/]+\.md|schema\/[^/]+\.json|deploy\/[^/]+\.(yaml|md))$/);
      expect(p, p).not.toMatch(/(^|\/)(test|fixtures|bench)\/|\.ts$/);
    }
  });

  it('stays within its size budget', () => {
    expect(pack.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
    expect(pack.unpackedSize).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
  });

  it('dsaudit and kubectl-dsaudit run from the installed tarball', () => {
    for (const name of ['dsaudit', 'kubectl-dsaudit']) {
      const r = bin(name, ['--version']);
      expect(r.stderr).toBe('');
      expect([r.code, r.stdout.trim()]).toEqual([0, TOOL_VERSION]);
    }
  });

  it('scans a fixture from the install directory with the same findings as the project build', () => {
    const fixture = join(ROOT, 'fixtures', 'clusters', 'manifests-app');
    cpSync(fixture, join(app, 'k8s'), { recursive: true });
    const r = bin('dsaudit', ['scan', '-f', 'k8s', '-o', 'json']);
    expect(r.stderr).toBe('');
    const reference = dsaudit(['scan', '-f', 'k8s', '-o', 'json'], { cwd: app });
    expect(r.code).toBe(reference.code);
    expect(r.stdout).toBe(reference.stdout);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });

  it('explain and schema read the files shipped in the package', () => {
    const explain = bin('dsaudit', ['explain', 'DS101']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toContain('Example');
    const schema = bin('dsaudit', ['schema', 'json']);
    expect(schema.code).toBe(0);
    expect(schema.stdout).toBe(readFileSync(join(ROOT, 'schema', 'dsaudit-report.schema.json'), 'utf8'));
  });
});

describe('container image recipe (Dockerfile)', () => {
  const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ');
  const lines = dockerfile.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const stages = lines.reduce<string[][]>((acc, l) => (l.startsWith('FROM ') ? [...acc, [l]] : (acc.at(-1)?.push(l), acc)), []);
  const final = stages.at(-1)!;

  it('copies into the build stage everything the package is packed from', () => {
    const copied = stages[0].filter((l) => l.startsWith('COPY ') && !l.includes('--from')).flatMap((l) => l.split(/\s+/).slice(1, -1));
    for (const src of copied) expect(existsSync(join(ROOT, src)), src).toBe(true);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const needed = [...manifest.files.map((f: string) => f.split('/')[0]).filter((f: string) => f !== 'dist'), 'src', 'tsconfig.json', 'package-lock.json'];
    for (const top of needed) expect(copied, top).toContain(top);
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n').filter(Boolean);
    for (const src of copied) expect(ignored).not.toContain(src);
  });

  it('installs production dependencies only, and the final stage runs a file of the packed package', () => {
    expect(dockerfile).toMatch(/npm pack/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    const links = [...final.join('\n').matchAll(/ln -s \/opt\/dsaudit\/(\S+) \/usr\/local\/bin\/(\S+)/g)].map((m) => [m[1], m[2]]);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.fromEntries(links.map(([file, name]) => [name, file]))).toEqual(manifest.bin);
    for (const [file] of links) expect(pack.files.find((f) => f.path === file)?.mode, file).toBe(0o755);
    expect(final).toContain('ENTRYPOINT ["dsaudit"]');
  });

  it('runs as the non-root numeric user the CronJob expects, under the image name the CronJob and README use', () => {
    const cronjob = readFileSync(join(ROOT, 'deploy', 'cronjob.yaml'), 'utf8');
    const uid = /runAsUser:\s*(\d+)/.exec(cronjob)?.[1];
    expect(final).toContain(`USER ${uid}:${uid}`);
    expect(Number(uid)).toBeGreaterThan(0);
    const image = `dsaudit:${TOOL_VERSION}`;
    const images = [...cronjob.matchAll(/image:\s*(\S+)/g)].map((m) => m[1]).filter((i) => i.startsWith('dsaudit'));
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) expect(i).toBe(image);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`docker build -t ${image} .`);
    expect(dockerfile).toContain(`docker build -t ${image} .`);
  });
});
