/** An interrupted run leaves no temporary output file behind (the host removes what the worker announced). */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/rule-tester.js';
import { TempFiles } from '../../src/cli/temp-files.js';

/**
 * A stand-in for src/cli/worker.ts that announces and creates a temporary file as writeOutput does,
 * says so on stdout, then never finishes: the signal arrives while the file exists, every time.
 */
const WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
import { openSync, writeSync } from 'node:fs';
const path = workerData.argv[0];
parentPort.postMessage({ type: 'temp', path, live: true });
writeSync(openSync(path, 'wx'), 'partial report');
parentPort.postMessage({ type: 'out', text: 'writing\\n' });
for (;;) { /* a write that never ends */ }
`;

async function interrupt(signal: 'SIGINT' | 'SIGTERM'): Promise<{ code: number | null; tmp: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'dsaudit-int-'));
  writeFileSync(join(dir, 'worker.mjs'), WORKER);
  const host = pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'host.js')).href;
  writeFileSync(join(dir, 'main.mjs'), `import { runInWorker } from '${host}';\nrunInWorker([process.argv[2]], new URL('./worker.mjs', import.meta.url)).then((c) => { process.exitCode = c; });\n`);
  const tmp = join(dir, '.report.json.tmp');
  const child = spawn(process.execPath, [join(dir, 'main.mjs'), tmp], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.once('data', () => child.kill(signal));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, tmp };
}

describe('an interrupted run', () => {
  it('removes the temporary file on SIGTERM and exits 143', async () => {
    const { code, tmp } = await interrupt('SIGTERM');
    expect(code).toBe(143);
    expect(existsSync(tmp)).toBe(false);
  });

  it('removes the temporary file on SIGINT and exits 130', async () => {
    const { code, tmp } = await interrupt('SIGINT');
    expect(code).toBe(130);
    expect(existsSync(tmp)).toBe(false);
  });
});

describe('the temporary file registry', () => {
  it('removes what is still registered, and only that', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-int-'));
    const [a, b, never] = ['a.tmp', 'b.tmp', 'never.tmp'].map((f) => join(dir, f));
    const temps = new TempFiles();
    for (const p of [a, b]) writeFileSync(p, '');
    temps.add(a);
    temps.add(b);
    temps.add(never);
    temps.remove(b);
    temps.removeAll();
    expect([existsSync(a), existsSync(b)]).toEqual([false, true]);
  });
});
