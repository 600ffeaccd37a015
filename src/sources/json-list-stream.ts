/**
 * Large pretty-printed JSON Lists (`kubectl get -o json` dumps) read item by item from the file's
 * bytes: item boundaries come from the indentation, each item is decoded and JSON.parse'd on its own
 * and handed over at once, and no string of the whole file is ever made. Positions of fields are
 * found later by reading just the item again.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { JsonCursor, JsonSyntaxError, markPosition, type Mark } from './json-cursor.js';
import { collectListItem, listHead, type Collector, type Head, type Placement } from './manifest-objects.js';
import type { PathSegment, Position, RawObject } from './types.js';

const SPACE = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a;
const COMMA = 0x2c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;

/**
 * Bytes decoded at a time while looking for line ends: below Node's 1 MiB threshold for strings kept
 * outside the V8 heap, so these strings die young instead of counting as external memory.
 */
const WINDOW = 768 * 1024;

/** Where each item of a List sits: byte offsets of its first and one-past-last character, and its start line and column. */
export interface ListSplit {
  /** The List without its items (`items: []`), JSON.parse'd: apiVersion, kind, metadata. */
  readonly root: unknown;
  readonly count: number;
  readonly start: Float64Array;
  readonly end: Float64Array;
  readonly line: Int32Array;
  readonly column: Int32Array;
}

/**
 * Finds the items of the root `items` array of an ASCII JSON text when every item starts on its own
 * line and closes with `}` on a line indented exactly like its `{` — as kubectl, jq and
 * JSON.stringify print them. Items are not parsed here; a text in any other shape (one-line items,
 * tabs, `items` beyond the first window, a second root `items` key, a syntax error outside the items)
 * gives undefined. Line ends are found with String#indexOf on windows of the bytes.
 */
export function splitList(bytes: Buffer): ListSplit | undefined {
  const length = bytes.length;
  const prefix = bytes.toString('latin1', 0, Math.min(length, WINDOW));
  let open: Mark;
  try {
    const cursor = new JsonCursor(prefix);
    if (!cursor.seekKey('items') || cursor.peek() !== LBRACKET) return undefined;
    open = cursor.mark();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const lines: number[] = [];
  const columns: number[] = [];
  let pos = open.offset + 1;
  let line = open.line;
  let lineStart = open.lineStart;
  let window = '';
  let windowStart = 0;
  let windowEnd = 0;
  /** Skips whitespace from `pos`, counting lines; returns the byte there (NaN at the end). */
  const skipSpace = (): number => {
    for (;;) {
      const c = pos < length ? bytes[pos] : NaN;
      if (c === SPACE || c === TAB || c === CR) pos++;
      else if (c === LF) {
        pos++;
        line++;
        lineStart = pos;
      } else return c;
    }
  };
  /** Offset of the next line feed at or after `from`, or -1. */
  const nextLineFeed = (from: number): number => {
    for (;;) {
      if (from < windowStart || from >= windowEnd) {
        if (from >= length) return -1;
        windowStart = from;
        windowEnd = Math.min(length, from + WINDOW);
        window = bytes.toString('latin1', windowStart, windowEnd);
      }
      const at = window.indexOf('\n', from - windowStart);
      if (at >= 0) return windowStart + at;
      from = windowEnd;
    }
  };
  const isIndent = (from: number, n: number): boolean => {
    for (let i = from; i < from + n; i++) if (bytes[i] !== SPACE) return false;
    return true;
  };

  let c = skipSpace();
  if (c !== RBRACKET) {
    if (c !== LBRACE) return undefined;
    const indent = pos - lineStart;
    for (;;) {
      // `{` ends its line, indented by `indent` spaces; the item closes with `}` at the same indentation.
      if (!isIndent(lineStart, indent)) return undefined;
      let after = pos + 1;
      while (bytes[after] === SPACE || bytes[after] === CR) after++;
      if (bytes[after] !== LF) return undefined;
      starts.push(pos);
      lines.push(line);
      columns.push(indent + 1);
      let nl = nextLineFeed(pos);
      for (;;) {
        if (nl < 0) return undefined;
        line++;
        lineStart = nl + 1;
        if (bytes[lineStart + indent] === RBRACE && isIndent(lineStart, indent)) break;
        nl = nextLineFeed(lineStart);
      }
      pos = lineStart + indent + 1;
      ends.push(pos);
      c = skipSpace();
      if (c === RBRACKET) break;
      if (c !== COMMA) return undefined;
      pos++;
      if (skipSpace() !== LBRACE || pos - lineStart !== indent) return undefined;
    }
  }
  const tail = bytes.toString('latin1', pos);
  // A second root `items` key would win over this one in JSON.parse: leave such texts to it.
  if (tail.includes('"items"')) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(`${prefix.slice(0, open.offset + 1)}${tail}`);
  } catch {
    return undefined;
  }
  return {
    root,
    count: starts.length,
    start: Float64Array.from(starts),
    end: Float64Array.from(ends),
    line: Int32Array.from(lines),
    column: Int32Array.from(columns),
  };
}

/** A streamed List file: the spans of its items, and the text of the item being read. */
class StreamedDocument {
  private current?: { readonly index: number; readonly text: string };

  constructor(
    readonly split: ListSplit,
    private readonly path: string,
    private readonly size: number,
    private readonly mtimeMs: number,
  ) {}

  /** The item's text: the one being read, else read again from the file (undefined when the file changed). */
  itemText(index: number): string | undefined {
    if (this.current?.index === index) return this.current.text;
    const start = this.split.start[index];
    const length = this.split.end[index] - start;
    let fd: number | undefined;
    try {
      fd = openSync(this.path, 'r');
      const stat = fstatSync(fd);
      if (stat.size !== this.size || stat.mtimeMs !== this.mtimeMs) return undefined;
      const buffer = Buffer.allocUnsafe(length);
      if (readSync(fd, buffer, 0, length, start) !== length) return undefined;
      const text = buffer.toString('latin1');
      this.current = { index, text };
      return text;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  setCurrent(index: number, text: string): void {
    this.current = { index, text };
  }

  clearCurrent(): void {
    this.current = undefined;
  }

  /** The item's start, in the coordinates of its own text (offset 0). */
  mark(index: number): Mark {
    return { offset: 0, line: this.split.line[index], lineStart: 1 - this.split.column[index] };
  }
}

class StreamedPlacement implements Placement {
  constructor(
    private readonly doc: StreamedDocument,
    private readonly index: number,
  ) {}

  position(): Position {
    return markPosition(this.doc.mark(this.index));
  }

  find(path: readonly PathSegment[]): Position | undefined {
    const text = this.doc.itemText(this.index);
    if (text === undefined) return undefined;
    const start = this.doc.mark(this.index);
    const cursor = new JsonCursor(text, start);
    let at: Mark | undefined = start;
    for (const seg of path) {
      at = typeof seg === 'number' ? cursor.seekIndex(seg) : cursor.seekKey(seg);
      if (!at) return undefined;
    }
    return markPosition(at);
  }
}

/** Thrown while iterating when a streamed file proves invalid after some of its objects were handed over. */
export class StreamAbort extends Error {
  constructor(readonly file: string) {
    super(`${file}: JSON error after objects were read; read it again as a whole`);
  }
}

/** A List's bytes split into items, ready to be collected item by item. */
export interface ListStream {
  readonly head: Head;
  readonly split: ListSplit;
}

/** The split of ASCII `bytes` when they hold a List that can be streamed; undefined to use the whole-text path. */
export function prepareListStream(bytes: Buffer): ListStream | undefined {
  const split = splitList(bytes);
  if (!split) return undefined;
  const head = listHead(split.root);
  return head ? { head, split } : undefined;
}

/** The file a stream was read from: its path, and the size and mtime that positions found later must match. */
export interface StreamedFile {
  readonly display: string;
  readonly path: string;
  readonly mtimeMs: number;
}

/**
 * Collects the items one at a time (document 0 of the file). Items become garbage once the consumer
 * is done with them. Throws StreamAbort when an item after the first one does not parse (the caller
 * then reads everything again as a whole); `onFirstFailure` handles a first item that does not parse,
 * before anything was handed over. `bytes` must stay valid until the iteration ends.
 */
export function* collectListStream(
  bytes: Buffer,
  stream: ListStream,
  file: StreamedFile,
  out: Collector,
  onFirstFailure: () => Iterable<RawObject>,
): Generator<RawObject> {
  const { split, head } = stream;
  const doc = new StreamedDocument(split, file.path, bytes.length, file.mtimeMs);
  try {
    for (let i = 0; i < split.count; i++) {
      const text = bytes.toString('latin1', split.start[i], split.end[i]);
      let item: unknown;
      try {
        item = JSON.parse(text);
      } catch {
        if (i === 0) {
          yield* onFirstFailure();
          return;
        }
        throw new StreamAbort(file.display);
      }
      // Kept while the consumer normalizes the object, so wrong-typed fields are located without reading the file.
      doc.setCurrent(i, text);
      const raw = collectListItem(item, i, head, 0, new StreamedPlacement(doc, i), file.display, out);
      if (raw) yield raw;
    }
  } finally {
    doc.clearCurrent();
  }
}
