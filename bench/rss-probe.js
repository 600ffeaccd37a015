/**
 * Preloaded with `node --import` by bench/run.js when GNU time is missing: writes the process's peak
 * RSS in KiB (process.resourceUsage().maxRSS) to $DSAUDIT_BENCH_RSS_FILE when it exits.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.DSAUDIT_BENCH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, `${process.resourceUsage().maxRSS}\n`));
