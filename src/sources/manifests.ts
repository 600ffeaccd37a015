/** Reads Kubernetes manifests from files, directories and stdin into RawObjects that keep their file positions. */
import { collectJson, jsonSyntaxError } from './json-manifest.js';
import { collectListStream, prepareListStream } from './json-list-stream.js';
import { BufferSource, FileWindow } from './byte-window.js';
import { closeSync } from 'node:fs';
import {
  checkText, decodeBytes, expandInputs, fsErrorMessage, MAX_STREAMED_BYTES, openManifest, readOpenedBytes, readOpenedBytesSync, startsLikeJsonObject, tooLarge,
  type ManifestBytes, type ManifestFile, type OpenedFile, type ReadBuffer,
} from './manifest-files.js';
import { SNAPSHOT_STREAM_MIN_BYTES, snapshotStreamOf, type StreamedSnapshot } from './snapshot-stream.js';
import { newCollector, type Collector } from './manifest-objects.js';
import type { InputError, InputNotice, RawObject, SourceResult } from '../model/input.js';
import { collectYaml, streamYaml } from './yaml-manifest.js';

export interface ManifestOptions {
  cwd: string;
  readStdin?: () => Promise<string>;
  /** Files larger than this are reported and not read. Default 256 MiB. */
  maxFileBytes?: number;
  /** Bound on YAML alias expansion (billion laughs). Default 100. */
  maxAliasCount?: number;
}

export interface ParseLimits {
  maxAliasCount?: number;
}

const STDIN = '-';
const STDIN_FILE = '<stdin>';
const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_COUNT = 100;
/** Text that starts like JSON but is not valid JSON is retried as YAML (flow style) only up to this size. */
const YAML_FALLBACK_MAX_CHARS = 4 * 1024 * 1024;

/**
 * Loads every input in a deterministic order: files sorted by display path (directories expanded),
 * then stdin. Unreadable inputs become InputErrors; the other inputs are still loaded. Snapshot
 * documents are loaded as documents (see snapshot.ts#splitSnapshots).
 */
export async function loadManifests(inputs: readonly string[], options: ManifestOptions): Promise<SourceResult> {
  const stream = await streamInputs(inputs, { ...options, streamMinBytes: Infinity, snapshotMinBytes: Infinity });
  const objects: RawObject[] = [];
  for await (const input of stream.inputs) if (input.kind === 'objects') objects.push(...input.objects);
  return { objects, errors: stream.errors, notices: stream.notices };
}

async function readStdinText(readStdin: (() => Promise<string>) | undefined, maxBytes: number): Promise<string> {
  if (!readStdin) throw new Error('reading stdin is not available');
  const text = await readStdin();
  checkText(text, maxBytes);
  return text;
}

/** One input as it is read: a file's (or stdin's) objects, or a large snapshot streamed item by item. */
export type StreamedInput =
  | { readonly kind: 'objects'; readonly file: string; readonly objects: Iterable<RawObject> }
  | { readonly kind: 'snapshot'; readonly snapshot: StreamedSnapshot };

/** Inputs read one after another while they are consumed, and the problems found so far. */
export interface InputStream {
  /**
   * Each input in turn; iterate once, each input's objects before asking for the next (which is read
   * meanwhile). Throws StreamAbort when a file proves invalid after some of its objects were handed
   * over: read again with `streamMinBytes: Infinity`.
   */
  readonly inputs: AsyncIterable<StreamedInput>;
  /** Complete once `inputs` is exhausted: unreadable inputs, then each file's parse errors in order. */
  readonly errors: InputError[];
  readonly notices: InputNotice[];
}

export interface StreamOptions extends ManifestOptions {
  /**
   * JSON files from this size on are streamed item by item when they are pretty-printed ASCII Lists,
   * as are such files over `maxFileBytes`. Default 1 MiB; Infinity never streams.
   */
  streamMinBytes?: number;
  /** Files from this size on are streamed when they are snapshots in dsaudit's layout. Default 1 MiB. */
  snapshotMinBytes?: number;
  /** Bytes of a streamed file held at a time: the window it is read through. Default 1 MiB. */
  streamWindowBytes?: number;
}

const STREAM_MIN_BYTES = 1024 * 1024;
const STREAM_WINDOW_BYTES = 1024 * 1024;

/**
 * Reads every input once, in loadManifests' order: each file is opened once, its head sniffed for a
 * large snapshot (then streamed line by line); a large regular file that starts like a JSON object is
 * read through a window of `streamWindowBytes` and, when it is a kubectl-style JSON List, parsed one
 * item at a time (else read whole when its turn comes); other files' bytes are read while the
 * previous file is consumed. A consumer that does not keep the objects (the normalizer) then needs
 * little more memory than the window and the small files' bytes. Stdin comes last.
 */
export async function streamInputs(inputs: readonly string[], options: StreamOptions): Promise<InputStream> {
  const errors: InputError[] = [];
  const notices: InputNotice[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const streamMin = options.streamMinBytes ?? STREAM_MIN_BYTES;
  const snapshotMin = options.snapshotMinBytes ?? SNAPSHOT_STREAM_MIN_BYTES;
  const windowBytes = options.streamWindowBytes ?? STREAM_WINDOW_BYTES;
  const limits = { maxAliasCount: options.maxAliasCount };
  const list = await expandInputs(inputs.filter((i) => i !== STDIN), options.cwd, errors, notices);
  // Two buffers: file i+1 is read into one while file i, in the other, is consumed.
  const buffers: ReadBuffer[] = [{ buffer: Buffer.alloc(0) }, { buffer: Buffer.alloc(0) }];
  type Read = { readonly snapshot: StreamedSnapshot } | { readonly bytes: Promise<ManifestBytes> } | { readonly windowed: OpenedFile };
  const readAhead = (i: number): Read | Error => {
    try {
      const opened = openManifest(list[i]);
      try {
        const snapshot = snapshotStreamOf(opened, { minBytes: snapshotMin });
        if (snapshot) return { snapshot };
      } catch (e) {
        closeSync(opened.fd);
        throw e;
      }
      // A regular file's size is known: a large one that may be a JSON List is read when its turn comes, through a window.
      const candidate = opened.size > 0 && streamMin !== Infinity && (opened.size >= streamMin || opened.size > maxBytes);
      if (candidate && startsLikeJsonObject(opened)) return { windowed: opened };
      // Over the limit of text read whole, only a JSON List read item by item can still be audited.
      const cap = opened.size > maxBytes && startsLikeJsonObject(opened) ? Math.max(maxBytes, MAX_STREAMED_BYTES) : maxBytes;
      const bytes = readOpenedBytes(opened, cap, buffers[i % 2]);
      bytes.catch(() => undefined); // awaited in turn; never an unhandled rejection meanwhile
      return { bytes };
    } catch (e) {
      return e instanceof Error ? e : new Error(String(e));
    }
  };
  /** A file's objects from its bytes; `tryList` false when the bytes are known not to stream as a JSON List. */
  function* objectsOf(file: ManifestFile, read: ManifestBytes, tryList = true): Generator<RawObject> {
    const { bytes } = read;
    const whole = (text?: string): RawObject[] => {
      if (bytes.length > maxBytes) {
        errors.push({ file: file.display, line: null, message: tooLarge(maxBytes).message });
        return [];
      }
      const out: Collector = { objects: [], errors, notices };
      collectText(text ?? decodeBytes(read.bytes, read.ascii), file.display, limits, out);
      return out.objects;
    };
    // streamMinBytes: Infinity (a second reading after a StreamAbort) never streams, whatever the size.
    const large = bytes.length >= streamMin || (bytes.length > maxBytes && streamMin !== Infinity);
    const source = new BufferSource(bytes);
    const stream = tryList && read.ascii && large ? prepareListStream(source) : undefined;
    if (stream) yield* collectListStream(source, stream, { display: file.display, path: file.path, mtimeMs: read.mtimeMs }, { objects: [], errors, notices }, whole);
    else if (large && bytes.length <= maxBytes) {
      const text = decodeBytes(read.bytes, read.ascii);
      yield* streamYaml(text, file.display, limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT, { objects: [], errors, notices }, () => whole(text));
    } else yield* whole();
  }
  /** A large file that starts like a JSON object: streamed through a window when it is a List, else read whole. */
  function* windowedObjectsOf(file: ManifestFile, opened: OpenedFile, buffer: ReadBuffer): Generator<RawObject> {
    try {
      const readWhole = (): ManifestBytes | undefined => {
        try {
          return readOpenedBytesSync(opened, maxBytes, buffer);
        } catch (e) {
          errors.push({ file: file.display, line: null, message: fsErrorMessage(e) });
          return undefined;
        }
      };
      const source = new FileWindow(opened.fd, opened.size, windowBytes);
      const stream = prepareListStream(source);
      if (stream) {
        const whole = (): Iterable<RawObject> => {
          const read = readWhole();
          return read ? objectsOf(file, read, false) : [];
        };
        yield* collectListStream(source, stream, { display: file.display, path: file.path, mtimeMs: opened.mtimeMs }, { objects: [], errors, notices }, whole);
      } else {
        const read = readWhole();
        if (read) yield* objectsOf(file, read, false);
      }
    } finally {
      closeSync(opened.fd);
    }
  }
  async function* each(): AsyncGenerator<StreamedInput> {
    let next = list.length > 0 ? readAhead(0) : undefined;
    for (let i = 0; i < list.length; i++) {
      const current = next;
      let read: ManifestBytes | StreamedSnapshot | OpenedFile | Error | undefined;
      if (current === undefined || current instanceof Error) read = current;
      else if ('snapshot' in current) read = current.snapshot;
      else if ('windowed' in current) read = current.windowed;
      else read = await current.bytes.catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
      next = i + 1 < list.length ? readAhead(i + 1) : undefined;
      if (read instanceof Error || read === undefined) errors.push({ file: list[i].display, line: null, message: fsErrorMessage(read) });
      else if ('metadata' in read) yield { kind: 'snapshot', snapshot: read };
      else if ('fd' in read) yield { kind: 'objects', file: list[i].display, objects: windowedObjectsOf(list[i], read, buffers[i % 2]) };
      else yield { kind: 'objects', file: list[i].display, objects: objectsOf(list[i], read) };
    }
    buffers[0].buffer = buffers[1].buffer = Buffer.alloc(0);
    if (inputs.includes(STDIN)) {
      let text: string | undefined;
      try {
        text = await readStdinText(options.readStdin, maxBytes);
      } catch (e) {
        errors.push({ file: STDIN_FILE, line: null, message: fsErrorMessage(e) });
      }
      if (text !== undefined) {
        const out: Collector = { objects: [], errors, notices };
        collectText(text, STDIN_FILE, limits, out);
        yield { kind: 'objects', file: STDIN_FILE, objects: out.objects };
      }
    }
  }
  return { inputs: each(), errors, notices };
}

/** Parses one manifest text (pure). `file` is used as-is in origins, errors and notices. */
export function parseManifestText(text: string, file: string, limits: ParseLimits = {}, as?: Collector['as']): SourceResult {
  const out = newCollector(as);
  collectText(text, file, limits, out);
  return out;
}

function collectText(raw: string, file: string, limits: ParseLimits, out: Collector): void {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const first = text.search(/\S/);
  if (first < 0) {
    out.notices.push({ file, line: null, message: 'file is empty' });
    return;
  }
  const maxAliasCount = limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const looksLikeJson = text[first] === '{' || text[first] === '[';
  if (looksLikeJson && collectJson(text, file, out)) return;
  // Flow-style YAML also starts with `{` or `[`; a .json file or a huge text is reported as JSON.
  if (looksLikeJson && (/\.json$/i.test(file) || text.length > YAML_FALLBACK_MAX_CHARS)) out.errors.push(jsonSyntaxError(text, file));
  else collectYaml(text, file, maxAliasCount, out);
}
