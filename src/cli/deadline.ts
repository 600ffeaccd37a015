/** `--timeout`: one deadline for everything a run reads from live clusters, however many contexts. */
import { parseDuration } from './duration.js';
import { UsageError } from './io.js';

/** A running deadline: its signal aborts the reads (and their requests) once the time is up. */
export interface LiveDeadline {
  readonly signal: AbortSignal;
  /** The duration as the user wrote it, for the message. */
  readonly text: string;
}

/** Starts the deadline of `--timeout`; undefined when the flag is not given. */
export function startDeadline(timeout: string | undefined): LiveDeadline | undefined {
  if (timeout === undefined) return undefined;
  const ms = parseDuration(timeout, '--timeout');
  if (ms <= 0) throw new UsageError(`--timeout: expected a duration greater than 0, got "${timeout}"`);
  return { signal: AbortSignal.timeout(ms), text: timeout.trim() };
}

/** The one line a run ends with when its deadline expired while `context` was being read. */
export function deadlineError(deadline: LiveDeadline, context: string): UsageError {
  return new UsageError(`the scan did not finish within ${deadline.text} (--timeout): context "${context}" was still being read`);
}
