/**
 * Preloaded with `node --import` by bench/run.js when GNU time is missing: writes the process's user
 * and system CPU seconds and peak RSS in KiB (process.resourceUsage()) to $DSAUDIT_BENCH_RSS_FILE
 * when it exits, in GNU time's `%U %S %M` format. (CPU of worker threads is included; of child
 * processes it is not: dsaudit starts none.)
 */
import { writeFileSync } from 'node:fs';

const file = process.env.DSAUDIT_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, `${(u.userCPUTime / 1e6).toFixed(2)} ${(u.systemCPUTime / 1e6).toFixed(2)} ${u.maxRSS}\n`);
  });
}
