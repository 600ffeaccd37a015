/** A small JSON scanner over raw text: walks to keys and items and tracks 1-based lines, without building values. */
import type { Position } from '../model/input.js';

/** An offset in the text, with its 1-based line and the offset where that line starts. */
export interface Mark {
  readonly offset: number;
  readonly line: number;
  readonly lineStart: number;
}

const TEXT_START: Mark = { offset: 0, line: 1, lineStart: 0 };

export function markPosition(mark: Mark): Position {
  return { line: mark.line, column: mark.offset - mark.lineStart + 1 };
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly mark: Mark,
  ) {
    super(message);
  }
}

const SPACE = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a;
const QUOTE = 0x22, BACKSLASH = 0x5c, COMMA = 0x2c, COLON = 0x3a;
const LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set('"\\/bfnrtu');
const LITERALS = ['true', 'false', 'null'];

export class JsonCursor {
  private pos: number;
  private line: number;
  private lineStart: number;

  constructor(
    private readonly text: string,
    from: Mark = TEXT_START,
  ) {
    this.pos = from.offset;
    this.line = from.line;
    this.lineStart = from.lineStart;
  }

  mark(): Mark {
    return { offset: this.pos, line: this.line, lineStart: this.lineStart };
  }

  /** Skips whitespace and returns the next character code (NaN at the end of the text). */
  peek(): number {
    const t = this.text;
    let i = this.pos;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === SPACE || c === TAB || c === CR) i++;
      else if (c === LF) {
        i++;
        this.line++;
        this.lineStart = i;
      } else break;
    }
    this.pos = i;
    return t.charCodeAt(i);
  }

  atEnd(): boolean {
    return Number.isNaN(this.peek());
  }

  /** At an object: moves to the value of `key` and returns the key's mark; undefined when absent or not an object. */
  seekKey(key: string): Mark | undefined {
    if (!this.open(LBRACE, RBRACE)) return undefined;
    for (;;) {
      this.peek();
      const at = this.mark();
      const name = this.readKey();
      if (name === key) {
        this.peek();
        return at;
      }
      this.skipValue();
      if (!this.next(RBRACE)) return undefined;
    }
  }

  /** At an array: moves to item `index` and returns its mark; undefined when absent or not an array. */
  seekIndex(index: number): Mark | undefined {
    if (!this.open(LBRACKET, RBRACKET)) return undefined;
    for (let i = 0; ; i++) {
      this.peek();
      if (i === index) return this.mark();
      this.skipValue();
      if (!this.next(RBRACKET)) return undefined;
    }
  }

  /** At an array: the marks of all its items (empty when the value is not an array). */
  itemMarks(): Mark[] {
    const marks: Mark[] = [];
    if (!this.open(LBRACKET, RBRACKET)) return marks;
    do {
      this.peek();
      marks.push(this.mark());
      this.skipValue();
    } while (this.next(RBRACKET));
    return marks;
  }

  /** Skips one value; iterative so deeply nested input cannot overflow the stack. */
  skipValue(): void {
    const closers: number[] = [];
    for (;;) {
      const c = this.peek();
      if (c === LBRACE || c === LBRACKET) {
        const close = c === LBRACE ? RBRACE : RBRACKET;
        if (this.open(c, close)) {
          closers.push(close);
          if (close === RBRACE) this.readKey();
          continue;
        }
      } else this.skipScalar(c);
      for (;;) {
        const close = closers.at(-1);
        if (close === undefined) return;
        if (this.next(close)) {
          if (close === RBRACE) this.readKey();
          break;
        }
        closers.pop();
      }
    }
  }

  /** Consumes `openChar`; returns false for an empty container (also consumed) or when the value is something else. */
  private open(openChar: number, close: number): boolean {
    if (this.peek() !== openChar) return false;
    this.pos++;
    if (this.peek() !== close) return true;
    this.pos++;
    return false;
  }

  /** After a member: consumes `,` (true: another member follows) or the closing character (false). */
  private next(close: number): boolean {
    const c = this.peek();
    if (c !== COMMA && c !== close) this.fail(`',' or '${String.fromCharCode(close)}'`);
    this.pos++;
    return c === COMMA;
  }

  /** Reads an object key and the colon after it. */
  private readKey(): string {
    if (this.peek() !== QUOTE) this.fail('a string key');
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start, this.pos);
    if (this.peek() !== COLON) this.fail("':'");
    this.pos++;
    return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  }

  private skipScalar(c: number): void {
    if (c === QUOTE) return this.skipString();
    const literal = LITERALS.find((l) => this.text.startsWith(l, this.pos));
    if (literal) {
      this.pos += literal.length;
      return;
    }
    NUMBER.lastIndex = this.pos;
    if (!NUMBER.test(this.text)) this.fail('a value');
    this.pos = NUMBER.lastIndex;
  }

  private skipString(): void {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const c = t.charCodeAt(i);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (!ESCAPES.has(t.charAt(i + 1))) this.failAt(i, 'an escape sequence');
        i += 2;
      } else if (c >= SPACE) i++;
      else this.failAt(i, "'\"'");
    }
    this.pos = i + 1;
  }

  private failAt(offset: number, expected: string): never {
    this.pos = offset;
    this.fail(expected);
  }

  private fail(expected: string): never {
    const c = this.text.charCodeAt(this.pos);
    if (Number.isNaN(c)) throw new JsonSyntaxError(`expected ${expected}, found the end of the input`, this.lastTokenEnd());
    throw new JsonSyntaxError(`expected ${expected}, found ${JSON.stringify(String.fromCharCode(c))}`, this.mark());
  }

  /** Where the text stops before trailing whitespace, so a truncated file points at its last written line. */
  private lastTokenEnd(): Mark {
    const offset = this.text.trimEnd().length;
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const trailingLines = this.text.slice(offset).split('\n').length - 1;
    return { offset, line: this.line - trailingLines, lineStart };
  }
}
