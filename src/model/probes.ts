/** Reads a container's probes from its raw body: where each HTTP or TCP check connects, or what it runs. */
import type { Probe } from './types.js';

const KINDS = [['liveness', 'livenessProbe'], ['readiness', 'readinessProbe'], ['startup', 'startupProbe']] as const;

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * The probes of a raw container at `path`. Wrong-typed parts are left out (the API server rejects them;
 * probes are read only for heuristic rules, so they raise no input error of their own).
 */
export function probesOf(container: unknown, path: string): Probe[] {
  const c = record(container);
  if (!c) return [];
  const out: Probe[] = [];
  for (const [kind, field] of KINDS) {
    const p = record(c[field]);
    if (!p) continue;
    const ppath = `${path}.${field}`;
    let host: Probe['host'];
    for (const handler of ['httpGet', 'tcpSocket'] as const) {
      const h = record(p[handler])?.host;
      if (typeof h === 'string' && h !== '') host = { text: h, path: `${ppath}.${handler}.host` };
    }
    const command = record(p.exec)?.command;
    const exec = Array.isArray(command) ? { command: command.map((x) => (typeof x === 'string' ? x : '')), path: `${ppath}.exec.command` } : undefined;
    out.push({ kind, ...(host ? { host } : {}), ...(exec ? { exec } : {}), path: ppath });
  }
  return out;
}

/** Two probe lists say the same thing. */
export function sameProbes(a: readonly Probe[], b: readonly Probe[]): boolean {
  return a.length === b.length && JSON.stringify(a) === JSON.stringify(b);
}
