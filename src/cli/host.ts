/**
 * Runs the CLI in a worker thread whose young generation is larger than Node's default, and relays
 * its output, standard input and exit code. A live scan parses list pages of several megabytes and
 * keeps a small part of each: with the default 16 MiB semi-spaces most of every page is copied into
 * the old generation before it dies, and garbage collection takes more time than the parsing (see
 * bench/live.js). A worker is the one place a program can choose its own heap sizes.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { internalErrorLine } from './io.js';
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

export function runInWorker(argv: readonly string[]): Promise<number> {
  const start: WorkerStart = { argv, stdoutIsTTY: Boolean(process.stdout.isTTY), stderrIsTTY: Boolean(process.stderr.isTTY) };
  const young = youngGenerationMb(availableMemory());
  const worker = new Worker(new URL('./worker.js', import.meta.url), {
    workerData: start,
    ...(young !== undefined ? { resourceLimits: { maxYoungGenerationSizeMb: young } } : {}),
  });
  return new Promise((resolve) => {
    let code: number | undefined;
    let stdoutClosed = false;
    // `dsaudit scan -o json | head`: the reader went away. Stop quietly, as kubectl and git do.
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (stdoutClosed) return;
      stdoutClosed = true;
      if (err.code !== 'EPIPE') process.stderr.write(`dsaudit: error: cannot write the output: ${err.message}\n`);
      code ??= 2;
      void worker.terminate();
    });
    process.stderr.on('error', () => undefined);
    worker.on('message', (m: WorkerMessage) => {
      switch (m.type) {
        case 'out': if (!stdoutClosed) process.stdout.write(m.text); break;
        case 'err': process.stderr.write(m.text); break;
        case 'read-stdin': void readStdin().then((text) => worker.postMessage({ type: 'stdin', text } satisfies StdinMessage)); break;
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
    worker.on('exit', () => resolve(code ?? 2));
  });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
