/**
 * Runs the CLI in a worker thread whose young generation is larger than Node's default, and relays
 * its output, standard input and exit code. A live scan parses list pages of several megabytes and
 * keeps a small part of each: with the default 16 MiB semi-spaces most of every page is copied into
 * the old generation before it dies, and garbage collection takes more time than the parsing (see
 * bench/live.js). A worker is the one place a program can choose its own heap sizes.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { fsErrorMessage } from '../sources/manifest-files.js';
import { internalErrorLine, stdoutColumns } from './io.js';
import { TempFiles } from './temp-files.js';
import type { StdinMessage, WorkerMessage, WorkerStart } from './worker-protocol.js';

/** Young generation of the worker: three semi-spaces of 128 MiB (V8 sizes it as 3 × semi-space). */
export const YOUNG_GENERATION_MB = 384;
/** Below this much memory (the machine's, or the container's limit) V8's own default is kept. */
export const LARGE_YOUNG_GENERATION_MIN_MEMORY = 4 * 1024 ** 3;

/**
 * The worker's young generation for a process that may use `memoryBytes`: the large one where it
 * fits comfortably, else undefined (V8's default) so a small container limit (the CronJob's) holds.
 */
export function youngGenerationMb(memoryBytes: number): number | undefined {
  return memoryBytes >= LARGE_YOUNG_GENERATION_MIN_MEMORY ? YOUNG_GENERATION_MB : undefined;
}

/** Memory this process may use: the container (cgroup) limit when there is one, else the machine's. */
function availableMemory(): number {
  const constrained = process.constrainedMemory?.();
  const total = totalmem();
  return constrained !== undefined && constrained > 0 ? Math.min(constrained, total) : total;
}

/** Signals that end a run: the temporary files are removed, and the exit code is the shell's 128 + n. */
const INTERRUPTS = { SIGINT: 130, SIGTERM: 143 } as const;

/** Runs the CLI (`workerUrl` is the worker script, replaceable in tests) and resolves to its exit code. */
export function runInWorker(argv: readonly string[], workerUrl: URL = new URL('./worker.js', import.meta.url)): Promise<number> {
  const start: WorkerStart = { argv, stdoutIsTTY: Boolean(process.stdout.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY), ...stdoutColumns() };
  const young = youngGenerationMb(availableMemory());
  const worker = new Worker(workerUrl, {
    workerData: start,
    ...(young !== undefined ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
  });
  const temps = new TempFiles();
  return new Promise((resolve) => {
    let code: number | undefined;
    let stdoutClosed = false;
    let stdoutFailed = false;
    let interrupted: number | undefined;
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (stdoutClosed) return;
      stdoutClosed = true;
      // `dsaudit scan -o json | head`: the reader went away. Stop writing quietly, as kubectl and git do;
      // the verdict of the run stands. Any other failure (a full disk) fails the run.
      if (err.code === 'EPIPE') return;
      stdoutFailed = true;
      process.stderr.write(`dsaudit: error: cannot write to stdout: ${fsErrorMessage(err, 'write')}\n`);
    });
    process.stderr.on('error', () => undefined);
    const onSignal = (signal: keyof typeof INTERRUPTS): void => {
      interrupted ??= INTERRUPTS[signal];
      void worker.terminate();
    };
    const signals = Object.keys(INTERRUPTS) as (keyof typeof INTERRUPTS)[];
    for (const s of signals) process.on(s, onSignal);
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'out': if (!stdoutClosed) process.stdout.write(m.text); break;
        case 'err': process.stderr.write(m.text); break;
        case 'read-stdin': void readStdin().then((text) => worker.postMessage({ type: 'stdin', text } satisfies StdinMessage)); break;
        case 'temp': if (m.live) temps.add(m.path); else temps.remove(m.path); break;
        // The exit code is the worker's last message: nothing it still holds open may keep the process alive.
        case 'exit': code = m.code; void worker.terminate(); break;
      }
    });
    worker.on('error', (err: NodeJS.ErrnoException) => {
      // `run()` catches everything it can; what is left (out of memory, a crash in a native module) ends here.
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        process.stderr.write('dsaudit: error: out of memory (JavaScript heap limit reached); allow more with NODE_OPTIONS=--max-old-space-size=<MiB>\n');
      } else {
        process.stderr.write(internalErrorLine(err, argv.includes('--debug')));
      }
      code = 2;
    });
    // Messages the worker sent are all delivered before 'exit', so every temporary file it announced is known here.
    worker.on('exit', () => {
      for (const s of signals) process.off(s, onSignal);
      if (interrupted !== undefined) {
        temps.removeAll();
        resolve(interrupted);
        return;
      }
      // Resolve once what was written to stdout has gone out (or failed), so a failure decides the exit code.
      const settle = (): void => { setImmediate(() => resolve(stdoutFailed ? 2 : (code ?? 2))); };
      if (stdoutClosed) settle();
      else process.stdout.write('', settle);
    });
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
