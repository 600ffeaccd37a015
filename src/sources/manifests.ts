/** Reads Kubernetes manifests from files, directories and stdin into RawObjects that keep their file positions. */
import { collectJson, jsonSyntaxError } from './json-manifest.js';
import { collectListStream, prepareListStream } from './json-list-stream.js';
import {
  checkText, decodeBytes, expandInputs, fsErrorMessage, readManifestBytes, readManifestFile, type ManifestBytes, type ManifestFile, type ReadBuffer,
} from './manifest-files.js';
import { newCollector, type Collector } from './manifest-objects.js';
import type { InputError, InputNotice, RawObject, SourceResult } from './types.js';
import { collectYaml } from './yaml-manifest.js';

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
 * then stdin. Unreadable inputs become InputErrors; the other inputs are still loaded.
 */
export async function loadManifests(inputs: readonly string[], options: ManifestOptions): Promise<SourceResult> {
  const out = newCollector();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const limits = { maxAliasCount: options.maxAliasCount };
  const files = await expandInputs(inputs.filter((i) => i !== STDIN), options.cwd, out.errors, out.notices);
  for (const file of files) {
    await loadOne(file.display, () => readManifestFile(file.path, maxBytes), limits, out);
  }
  if (inputs.includes(STDIN)) {
    await loadOne(STDIN_FILE, () => readStdinText(options.readStdin, maxBytes), limits, out);
  }
  return out;
}

async function loadOne(file: string, read: () => Promise<string>, limits: ParseLimits, out: Collector): Promise<void> {
  let text: string;
  try {
    text = await read();
  } catch (e) {
    out.errors.push({ file, line: null, message: fsErrorMessage(e) });
    return;
  }
  collectText(text, file, limits, out);
}

async function readStdinText(readStdin: (() => Promise<string>) | undefined, maxBytes: number): Promise<string> {
  if (!readStdin) throw new Error('reading stdin is not available');
  const text = await readStdin();
  checkText(text, maxBytes);
  return text;
}

/** Objects read file by file while they are consumed, and the problems found so far. */
export interface ManifestStream {
  /**
   * The objects of each file in turn; iterate once, each file's objects before asking for the next
   * file (which is read meanwhile). Throws StreamAbort when a file proves invalid after some of its
   * objects were handed over.
   */
  readonly files: AsyncIterable<Iterable<RawObject>>;
  /** Complete once `files` is exhausted, in the order loadManifests reports them. */
  readonly errors: InputError[];
  readonly notices: InputNotice[];
}

export interface StreamOptions extends ManifestOptions {
  /** JSON files from this size on are streamed item by item when they are pretty-printed ASCII Lists. Default 1 MiB. */
  streamMinBytes?: number;
}

const STREAM_MIN_BYTES = 1024 * 1024;

/**
 * loadManifests for large inputs (files only, no stdin): the same objects, errors and notices in the
 * same order, but a file is read while the previous one is consumed, and large kubectl-style JSON
 * Lists are parsed one item at a time without a string of the whole file, so that a consumer that
 * does not keep the objects (the normalizer) needs little more memory than two files' bytes.
 */
export async function streamManifests(inputs: readonly string[], options: StreamOptions): Promise<ManifestStream> {
  if (inputs.includes(STDIN)) throw new Error('streamManifests reads files only');
  const errors: InputError[] = [];
  const notices: InputNotice[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const streamMin = options.streamMinBytes ?? STREAM_MIN_BYTES;
  const limits = { maxAliasCount: options.maxAliasCount };
  const list = await expandInputs(inputs, options.cwd, errors, notices);
  // Two buffers: file i+1 is read into one while file i, in the other, is consumed.
  const buffers: ReadBuffer[] = [{ buffer: Buffer.alloc(0) }, { buffer: Buffer.alloc(0) }];
  const readAhead = (i: number): Promise<ManifestBytes | Error> =>
    readManifestBytes(list[i].path, maxBytes, buffers[i % 2]).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
  function* objectsOf(file: ManifestFile, read: ManifestBytes): Generator<RawObject> {
    const whole = (): RawObject[] => {
      const out: Collector = { objects: [], errors, notices };
      collectText(decodeBytes(read.bytes, read.ascii), file.display, limits, out);
      return out.objects;
    };
    const { bytes } = read;
    const stream = read.ascii && bytes.length >= streamMin && bytes[0] === 0x7b ? prepareListStream(bytes) : undefined;
    if (stream) yield* collectListStream(bytes, stream, { display: file.display, path: file.path, mtimeMs: read.mtimeMs }, { objects: [], errors, notices }, whole);
    else yield* whole();
  }
  async function* files(): AsyncGenerator<Iterable<RawObject>> {
    let next = list.length > 0 ? readAhead(0) : undefined;
    for (let i = 0; i < list.length; i++) {
      const read = await next;
      next = i + 1 < list.length ? readAhead(i + 1) : undefined;
      if (read instanceof Error || read === undefined) errors.push({ file: list[i].display, line: null, message: fsErrorMessage(read) });
      else yield objectsOf(list[i], read);
    }
    buffers[0].buffer = buffers[1].buffer = Buffer.alloc(0);
  }
  return { files: files(), errors, notices };
}

/** Parses one manifest text (pure). `file` is used as-is in origins, errors and notices. */
export function parseManifestText(text: string, file: string, limits: ParseLimits = {}): SourceResult {
  const out = newCollector();
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
