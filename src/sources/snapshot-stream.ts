/**
 * Large snapshots read back line by line. `dsaudit snapshot` writes a pretty-printed header and then
 * one object per line (see renderSnapshot), so a snapshot of a 150,000-pod cluster (hundreds of MB)
 * is read in chunks and each object parsed on its own: no string of the whole file, no size limit
 * beyond the objects themselves. A file laid out any other way is left to the manifest loader.
 */
import { closeSync, fstatSync, readSync } from 'node:fs';
import { fsErrorMessage, openManifest, type ManifestFile, type OpenedFile } from './manifest-files.js';
import { isSnapshotDocument, notAnObject, readSnapshot, snapshotObject, type SnapshotMetadata } from './snapshot.js';
import type { Availability, ClusterOrigin, CollectionName, InputError, InputNotice, RawObject } from '../model/input.js';

/** Files from this size on are streamed when laid out as dsaudit writes them. */
export const SNAPSHOT_STREAM_MIN_BYTES = 1024 * 1024;
/** Bytes read to find the header; it ends where the items start. */
const HEAD_BYTES = 1024 * 1024;
/** Bytes read at a time while streaming items. */
const CHUNK_BYTES = 8 * 1024 * 1024;
const ITEMS_OPEN = '\n  "items": [\n';
const LF = 0x0a;

/** A snapshot whose items are read while they are consumed. */
export interface StreamedSnapshot {
  readonly file: string;
  readonly metadata: SnapshotMetadata;
  readonly availability: Partial<Record<CollectionName, Availability>>;
  /** Errors recorded by the live read, then header problems, then (once `objects` ends) item problems. */
  readonly errors: InputError[];
  /** Notices recorded by the live read. */
  readonly notices: readonly InputNotice[];
  /** The items in file order; iterate once. */
  objects(): Generator<RawObject>;
}

/** Options for tests: the size from which files are streamed, and the read chunk. */
export interface SnapshotStreamOptions {
  readonly minBytes?: number;
  readonly chunkBytes?: number;
}

/**
 * Opens `file` as a streamed snapshot, or returns undefined when it is small, not a snapshot, or not
 * in dsaudit's layout (the manifest loader then reads it). Throws on I/O errors.
 */
export function openSnapshotStream(file: ManifestFile, options: SnapshotStreamOptions = {}): StreamedSnapshot | undefined {
  const opened = openManifest(file);
  const s = snapshotStreamOf(opened, options);
  if (!s) closeSync(opened.fd);
  return s;
}

/**
 * openSnapshotStream for a file the caller opened: its head is read at explicit positions, so when
 * this returns undefined the file is untouched for the manifest reader. A returned stream owns the
 * descriptor and closes it when its items have been read. Throws on I/O errors.
 */
export function snapshotStreamOf(opened: OpenedFile, options: SnapshotStreamOptions = {}): StreamedSnapshot | undefined {
  const { file, fd, size } = opened;
  if (size < (options.minBytes ?? SNAPSHOT_STREAM_MIN_BYTES)) return undefined;
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  const got = readSync(fd, head, 0, head.length, 0);
  const text = head.toString('utf8', 0, got);
  const open = text.indexOf(ITEMS_OPEN);
  if (!text.startsWith('{') || open < 0) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(`${text.slice(0, open)}\n  "items": []\n}`);
  } catch {
    return undefined;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const header = body as Record<string, unknown>;
  const raw: RawObject = {
    apiVersion: String(header.apiVersion),
    kind: String(header.kind),
    body: header,
    origin: { kind: 'file', file: file.display, docIndex: 0, position: { line: 1, column: 1 } },
  };
  if (!isSnapshotDocument(raw)) return undefined;
  // dsaudit's layout has the first object whole on the next line (a pretty-printed copy does not).
  const firstEnd = text.indexOf('\n', open + ITEMS_OPEN.length);
  if (firstEnd >= 0 && !isObjectLine(text.slice(open + ITEMS_OPEN.length, firstEnd))) return undefined;
  const read = readSnapshot(raw);
  if (!read.snapshot) return undefined;
  const { metadata } = read.snapshot;
  const availability = read.snapshot.source.availability ?? {};
  const errors = [...read.snapshot.source.errors, ...read.errors];
  const itemsOffset = Buffer.byteLength(text.slice(0, open + ITEMS_OPEN.length), 'utf8');
  const firstLine = text.slice(0, open + ITEMS_OPEN.length).split('\n').length;
  const origin: ClusterOrigin = Object.freeze({ kind: 'cluster', cluster: metadata.cluster });
  return {
    file: file.display,
    metadata,
    availability,
    errors,
    notices: read.snapshot.source.notices,
    objects: () => readItems(opened, itemsOffset, firstLine, origin, errors, options.chunkBytes ?? CHUNK_BYTES),
  };
}

function isObjectLine(line: string): boolean {
  const item = line.trim().replace(/,$/, '');
  if (!item.startsWith('{')) return false;
  try {
    const v: unknown = JSON.parse(item);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** The item lines from `offset` to the `]` that closes them; problems go to `errors` with their line. Closes the file. */
function* readItems(
  opened: OpenedFile, offset: number, firstLine: number, origin: ClusterOrigin, errors: InputError[], chunkBytes: number,
): Generator<RawObject> {
  const { fd, size } = opened;
  const file = opened.file.display;
  try {
    let changed: boolean;
    try {
      changed = fstatSync(fd).size !== size;
    } catch (e) {
      errors.push({ file, line: null, message: fsErrorMessage(e) });
      return;
    }
    if (changed) {
      errors.push({ file, line: null, message: 'snapshot changed while it was being read' });
      return;
    }
    let line = firstLine;
    let index = 0;
    for (const text of lines(fd, size, offset, chunkBytes)) {
      const item = text.trim().replace(/,$/, '');
      if (item === ']') return;
      const at = line++;
      const i = index++;
      let body: unknown;
      try {
        body = JSON.parse(item);
      } catch {
        errors.push({ file, line: at, message: `snapshot items[${i}] is not valid JSON (a snapshot holds one object per line)` });
        continue;
      }
      const object = snapshotObject(body, origin);
      if (object) yield object;
      else errors.push({ file, line: at, message: notAnObject(i) });
    }
    errors.push({ file, line, message: 'snapshot ends before its items are closed (the file is truncated)' });
  } finally {
    closeSync(fd);
  }
}

/** The file's lines from `offset`, decoded as UTF-8, read in chunks. */
function* lines(fd: number, size: number, offset: number, chunkBytes: number): Generator<string> {
  let buffer = Buffer.alloc(chunkBytes);
  let filled = 0;
  let position = offset;
  while (position < size || filled > 0) {
    if (position < size) {
      if (filled === buffer.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.alloc(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const got = readSync(fd, buffer, filled, buffer.length - filled, position);
      position += got;
      filled += got;
      if (got === 0) position = size;
    }
    let start = 0;
    for (let nl = buffer.indexOf(LF, start); nl >= 0 && nl < filled; nl = buffer.indexOf(LF, start)) {
      yield buffer.toString('utf8', start, nl);
      start = nl + 1;
    }
    if (position >= size) {
      if (start < filled) yield buffer.toString('utf8', start, filled);
      return;
    }
    buffer.copy(buffer, 0, start, filled);
    filled -= start;
  }
}
