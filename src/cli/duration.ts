/** kubectl-style duration flags (`--request-timeout`, `--timeout`). */
import { UsageError } from './io.js';

/** kubectl-style durations: `30s`, `2m`, `500ms`, or a bare number of seconds. */
export function parseDuration(text: string, flag = '--request-timeout'): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${flag}: invalid duration "${text}" (e.g. 30s, 2m)`);
  const n = Number(m[1]);
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h']);
}
