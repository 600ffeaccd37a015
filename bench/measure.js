// Runs a child Node process and measures wall time, peak RSS and CPU; shared by bench/run.js and bench/live.js.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR } from './generate.js';

const ROOT = join(BENCH_DIR, '..');
const PROBE = join(BENCH_DIR, 'rss-probe.js');

/** GNU time, when installed: its %M is the child's peak RSS. */
export const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);

/**
 * Runs `node <args>` with stdout to `stdoutFile`; returns wall ms, peak RSS (KiB), CPU seconds
 * (user + sys) and the exit code. Without GNU time, bench/rss-probe.js reports CPU and RSS.
 */
export async function measure(args, stdoutFile) {
  const tmp = mkdtempSync(join(tmpdir(), 'dsaudit-bench-'));
  const rssFile = join(tmp, 'rss');
  const out = openSync(stdoutFile, 'w');
  const [cmd, argv, env] = GNU_TIME
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', rssFile, process.execPath, ...args], process.env]
    : [process.execPath, ['--import', pathToFileURL(PROBE).href, ...args], { ...process.env, DSAUDIT_BENCH_RSS_FILE: rssFile }];
  const t0 = performance.now();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ['ignore', out, 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (c) => {
      if (c !== 0 && c !== 1) process.stderr.write(stderr);
      resolve(c);
    });
  });
  const ms = performance.now() - t0;
  closeSync(out);
  const fields = (existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '').split(' ');
  rmSync(tmp, { recursive: true, force: true });
  const cpu = fields.length === 3 ? Number(fields[0]) + Number(fields[1]) : NaN;
  return { ms, rssKiB: Number(fields.at(-1)) || NaN, cpu, code };
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const mib = (kib) => `${Math.round(kib / 1024)} MiB`;
