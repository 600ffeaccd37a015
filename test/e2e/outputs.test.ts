/** Where `-o` writes: regular files atomically, devices, FIFOs and /dev/std* in place, and failures as exit 2. */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';

const APP = 'fixtures/clusters/manifests-app';
const tmp = () => mkdtempSync(join(tmpdir(), 'dsaudit-out-'));
const isRoot = process.getuid?.() === 0;
/** The exit code and report of the scan every test runs, written to stdout. */
const reference = dsaudit(['scan', '-f', APP, '-o', 'json']);

function expectOneLineError(r: { code: number; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/internal error|\.tmp/);
}

describe('outputs that are not regular files', () => {
  it('writes to /dev/null in place and leaves the device node alone', () => {
    const r = dsaudit(['scan', '-f', APP, '-o', 'json=/dev/null']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(reference.code);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it('writes /dev/stdout to the process standard output', () => {
    const r = dsaudit(['scan', '-f', APP, '-o', 'json=/dev/stdout']);
    expect(r.code).toBe(reference.code);
    expect(r.stdout).toBe(reference.stdout);
  });

  it('writes /dev/stdout to standard output when that is a regular file, without replacing it', () => {
    const dir = tmp();
    const fd = openSync(join(dir, 'redirected.json'), 'w');
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dsaudit.js'), 'scan', '-f', APP, '-o', 'table', '-o', 'json=/dev/stdout'], { cwd: ROOT, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
    closeSync(fd);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/-o table and -o json=\/dev\/stdout both go to stdout/);
    const ok = spawnSync(process.execPath, [join(ROOT, 'bin', 'dsaudit.js'), 'scan', '-f', APP, '-o', 'json=/dev/stdout'], { cwd: ROOT, stdio: ['ignore', openSync(join(dir, 'redirected.json'), 'w'), 'pipe'] });
    expect(ok.status).toBe(reference.code);
    expect(readFileSync(join(dir, 'redirected.json'), 'utf8')).toBe(reference.stdout);
  });

  it('writes through a symbolic link to the real file, keeping the link', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'real.json'), 'stale');
    symlinkSync('real.json', join(dir, 'report.json'));
    const r = dsaudit(['scan', '-f', APP, '-o', `json=${join(dir, 'report.json')}`]);
    expect(r.code).toBe(reference.code);
    expect(lstatSync(join(dir, 'report.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'report.json'))).toBe('real.json');
    expect(readFileSync(join(dir, 'real.json'), 'utf8')).toBe(reference.stdout);
    expect(readdirSync(dir).sort()).toEqual(['real.json', 'report.json']);
  });

  it('keeps the permissions of the file it replaces', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'report.json'), 'old');
    chmodSync(join(dir, 'report.json'), 0o640);
    expect(dsaudit(['scan', '-f', APP, '-o', `json=${join(dir, 'report.json')}`]).code).toBe(reference.code);
    expect(statSync(join(dir, 'report.json')).mode & 0o777).toBe(0o640);
  });

  it('writes into a FIFO for the process reading it', async () => {
    const dir = tmp();
    const fifo = join(dir, 'report.fifo');
    if (spawnSync('mkfifo', [fifo]).status !== 0) return; // no mkfifo on this system
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (d: string) => { read += d; });
    const readerDone = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const cli = spawn(process.execPath, [join(ROOT, 'bin', 'dsaudit.js'), 'scan', '-f', APP, '-o', `json=${fifo}`], { cwd: ROOT, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => cli.on('close', (c) => resolve(c)));
    // A reader that got nothing would wait forever: stop it once the CLI is done.
    const timer = setTimeout(() => reader.kill(), 5000);
    await readerDone;
    clearTimeout(timer);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(code).toBe(reference.code);
    expect(read).toBe(reference.stdout);
  });
});

describe('two outputs to the same place', () => {
  it('is a usage error whatever the spelling of the path', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'real.json'), '');
    symlinkSync('real.json', join(dir, 'link.json'));
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json=r', '-o', 'sarif=./r'], { cwd: dir }), /-o json=r and -o sarif=\.\/r name the same file/);
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json=r', '-o', `sarif=${join(dir, 'r')}`], { cwd: dir }), /name the same file/);
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json=link.json', '-o', 'sarif=real.json'], { cwd: dir }), /name the same file/);
    expect(readdirSync(dir).sort()).toEqual(['link.json', 'real.json']);
  });
});

describe('an output that is also an input', () => {
  it('is refused before anything is read or written, whatever the spelling', () => {
    const dir = tmp();
    const dump = readFileSync(join(ROOT, APP, 'services.yaml'), 'utf8');
    mkdirSync(join(dir, 'manifests'));
    writeFileSync(join(dir, 'manifests', 'services.yaml'), dump);
    symlinkSync('manifests/services.yaml', join(dir, 'link.yaml'));
    expectOneLineError(dsaudit(['scan', '-f', 'manifests/services.yaml', '-o', 'json=manifests/services.yaml'], { cwd: dir }), /-o json=manifests\/services\.yaml would overwrite an input \(-f manifests\/services\.yaml\)/);
    expectOneLineError(dsaudit(['scan', '-f', 'manifests/services.yaml', '-o', 'sarif=link.yaml'], { cwd: dir }), /would overwrite an input/);
    // A directory walk reads every manifest under it, so a report over one of them is refused too.
    expectOneLineError(dsaudit(['scan', '-f', 'manifests', '-o', 'json=./manifests/services.yaml'], { cwd: dir }), /would overwrite an input \(-f manifests\)/);
    expect(readFileSync(join(dir, 'manifests', 'services.yaml'), 'utf8')).toBe(dump);
  });

  it('still writes a new report inside a scanned directory, and beside a hidden file a walk skips', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'manifests'));
    writeFileSync(join(dir, 'manifests', 'services.yaml'), readFileSync(join(ROOT, APP, 'services.yaml'), 'utf8'));
    writeFileSync(join(dir, 'manifests', '.old.json'), '');
    for (const args of [['-f', 'manifests', '-o', 'json=manifests/report.json'], ['-f', 'manifests/services.yaml', '-o', 'json=manifests/.old.json']]) {
      const r = dsaudit(['scan', ...args], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBeLessThan(2);
    }
    expect(readFileSync(join(dir, 'manifests', 'report.json'), 'utf8')).toMatch(/"findings"/);
  });
});

describe('an output that cannot be written', () => {
  it('is one line naming the path, exit 2, for a missing directory and a directory', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'reports'));
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json=missing/r.json'], { cwd: dir }), /^dsaudit: error: cannot write missing\/r\.json: no such directory$/m);
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'sarif=reports'], { cwd: dir }), /^dsaudit: error: cannot write reports: is a directory$/m);
    expectOneLineError(dsaudit(['snapshot', '-o', 'reports'], { cwd: dir }), /^dsaudit: error: cannot write reports: is a directory$/m);
  });

  it('is one line naming the path, exit 2, when the disk is full', () => {
    expectOneLineError(dsaudit(['scan', '-f', APP, '-o', 'json=/dev/full']), /^dsaudit: error: cannot write \/dev\/full: no space left on device$/m);
  });

  it.skipIf(isRoot)('is one line naming the path, exit 2, without permission', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'locked'));
    chmodSync(join(dir, 'locked'), 0o500);
    expectOneLineError(dsaudit(['scan', '-f', join(ROOT, APP), '-o', 'json=locked/r.json'], { cwd: dir }), /^dsaudit: error: cannot write locked\/r\.json: permission denied$/m);
    expect(readdirSync(join(dir, 'locked'))).toEqual([]);
  });

  it('fails the run when standard output cannot be written (scan -o json > /dev/full)', () => {
    for (const args of [['scan', '-f', APP, '-o', 'json'], ['baseline', '-f', APP], ['cidrs', '-f', APP]]) {
      const full = openSync('/dev/full', 'w');
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'dsaudit.js'), ...args], { cwd: ROOT, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      closeSync(full);
      expectOneLineError({ code: r.status ?? -1, stderr: r.stderr }, /^dsaudit: error: cannot write to stdout: no space left on device$/m);
    }
  });
});
