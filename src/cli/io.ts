/** The process surface the CLI needs, injectable for tests. */
import type { TempFileRegistry } from './temp-files.js';

export interface CliIO {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Columns of the stdout terminal; unset when stdout is not a terminal (the table then never wraps). */
  readonly stdoutColumns?: number;
  writeOut(text: string): void;
  writeErr(text: string): void;
  readStdin(): Promise<string>;
  /** Told of temporary output files, for removal when the run is interrupted (see host.ts). */
  readonly tempFiles?: TempFileRegistry;
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...stdoutColumns(),
    writeOut: (t) => process.stdout.write(t),
    writeErr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** `{ stdoutColumns }` when stdout is a terminal that reports its width, else nothing. */
export function stdoutColumns(): { stdoutColumns?: number } {
  const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
  return typeof columns === 'number' && columns > 0 ? { stdoutColumns: columns } : {};
}

/** Exit codes (ESLint convention): 0 pass, 1 findings at or above the threshold, 2 usage/config/input error. */
export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** The line an unexpected error ends the run with: its first line, or its stack with `--debug`. */
export function internalErrorLine(e: unknown, debug: boolean): string {
  const message = e instanceof Error ? e.message : String(e);
  if (debug) return `dsaudit: internal error: ${e instanceof Error && e.stack ? e.stack : message}\n`;
  return `dsaudit: internal error: ${message.split('\n')[0]} (run with --debug for details)\n`;
}

/** An error that ends the command with a one-line message and exit code 2. */
export class UsageError extends Error {}
