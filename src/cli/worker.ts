/** The CLI's worker thread: runs `run()` with an io that talks to the main thread (see host.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { run } from './index.js';
import type { CliIO } from './io.js';
import type { StdinMessage, WorkerMessage, WorkerStart } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('src/cli/worker.js runs only as a worker thread');
// An ordinary object in place of the environment object, whose every property read is a call into
// C++ (~0.2 µs): the yaml package reads process.env.LOG_TOKENS for each token it parses
// (yaml/dist/parse/parser.js `next`), a sixth of the CPU of a large YAML scan. A worker's
// environment is already its own copy (worker_threads `env` option), so nothing outside sees a change.
process.env = { ...process.env };
const start = workerData as WorkerStart;
const post = (m: WorkerMessage): void => port.postMessage(m);

let stdin: Promise<string> | undefined;
const io: CliIO = {
  cwd: process.cwd(),
  env: process.env,
  stdoutIsTTY: start.stdoutIsTTY,
  stderrIsTTY: start.stderrIsTTY,
  ...(start.stdoutColumns !== undefined ? { stdoutColumns: start.stdoutColumns } : {}),
  writeOut: (text) => post({ type: 'out', text }),
  writeErr: (text) => post({ type: 'err', text }),
  readStdin: () =>
    (stdin ??= new Promise<string>((resolve) => {
      port.once('message', (m: StdinMessage) => resolve(m.text));
      post({ type: 'read-stdin' });
    })),
  // Signals reach the main thread only: it removes these files when the run is interrupted.
  tempFiles: {
    add: (path) => post({ type: 'temp', path, live: true }),
    remove: (path) => post({ type: 'temp', path, live: false }),
  },
};

const code = await run(start.argv, io);
post({ type: 'exit', code });
port.close();
