/** Messages between the process's main thread (src/cli/host.ts) and the CLI's worker thread (src/cli/worker.ts). */

/** What the main thread tells the worker when starting it. */
export interface WorkerStart {
  readonly argv: readonly string[];
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Width of the stdout terminal; unset when stdout is not a terminal. */
  readonly stdoutColumns?: number;
}

/**
 * Worker → main: output, a request for standard input, a temporary file about to be created
 * (`live`) or gone, or the exit code (always the last message).
 */
export type WorkerMessage =
  | { readonly type: 'out' | 'err'; readonly text: string }
  | { readonly type: 'temp'; readonly path: string; readonly live: boolean }
  | { readonly type: 'read-stdin' }
  | { readonly type: 'exit'; readonly code: number };

/** Main → worker: the whole of standard input, once asked for. */
export interface StdinMessage {
  readonly type: 'stdin';
  readonly text: string;
}
