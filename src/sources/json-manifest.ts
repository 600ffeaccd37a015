/** Fast path for JSON manifests: JSON.parse for the data; field positions are found in the raw text only when asked for. */
import { JsonCursor, JsonSyntaxError, markPosition, type Mark } from './json-cursor.js';
import { collectDocument, type Collector, type DocumentPlacement, type Placement } from './manifest-objects.js';
import type { InputError, PathSegment, Position } from '../model/input.js';

/** Collects the objects of a JSON text; returns false (collecting nothing) when the text is not valid JSON. */
export function collectJson(text: string, file: string, out: Collector): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  collectDocument(value, 0, new JsonDocument(text), file, out);
  return true;
}

/** The first syntax error in an invalid JSON text, with its line. */
export function jsonSyntaxError(text: string, file: string): InputError {
  const cursor = new JsonCursor(text);
  try {
    cursor.skipValue();
    if (!cursor.atEnd()) return { file, line: cursor.mark().line, message: 'JSON syntax error: unexpected text after the JSON value' };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { file, line: e.mark.line, message: `JSON syntax error: ${e.message}` };
    throw e;
  }
  return { file, line: null, message: 'JSON syntax error' };
}

/** Keeps only the text; the marks of `items[]` entries are found with one scan the first time any is needed. */
class JsonDocument implements DocumentPlacement {
  readonly root = new JsonPlacement(this, null);
  readonly rootMark: Mark;
  private items?: Mark[];

  constructor(readonly text: string) {
    const cursor = new JsonCursor(text);
    cursor.peek();
    this.rootMark = cursor.mark();
  }

  item(index: number): Placement {
    return new JsonPlacement(this, index);
  }

  itemMark(index: number): Mark {
    if (!this.items) {
      const cursor = new JsonCursor(this.text, this.rootMark);
      this.items = cursor.seekKey('items') ? cursor.itemMarks() : [];
    }
    return this.items[index];
  }
}

/** The root object (index null) or one `items[]` entry of a JSON document. */
class JsonPlacement implements Placement {
  constructor(
    private readonly doc: JsonDocument,
    private readonly index: number | null,
  ) {}

  position(): Position {
    return markPosition(this.start());
  }

  find(path: readonly PathSegment[]): Position | undefined {
    const cursor = new JsonCursor(this.doc.text, this.start());
    let at: Mark | undefined = this.start();
    for (const seg of path) {
      at = typeof seg === 'number' ? cursor.seekIndex(seg) : cursor.seekKey(seg);
      if (!at) return undefined;
    }
    return markPosition(at);
  }

  private start(): Mark {
    return this.index === null ? this.doc.rootMark : this.doc.itemMark(this.index);
  }
}
