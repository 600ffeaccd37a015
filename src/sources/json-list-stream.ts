/**
 * Large pretty-printed JSON Lists (`kubectl get -o json` dumps) read item by item from the file's
 * bytes: item boundaries come from the indentation, each item is decoded and JSON.parse'd on its own
 * and handed over at once, and no string of the whole file is ever made. Positions of fields are
 * found later by reading just the item again.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { NotAscii, type ByteSource } from './byte-window.js';
import { JsonCursor, JsonSyntaxError, markPosition, type Mark } from './json-cursor.js';
import { collectListItem, listHead, type Collector, type Head, type Placement } from './manifest-objects.js';
import type { PathSegment, Position, RawObject } from '../model/input.js';

const SPACE = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a;
const COMMA = 0x2c, LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;

/**
 * Bytes decoded at a time while looking for line ends, from the start of the current item: small
 * enough to be an ordinary young V8 string (large ones are promoted or kept outside the heap as
 * external memory, and both make the GC work harder), large enough to hold several items.
 */
const WINDOW = 64 * 1024;

/** Bytes at the end of the file searched for the close of the items array. */
const TAIL = 64 * 1024;

/** A List whose items can be streamed: its head, and where its items array opens and closes. */
export interface ListStream {
  readonly head: Head;
  /** The `{` of the first item (absent for an empty list), with its line and line start. */
  readonly first?: Mark;
  /** Indentation of every item's `{` and `}` line. */
  readonly indent: number;
  /** Each item on one line of its own (`{…}` or `{…},`), as `JSON.stringify` of each item joined by line feeds writes it. */
  readonly oneLine: boolean;
  /** Offset of the `]` closing the items array. */
  readonly close: number;
}

/**
 * Checks that ASCII `bytes` hold a List whose items can be streamed: `{` is the first byte, the root
 * `items` array opens in the first window of the text, its first item starts a line (`{` alone, or
 * the whole item on that line), its last item closes with `}` on a line indented like that `{` (or at
 * the end of its own line, followed by `]` on the next), and the List without its items (head and
 * tail) parses. The items themselves are parsed while streaming. Undefined for any other shape (items sharing a line,
 * tabs, a second root `items` key, a truncated text, a byte read outside ASCII): the caller then
 * parses the text as a whole.
 */
export function prepareListStream(bytes: ByteSource): ListStream | undefined {
  try {
    return prepare(bytes);
  } catch (e) {
    if (e instanceof NotAscii) return undefined;
    throw e;
  }
}

function prepare(bytes: ByteSource): ListStream | undefined {
  if (bytes.at(0) !== LBRACE) return undefined;
  const length = bytes.length;
  const prefix = bytes.latin1(0, Math.min(length, WINDOW));
  let cursor: JsonCursor;
  let open: Mark;
  try {
    cursor = new JsonCursor(prefix);
    if (!cursor.seekKey('items') || cursor.peek() !== LBRACKET) return undefined;
    open = cursor.mark();
    cursor = new JsonCursor(prefix, { offset: open.offset + 1, line: open.line, lineStart: open.lineStart });
    cursor.peek();
  } catch (e) {
    if (e instanceof JsonSyntaxError) return undefined;
    throw e;
  }
  let first: Mark | undefined = cursor.mark();
  let indent = 0;
  let oneLine = false;
  let close: number;
  if (bytes.at(first.offset) === RBRACKET) {
    close = first.offset;
    first = undefined;
  } else {
    if (bytes.at(first.offset) !== LBRACE) return undefined;
    indent = first.offset - first.lineStart;
    if (!isSpaces(bytes, first.lineStart, indent)) return undefined;
    oneLine = !startsItem(bytes, first.offset, first.lineStart);
    const tailStart = Math.max(first.offset + 1, length - TAIL);
    const tail = bytes.latin1(tailStart, length);
    if (oneLine) {
      // The last item's line ends with `}`; the `]` closing the items array starts a later line.
      let last = -1;
      for (const m of tail.matchAll(/\}[ \t\r]*\n\s*\]/g)) last = m.index;
      if (last < 0) return undefined;
      close = tailStart + last + 1;
    } else {
      const last = tail.lastIndexOf(`\n${' '.repeat(indent)}}`);
      if (last < 0) return undefined;
      close = tailStart + last + indent + 2;
    }
    while (bytes.at(close) === SPACE || bytes.at(close) === TAB || bytes.at(close) === CR || bytes.at(close) === LF) close++;
    if (bytes.at(close) !== RBRACKET) return undefined;
  }
  const tail = bytes.latin1(close, length);
  // A second root `items` key would win over this one in JSON.parse: leave such texts to it.
  if (tail.includes('"items"')) return undefined;
  let root: unknown;
  try {
    root = JSON.parse(`${prefix.slice(0, open.offset + 1)}${tail}`);
  } catch {
    return undefined;
  }
  const head = listHead(root);
  return head ? { head, ...(first ? { first } : {}), indent, oneLine, close } : undefined;
}

/** `{` at `pos` is alone on its line after spaces only. */
function startsItem(bytes: ByteSource, pos: number, lineStart: number): boolean {
  for (let i = lineStart; i < pos; i++) if (bytes.at(i) !== SPACE) return false;
  let after = pos + 1;
  while (bytes.at(after) === SPACE || bytes.at(after) === CR) after++;
  return bytes.at(after) === LF;
}

/** Where the items of a streamed List sit: offsets of the first and one-past-last character of each, and its start line and column. */
interface Spans {
  readonly start: number[];
  readonly end: number[];
  readonly line: number[];
  readonly column: number[];
}

/** A streamed List file: the spans of its items, and the text of the item being read. */
class StreamedDocument {
  private current?: { readonly index: number; readonly text: string };

  constructor(
    private readonly spans: Spans,
    private readonly path: string,
    private readonly size: number,
    private readonly mtimeMs: number,
  ) {}

  /** The item's text: the one being read, else read again from the file (undefined when the file changed). */
  itemText(index: number): string | undefined {
    if (this.current?.index === index) return this.current.text;
    const start = this.spans.start[index];
    const length = this.spans.end[index] - start;
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
    return { offset: 0, line: this.spans.line[index], lineStart: 1 - this.spans.column[index] };
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

/** The file a stream was read from: its path, and the size and mtime that positions found later must match. */
export interface StreamedFile {
  readonly display: string;
  readonly path: string;
  readonly mtimeMs: number;
}

/**
 * Collects the items one at a time (document 0 of the file), in one pass over the bytes: line ends
 * are found with String#indexOf in windows decoded from each item's start, and each item is the
 * window's slice from its `{` to the `}` that closes its line. Items become garbage once the consumer
 * is done with them. Throws StreamAbort when an item after the first does not parse or the layout
 * breaks (the caller then reads everything again as a whole); when the first item does, nothing was
 * handed over yet and `onFirstFailure` reads the text as a whole (a byte outside ASCII counts as
 * a broken layout). `bytes` must stay readable until the iteration ends.
 */
export function* collectListStream(
  bytes: ByteSource,
  stream: ListStream,
  file: StreamedFile,
  out: Collector,
  onFirstFailure: () => Iterable<RawObject>,
): Generator<RawObject> {
  const { head, first, indent, oneLine, close } = stream;
  if (!first) return;
  const spans: Spans = { start: [], end: [], line: [], column: [] };
  const doc = new StreamedDocument(spans, file.path, bytes.length, file.mtimeMs);
  const length = bytes.length;
  let pos = first.offset;
  let line = first.line;
  let lineStart = first.lineStart;
  let window = '';
  let windowStart = 0;
  let windowEnd = 0;
  /** Decodes the window from `itemStart`, to at least twice the part of the item already searched. */
  const loadWindow = (itemStart: number, searched: number): void => {
    windowStart = itemStart;
    windowEnd = Math.min(length, itemStart + Math.max(WINDOW, 2 * (searched - itemStart)));
    window = bytes.latin1(windowStart, windowEnd);
  };
  /**
   * The end (one past its `}`) of the one-line item starting at `start`: the last `}` before the
   * line's end, a comma and spaces aside; -1 when there is none. The window then holds the line.
   */
  const findLineEnd = (start: number): number => {
    if (start < windowStart || start >= windowEnd) loadWindow(start, start);
    let from = start - windowStart;
    for (;;) {
      let at = window.indexOf('\n', from);
      if (at < 0) {
        if (windowEnd < length) {
          const searched = windowEnd;
          loadWindow(start, searched);
          from = searched - windowStart;
          continue;
        }
        at = window.length;
      }
      let end = at;
      const code = (k: number): number => window.charCodeAt(k);
      while (end > from && (code(end - 1) === SPACE || code(end - 1) === TAB || code(end - 1) === CR)) end--;
      if (end > from && code(end - 1) === COMMA) end--;
      while (end > from && (code(end - 1) === SPACE || code(end - 1) === TAB)) end--;
      return end > start - windowStart && code(end - 1) === RBRACE ? windowStart + end : -1;
    }
  };
  /**
   * Moves `line`/`lineStart` to the line that closes the item starting at `start` (`}` after `indent`
   * spaces); false when the text ends first. The window then holds the item up to that line feed.
   */
  const findClose = (start: number): boolean => {
    if (start < windowStart || start >= windowEnd) loadWindow(start, start);
    // Locals in the per-line loop: the closure's variables are slower to update 20 million times.
    let text = window;
    let base = windowStart;
    let from = start - base;
    let lines = 0;
    for (;;) {
      const at = text.indexOf('\n', from);
      if (at < 0) {
        if (windowEnd >= length) {
          line += lines;
          return false;
        }
        const searched = windowEnd;
        loadWindow(start, searched);
        text = window;
        base = windowStart;
        from = searched - base;
        continue;
      }
      lines++;
      from = at + 1;
      const c = from + indent < text.length ? text.charCodeAt(from + indent) : bytes.at(base + from + indent);
      if (c === RBRACE && isSpaces(bytes, base + from, indent)) {
        line += lines;
        lineStart = base + from;
        return true;
      }
    }
  };
  /** Skips whitespace from `pos`, counting lines; returns the byte there. */
  const skipSpace = (): number | undefined => {
    for (;;) {
      const c = bytes.at(pos);
      if (c === SPACE || c === TAB || c === CR) pos++;
      else if (c === LF) {
        pos++;
        line++;
        lineStart = pos;
      } else return c;
    }
  };
  /** A broken layout or item before anything was handed over falls back to the whole text; after that it aborts. */
  let handedOver = false;
  const broken = (): Error => new StreamAbort(file.display);
  try {
    for (let i = 0; ; i++) {
      const start = pos;
      if (i > 0 && !(oneLine ? pos - lineStart === indent : startsItem(bytes, start, lineStart))) throw broken();
      const startLine = line;
      let end: number;
      if (oneLine) end = findLineEnd(start);
      else end = findClose(start) ? lineStart + indent + 1 : -1;
      if (end < 0 || end > close) throw broken();
      const text = end <= windowEnd ? window.slice(start - windowStart, end - windowStart) : bytes.latin1(start, end);
      let item: unknown;
      try {
        item = JSON.parse(text);
      } catch {
        throw broken();
      }
      spans.start.push(start);
      spans.end.push(end);
      spans.line.push(startLine);
      spans.column.push(indent + 1);
      // Kept while the consumer normalizes the object, so wrong-typed fields are located without reading the file.
      doc.setCurrent(i, text);
      const raw = collectListItem(item, i, head, 0, new StreamedPlacement(doc, i), file.display, out);
      handedOver = true;
      if (raw) yield raw;
      pos = end;
      const c = skipSpace();
      if (c === RBRACKET && pos === close) return;
      if (c !== COMMA || pos >= close) throw broken();
      pos++;
      if (skipSpace() !== LBRACE || pos - lineStart !== indent) throw broken();
    }
  } catch (e) {
    const failure = e instanceof NotAscii ? broken() : e;
    if (!(failure instanceof StreamAbort) || handedOver) throw failure;
    yield* onFirstFailure();
  } finally {
    doc.clearCurrent();
  }
}

function isSpaces(bytes: ByteSource, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (bytes.at(i) !== SPACE) return false;
  return true;
}
