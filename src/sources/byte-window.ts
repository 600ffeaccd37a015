/**
 * Random access to the bytes of an ASCII text, either held in memory or read from an open file
 * through one bounded window that slides forward with the reader: a file streamed item by item then
 * never has more than the window (or the largest item) of its bytes in memory.
 */
import { isAscii } from 'node:buffer';
import { readSync } from 'node:fs';

export interface ByteSource {
  readonly length: number;
  /** The byte at `i`; undefined past the end. */
  at(i: number): number | undefined;
  /** The text of bytes [start, end), decoded as latin1 (which equals ASCII). */
  latin1(start: number, end: number): string;
}

/** Thrown by a FileWindow that reads a byte outside ASCII: the text cannot be read by byte offsets. */
export class NotAscii extends Error {
  constructor() {
    super('not ASCII');
  }
}

/** Bytes already in memory. */
export class BufferSource implements ByteSource {
  constructor(private readonly bytes: Buffer) {}

  get length(): number {
    return this.bytes.length;
  }

  at(i: number): number | undefined {
    return this.bytes[i];
  }

  latin1(start: number, end: number): string {
    return this.bytes.toString('latin1', start, end);
  }
}

/** Bytes kept before a refill's start: a reader looking just behind its position (a line's start) does not read again. */
const BEHIND = 4096;

/**
 * A file of `length` bytes read through a window of `chunk` bytes (larger only to hold one requested
 * range whole). Each read is checked to be ASCII (throws NotAscii). The descriptor stays the caller's.
 */
export class FileWindow implements ByteSource {
  private buffer: Buffer;
  private start = 0;
  private filled = 0;

  constructor(
    private readonly fd: number,
    readonly length: number,
    private readonly chunk: number,
  ) {
    this.buffer = Buffer.allocUnsafe(Math.min(chunk, length));
  }

  at(i: number): number | undefined {
    const k = i - this.start;
    if (k >= 0 && k < this.filled) return this.buffer[k];
    if (i < 0 || i >= this.length) return undefined;
    this.fill(i, i + 1);
    return i - this.start < this.filled ? this.buffer[i - this.start] : undefined;
  }

  latin1(start: number, end: number): string {
    if (start < this.start || end > this.start + this.filled) this.fill(start, end);
    return this.buffer.toString('latin1', start - this.start, Math.min(end, this.start + this.filled) - this.start);
  }

  /** Reads the window again so that it holds [from, to), from a little before `from`. */
  private fill(from: number, to: number): void {
    const start = Math.max(0, from - BEHIND);
    const want = Math.min(this.length - start, Math.max(this.chunk, to - start));
    if (this.buffer.length < want) this.buffer = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(this.fd, this.buffer, got, want - got, start + got);
      if (n === 0) break;
      got += n;
    }
    // A file that shrank while read: the missing bytes read as the end of the text.
    this.start = start;
    this.filled = got;
    if (!isAscii(this.buffer.subarray(0, got))) throw new NotAscii();
  }
}
