/** Reads component command-line flags from a container's command and args (`--flag=v` and `--flag v`). */
import type { Container } from '../types.js';

/** Flag values by name (without dashes); the last occurrence wins, as with Go's pflag. */
export function parseFlags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('-')) out.set(a.slice(2), argv[++i]);
    else out.set(a.slice(2), 'true');
  }
  return out;
}

export function containerArgv(c: Container): string[] {
  return [...c.command, ...c.args];
}

/** The container running `binary` (by name or by the first word of its command), if any. */
export function findComponent(containers: readonly Container[], binary: string): Container | undefined {
  // Runs for every container of every pod: no closures, one suffix string.
  const suffix = `/${binary}`;
  for (const c of containers) {
    if (c.name === binary) return c;
    for (const w of c.command) if (w === binary || w.endsWith(suffix)) return c;
  }
  return undefined;
}
