import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { resolveOutput, writeOutput } from '../../src/cli/write-output.js';

function fakeIO(cwd: string, events: string[] = []): CliIO & { out: string } {
  const io = {
    cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false, out: '',
    writeOut(t: string) { io.out += t; },
    writeErr() { /* unused */ },
    readStdin: async () => '',
    tempFiles: {
      add: (p: string) => { events.push(`add ${existsSync(p)}`); },
      remove: (p: string) => { events.push(`remove ${existsSync(p)}`); },
    },
  };
  return io;
}

describe('resolveOutput', () => {
  it('sends /dev/stdout and links to it to standard output, devices in place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-wo-'));
    symlinkSync('/dev/stdout', join(dir, 'out'));
    expect(resolveOutput(dir, '/dev/stdout').target).toEqual({ kind: 'stdout' });
    expect(resolveOutput(dir, '/dev/fd/1').target).toEqual({ kind: 'stdout' });
    expect(resolveOutput(dir, 'out').target).toEqual({ kind: 'stdout' });
    expect(resolveOutput(dir, '/dev/stderr').target).toEqual({ kind: 'stderr' });
    expect(resolveOutput(dir, '/dev/null').target).toEqual({ kind: 'direct', path: '/dev/null' });
  });

  it('follows links (also dangling ones) to the file they name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-wo-'));
    symlinkSync('later.json', join(dir, 'dangling'));
    expect(resolveOutput(dir, 'dangling').target).toMatchObject({ kind: 'file', path: join(dir, 'later.json') });
  });
});

describe('writeOutput', () => {
  it('announces its temporary file before creating it and withdraws it once renamed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-wo-'));
    const events: string[] = [];
    const io = fakeIO(dir, events);
    writeOutput(io, resolveOutput(dir, 'r.json'), ['{', '}']);
    expect(events).toEqual(['add false', 'remove false']);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('{}');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });

  it('leaves the existing file whole and no temporary file when a write fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-wo-'));
    writeFileSync(join(dir, 'r.json'), 'previous');
    const output = resolveOutput(dir, 'r.json');
    const failing = (function* () { yield 'partial'; throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }); })();
    expect(() => writeOutput(fakeIO(dir), output, failing)).toThrow(/^cannot write r\.json: no space left on device$/);
    expect(readFileSync(join(dir, 'r.json'), 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['r.json']);
  });
});
