/**
 * The per-phase profile of one run (`DSAUDIT_PROFILE=1`): CPU time and heap after each phase of the
 * pipeline, printed by the CLI to stderr. Phases end at `endPhase(name)`; the CPU since the previous
 * end is the phase's. Work interleaved with another phase (normalizing each item while the files are
 * read) is timed with `within` and moved from the enclosing phase to its own. Off (the default) every
 * call is one boolean test.
 */

export interface PhaseRecord {
  readonly name: string;
  /** CPU time of the whole process (every thread: the garbage collector's helpers too), ms. */
  readonly cpuMs: number;
  /** V8 heap in use and the process's resident set when the phase ended, bytes. */
  readonly heapUsed: number;
  readonly rss: number;
}

let enabled = false;
let lastCpu = 0;
const records: PhaseRecord[] = [];
/** Time spent `within` a named inner phase since the last `endPhase`, ms. */
const inner = new Map<string, number>();

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Starts profiling; the CPU spent before (process start-up, module loading, the worker) is phase `start`. */
export function startPhases(): void {
  enabled = true;
  records.length = 0;
  inner.clear();
  lastCpu = 0;
  endPhase('start');
}

export function phasesEnabled(): boolean {
  return enabled;
}

export function endPhase(name: string): void {
  if (!enabled) return;
  const cpu = cpuNow();
  let own = cpu - lastCpu;
  const { heapUsed, rss } = process.memoryUsage();
  for (const ms of inner.values()) own -= ms;
  records.push({ name, cpuMs: Math.max(0, own), heapUsed, rss });
  for (const [innerName, ms] of inner) records.push({ name: innerName, cpuMs: ms, heapUsed, rss });
  inner.clear();
  lastCpu = cpu;
}

/**
 * Runs `fn` and counts its time towards `name` rather than the enclosing phase. Wall time stands in
 * for CPU time here: the work is synchronous and does no I/O, and a system call per item would cost
 * more than the work it measures.
 */
export function within<T>(name: string, fn: () => T): T {
  if (!enabled) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    inner.set(name, (inner.get(name) ?? 0) + performance.now() - t0);
  }
}

/** The profile as text lines: one per phase (phases of the same name summed), then the total. */
export function phaseReport(): string {
  const byName = new Map<string, { cpuMs: number; heapUsed: number; rss: number }>();
  for (const r of records) {
    const seen = byName.get(r.name);
    byName.set(r.name, { cpuMs: (seen?.cpuMs ?? 0) + r.cpuMs, heapUsed: r.heapUsed, rss: r.rss });
  }
  const mib = (b: number): string => `${(b / 1048576).toFixed(0)} MiB`.padStart(9);
  const total = records.reduce((s, r) => s + r.cpuMs, 0);
  const lines = ['dsaudit profile: phase, CPU (ms, all threads), share, heap used and RSS after it'];
  for (const [name, r] of byName) {
    lines.push(`  ${name.padEnd(10)} ${r.cpuMs.toFixed(0).padStart(8)} ms ${((100 * r.cpuMs) / (total || 1)).toFixed(1).padStart(5)} % ${mib(r.heapUsed)} ${mib(r.rss)}`);
  }
  lines.push(`  ${'total'.padEnd(10)} ${total.toFixed(0).padStart(8)} ms`);
  return `${lines.join('\n')}\n`;
}
