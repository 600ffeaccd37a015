/** Expands file and directory inputs into a sorted file list, and reads files within size and encoding limits. */
import { constants, isAscii, isUtf8 } from 'node:buffer';
import { closeSync, fstatSync, openSync, read, readFileSync, readSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputError, InputNotice } from '../model/input.js';

export interface ManifestFile {
  /** Path shown to the user: relative to cwd with forward slashes when inside it, else as given. */
  readonly display: string;
  readonly path: string;
}

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i;
const MIN_BUFFER = 64 * 1024;
const BINARY_SNIFF = 8192;

/**
 * Files named directly are read whatever their extension; directories are walked recursively for
 * `.yaml`, `.yml` and `.json` files, skipping hidden entries (`.git`, `.github`…). The list is deduplicated
 * and sorted by display path so that output does not depend on argument or directory order.
 */
export async function expandInputs(inputs: readonly string[], cwd: string, errors: InputError[], notices: InputNotice[] = []): Promise<ManifestFile[]> {
  const found = new Map<string, ManifestFile>();
  for (const given of inputs) {
    const path = resolve(cwd, given);
    try {
      // A path named on the command line is followed, link or not.
      const files = (await stat(path)).isDirectory() ? await walk(path, given, cwd, notices) : [{ path, given }];
      for (const f of files) found.set(f.path, { path: f.path, display: displayPath(cwd, f.path, f.given) });
    } catch (e) {
      errors.push({ file: displayPath(cwd, path, given), line: null, message: fsErrorMessage(e) });
    }
  }
  return [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
}

/**
 * Inside a walked directory, symbolic links are treated as `kubectl apply -R` treats them
 * (k8s.io/cli-runtime/pkg/resource/visitor.go walks with filepath.Walk, which never descends into a
 * linked directory but opens a linked file): a link to a manifest file is read, a link to a
 * directory is skipped, whatever its name, with a notice (which also rules out link cycles).
 */
async function walk(dir: string, given: string, cwd: string, notices: InputNotice[]): Promise<{ path: string; given: string }[]> {
  const out: { path: string; given: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const shown = join(given, entry.name);
    if (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isDirectory()) {
      notices.push({ file: displayPath(cwd, path, shown), line: null, message: 'symbolic link to a directory, skipped (name it with -f to scan it)' });
    } else if (entry.isDirectory()) out.push(...(await walk(path, shown, cwd, notices)));
    else if (MANIFEST_EXTENSIONS.test(entry.name)) out.push({ path, given: shown });
  }
  return out;
}

function displayPath(cwd: string, path: string, given: string): string {
  const rel = relative(cwd, path);
  const inside = rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  return (inside ? rel : given).split(sep).join('/');
}

/** A buffer reused from one file to the next: reading many large files then does not add external memory (and a V8 GC) per file. */
export interface ReadBuffer {
  buffer: Buffer;
}

/** A file read by readOpenedBytes: checked bytes, and what identifies this version of the file. */
export interface ManifestBytes {
  /** A view of the ReadBuffer, valid until the next read into it. */
  readonly bytes: Buffer;
  readonly ascii: boolean;
  readonly mtimeMs: number;
}

/** A manifest file opened once: every later read (sniffing a snapshot header, the bytes) uses this descriptor. */
export interface OpenedFile {
  readonly file: ManifestFile;
  readonly fd: number;
  readonly size: number;
  readonly mtimeMs: number;
}

/** Opens a file for reading; throws the file system's error. */
export function openManifest(file: ManifestFile): OpenedFile {
  const fd = openSync(file.path, 'r');
  try {
    const { size, mtimeMs } = fstatSync(fd);
    return { file, fd, size, mtimeMs };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/**
 * Reads a file opened by openManifest (closed when done) into a buffer reused between files, within
 * the size limit, checking that it is text. The bytes are read on the thread
 * pool, so the read overlaps whatever the caller does until it awaits the result. Reads from the
 * file's current position: its start, as sniffing reads at explicit positions and does not move it.
 */
export function readOpenedBytes(opened: OpenedFile, maxBytes: number, into: ReadBuffer): Promise<ManifestBytes> {
  const { fd, mtimeMs } = opened;
  try {
    if (opened.size > maxBytes) throw tooLarge(maxBytes);
    if (into.buffer.length < opened.size + 1) into.buffer = Buffer.allocUnsafe(Math.max(opened.size + 1, MIN_BUFFER));
  } catch (e) {
    closeSync(fd);
    return Promise.reject(e);
  }
  return new Promise<ManifestBytes>((resolve, reject) => {
    read(fd, into.buffer, 0, into.buffer.length, null, (error, first) => {
      try {
        if (error) throw error;
        resolve(readOn(fd, into, first, maxBytes, mtimeMs));
      } catch (e) {
        reject(e);
      } finally {
        closeSync(fd);
      }
    });
  });
}

/** readOpenedBytes on this thread, leaving the descriptor open (the caller closes it). */
export function readOpenedBytesSync(opened: OpenedFile, maxBytes: number, into: ReadBuffer): ManifestBytes {
  if (opened.size > maxBytes) throw tooLarge(maxBytes);
  if (into.buffer.length < opened.size + 1) into.buffer = Buffer.allocUnsafe(Math.max(opened.size + 1, MIN_BUFFER));
  return readOn(opened.fd, into, 0, maxBytes, opened.mtimeMs);
}

/**
 * Reads on from the `total` bytes already in the buffer until end of file rather than trusting the
 * size (pipes and process substitution report 0); the checked bytes.
 */
function readOn(fd: number, into: ReadBuffer, total: number, maxBytes: number, mtimeMs: number): ManifestBytes {
  for (let n = total === 0 ? -1 : total; n !== 0; ) {
    if (total > maxBytes) throw tooLarge(maxBytes);
    if (total === into.buffer.length) into.buffer = Buffer.concat([into.buffer, Buffer.allocUnsafe(into.buffer.length)]);
    n = readSync(fd, into.buffer, total, into.buffer.length - total, null);
    total += n;
  }
  if (total > maxBytes) throw tooLarge(maxBytes);
  const bytes = into.buffer.subarray(0, total);
  return { bytes, ascii: checkBytes(bytes), mtimeMs };
}

/** Throws for binary or non-UTF-8 content; true when every byte is ASCII. */
function checkBytes(bytes: Buffer): boolean {
  if (bytes.subarray(0, BINARY_SNIFF).includes(0)) throw new Error('binary file');
  if (isAscii(bytes)) return true;
  if (!isUtf8(bytes)) throw new Error('binary file (not valid UTF-8)');
  return false;
}

/** The text of checked bytes. */
export function decodeBytes(bytes: Buffer, ascii: boolean): string {
  // latin1 equals UTF-8 for ASCII, and Node stores large latin1 strings outside the V8 heap.
  return ascii ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The same checks for text that arrived already decoded (stdin). */
export function checkText(text: string, maxBytes: number): void {
  if (text.slice(0, BINARY_SNIFF).includes('\0')) throw new Error('binary file');
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
}

/**
 * The error for input over the limit of text read whole, saying how to make it readable item by item:
 * JSON Lists in the layout kubectl, jq and JSON.stringify(…, null, n) write, or with one item per line,
 * have no limit.
 */
export function tooLarge(maxBytes: number): Error {
  const MiB = 1024 * 1024;
  const limit = maxBytes % MiB === 0 ? `${maxBytes / MiB} MiB` : `${maxBytes} bytes`;
  return new Error(`file is larger than the ${limit} limit for text read whole; a JSON List pretty-printed as kubectl writes it (\`kubectl get … -o json\`, each item an indented block) or with one item per line (\`{"items":[\` then each item as one line) is read item by item at any size`);
}

/** The largest file read into one buffer to be streamed item by item (Node's Buffer limit). */
export const MAX_STREAMED_BYTES = constants.MAX_LENGTH - 1;

/** True when the file's first non-blank byte opens a JSON object: a candidate for item-by-item reading. */
export function startsLikeJsonObject(opened: OpenedFile): boolean {
  const head = Buffer.alloc(Math.min(opened.size, 4096));
  const got = readSync(opened.fd, head, 0, head.length, 0);
  for (let i = 0; i < got; i++) {
    const b = head[i];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b;
  }
  return false;
}

const FS_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  ENOTDIR: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
};

/** A one-line message for a file system error while reading (or writing) a file. */
export function fsErrorMessage(e: unknown, action: 'read' | 'write' = 'read'): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && FS_ERRORS[code]) ?? (code ? `cannot ${action} (${code})` : (e as Error).message);
}

/** The text of a file named by a flag (`--envoy-dump`, `--helm-values`), or undefined after recording why it could not be read. */
export function readNamedFile(file: string, cwd: string, errors: InputError[]): string | undefined {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    errors.push({ file, line: null, message: fsErrorMessage(e) });
    return undefined;
  }
}
