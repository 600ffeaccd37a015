/**
 * Where a command's output goes and how it is written: the one routine behind `-o` of every command.
 * Regular files are replaced atomically (a temporary file beside the real file, then a rename);
 * character devices, FIFOs and /dev/std* are written in place; nothing else is ever renamed over.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fsErrorMessage } from '../sources/manifest-files.js';
import { UsageError, type CliIO } from './io.js';

/** Where an output goes once its path is resolved. */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'stderr' }
  /** A character device or FIFO: opened and written in place. */
  | { readonly kind: 'direct'; readonly path: string }
  /** A regular file, existing or not, at its real path (symbolic links followed). */
  | { readonly kind: 'file'; readonly path: string; readonly mode?: number };

export interface Output {
  /** What the user wrote, for messages; undefined for standard output by default. */
  readonly given?: string;
  readonly target: OutputTarget;
}

/** Standard output, where a command writes when given no path. */
export const STDOUT: Output = { target: { kind: 'stdout' } };

/** The limit Linux puts on symbolic links followed in one lookup (MAXSYMLINKS). */
const MAX_LINKS = 40;

/** Descriptors of this process named as paths: /dev/fd/N, /proc/self/fd/N and /dev/std*. */
function descriptorOf(path: string): number | undefined {
  const std = ['/dev/stdin', '/dev/stdout', '/dev/stderr'].indexOf(path);
  if (std >= 0) return std;
  const m = /^(?:\/dev\/fd|\/proc\/(?:self|thread-self|\d+)\/fd)\/(\d+)$/.exec(path);
  if (!m) return undefined;
  if (/^\/proc\/\d+\//.test(path) && !path.startsWith(`/proc/${process.pid}/`)) return undefined;
  return Number(m[1]);
}

function cannotWrite(given: string, reason: string): UsageError {
  return new UsageError(`cannot write ${given}: ${reason}`);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The directory part of a path with its symbolic links resolved. */
function realDirectory(path: string): string {
  return realpathSync(dirname(path));
}

/**
 * Resolves the path of an output (relative to `cwd`) the way the kernel will when it is opened,
 * link by link, so that a link to /dev/stdout is standard output and a link to a file is that file.
 * Throws a one-line UsageError naming `given` when it cannot be written (a directory, a missing
 * directory, a socket or block device).
 */
export function resolveOutput(cwd: string, given: string): Output {
  let path = resolve(cwd, given);
  try {
    for (let hop = 0; hop <= MAX_LINKS; hop++) {
      const fd = descriptorOf(path);
      if (fd === 1) return { given, target: { kind: 'stdout' } };
      if (fd === 2) return { given, target: { kind: 'stderr' } };
      if (fd !== undefined) return { given, target: { kind: 'direct', path } };
      const st = lstatOrUndefined(path);
      if (st === undefined) return { given, target: { kind: 'file', path: join(realDirectory(path), basename(path)) } };
      if (st.isSymbolicLink()) {
        path = resolve(realDirectory(path), readlinkSync(path));
        continue;
      }
      if (st.isFile()) return { given, target: { kind: 'file', path: realpathSync(path), mode: st.mode & 0o7777 } };
      if (st.isDirectory()) throw cannotWrite(given, 'is a directory');
      if (st.isCharacterDevice() || st.isFIFO()) return { given, target: { kind: 'direct', path } };
      throw cannotWrite(given, 'not a regular file, character device or FIFO');
    }
    throw cannotWrite(given, 'too many levels of symbolic links');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw cannotWrite(given, code === 'ENOENT' || code === 'ENOTDIR' ? 'no such directory' : fsErrorMessage(e, 'write'));
  }
}

/** What identifies the destination of an output, whatever the spelling of its path. */
function identity(output: Output): string {
  const { target } = output;
  if (target.kind === 'stdout' || target.kind === 'stderr') return target.kind;
  try {
    const st = statSync(target.path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return target.path;
  }
}

/** Throws a UsageError when two outputs would land in the same place (one would silently overwrite the other). */
export function checkDistinct(outputs: readonly { readonly output: Output; readonly label: string }[]): void {
  const seen = new Map<string, string>();
  for (const { output, label } of outputs) {
    const key = identity(output);
    const other = seen.get(key);
    if (other !== undefined) {
      if (key === 'stdout') throw new UsageError(`${other} and ${label} both go to stdout; give one of them a file path`);
      throw new UsageError(`${other} and ${label} name the same file; give each output its own`);
    }
    seen.set(key, label);
  }
}

/** An input the command reads, as the user named it: a file or a directory walked for manifests. */
export interface NamedInput {
  readonly flag: string;
  readonly path: string;
}

const WALKED_MANIFEST = /\.(ya?ml|json)$/i;

/** True when a directory walk from `dir` would read `file` (src/sources/manifest-files.ts: no hidden entries, manifest extensions). */
function walkedFrom(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
  return WALKED_MANIFEST.test(file) && !rel.split(sep).some((part) => part.startsWith('.'));
}

/**
 * Throws a UsageError when an output would replace a file this run reads: the report is written after
 * the inputs are read, so `-f cluster.json -o json=cluster.json` would silently destroy the dump.
 */
export function checkNotInputs(cwd: string, outputs: readonly { readonly output: Output; readonly label: string }[], inputs: readonly NamedInput[]): void {
  for (const { output, label } of outputs) {
    if (output.target.kind !== 'file') continue;
    const written = statOrUndefined(output.target.path);
    if (written === undefined) continue;
    for (const input of inputs) {
      const read = statOrUndefined(resolve(cwd, input.path));
      if (read === undefined) continue;
      const same = read.isDirectory()
        ? walkedFrom(realpathSync(resolve(cwd, input.path)), output.target.path)
        : read.dev === written.dev && read.ino === written.ino;
      if (same) throw new UsageError(`${label} would overwrite an input (${input.flag} ${input.path}); write the report elsewhere`);
    }
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes `chunks` to an output. A failure is a UsageError naming the user's path (exit 2), and
 * leaves nothing behind: an existing file is untouched until the new one is complete.
 */
export function writeOutput(io: CliIO, output: Output, chunks: Iterable<string>): void {
  const { target } = output;
  if (target.kind === 'stdout') {
    for (const c of chunks) io.writeOut(c);
    return;
  }
  if (target.kind === 'stderr') {
    for (const c of chunks) io.writeErr(c);
    return;
  }
  try {
    if (target.kind === 'direct') writeInPlace(target.path, chunks);
    else writeAtomic(io, target.path, target.mode, chunks);
  } catch (e) {
    throw cannotWrite(output.given ?? target.path, fsErrorMessage(e, 'write'));
  }
}

function writeAll(fd: number, chunks: Iterable<string>): void {
  for (const chunk of chunks) {
    const bytes = Buffer.from(chunk);
    for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
  }
}

function writeInPlace(path: string, chunks: Iterable<string>): void {
  const fd = openSync(path, 'w');
  try {
    writeAll(fd, chunks);
  } finally {
    closeSync(fd);
  }
}

function writeAtomic(io: CliIO, path: string, mode: number | undefined, chunks: Iterable<string>): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // Announced before it exists, so that a signal arriving in between still finds it.
  io.tempFiles?.add(tmp);
  let fd: number | undefined;
  try {
    // O_EXCL: never follow a link or open a file someone else placed at the temporary name.
    fd = openSync(tmp, 'wx', 0o666);
    if (mode !== undefined) fchmodSync(fd, mode);
    writeAll(fd, chunks);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try { unlinkSync(tmp); } catch { /* nothing to clean up */ }
    throw e;
  } finally {
    io.tempFiles?.remove(tmp);
  }
}
