/**
 * A YAML List as `kubectl get -o yaml` prints it (one document, the root `items:` a block sequence)
 * cut at its items by indentation, like json-list-stream.ts does for JSON, so each item can be
 * parsed on its own. Only the layout is checked here; whatever parses differently cut up (an alias
 * to another item's anchor, a scalar cut in two…) fails to parse and the caller reads the whole text.
 */

/** One entry of the root `items:` sequence: its text with the `-` blanked out (columns unchanged). */
export interface YamlItemSpan {
  /** Offset of the start of the item's first line, and of the line that ends it. */
  readonly start: number;
  readonly end: number;
  /** Offset of the item's `-`. */
  readonly dash: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

export interface YamlListSplit {
  /** The document without its items: every line of the sequence left empty, so lines stay where they were. */
  readonly head: string;
  readonly items: readonly YamlItemSpan[];
}

/** The text of one item, parseable alone: the lines of its span with its `-` turned into a space. */
export function itemText(text: string, item: YamlItemSpan): string {
  return `${text.slice(item.start, item.dash)} ${text.slice(item.dash + 1, item.end)}`;
}

const SPACE = 0x20, LF = 0x0a, HASH = 0x23, DASH = 0x2d, DOT = 0x2e, PERCENT = 0x25;

/**
 * Cuts `text` at the items of its root `items:` block sequence, or returns undefined when the text is
 * not one document laid out that way (directives, a second document, a flow `items`, CR line ends, a
 * second root `items:` key, a line less indented than the items inside them).
 */
export function splitYamlList(text: string): YamlListSplit | undefined {
  if (text.includes('\r')) return undefined;
  const items: YamlItemSpan[] = [];
  let itemsStart = -1;
  let itemsEnd = -1;
  let seqIndent = -1;
  let started = false; // past the first line with content (a `---` before it is allowed)
  let line = 1;
  for (let at = 0; at < text.length; line++) {
    const next = text.indexOf('\n', at);
    const end = next < 0 ? text.length : next + 1;
    const first = text.charCodeAt(at);
    let indent = 0;
    while (text.charCodeAt(at + indent) === SPACE) indent++;
    const c = text.charCodeAt(at + indent);
    const blank = at + indent >= text.length || c === LF || c === HASH;
    const inItems = itemsStart >= 0 && itemsEnd < 0;
    if (first === PERCENT) return undefined;
    if (blank) {
      // empty lines and comments belong to whatever they sit in
    } else if (inItems && seqIndent < 0) {
      // The first line after `items:`: the sequence's first `-` (anything else is not a block sequence).
      if (!isDash(text, at + indent)) return undefined;
      seqIndent = indent;
      items.push({ start: at, end: text.length, dash: at + indent, line });
    } else if (inItems && (indent > seqIndent || (indent === seqIndent && isDash(text, at + indent)))) {
      if (indent === seqIndent) {
        items[items.length - 1] = { ...items[items.length - 1], end: at };
        items.push({ start: at, end: text.length, dash: at + indent, line });
      }
    } else if (indent > 0) {
      if (inItems) return undefined; // less indented than the items, yet inside the root mapping's value
    } else {
      if (inItems) {
        itemsEnd = at;
        items[items.length - 1] = { ...items[items.length - 1], end: at };
      }
      if (isMarker(text, at, DASH)) {
        if (started) return undefined;
      } else if (isMarker(text, at, DOT)) {
        return undefined;
      } else if (text.startsWith('items:', at)) {
        if (itemsStart >= 0 || text.slice(at + 'items:'.length, end).trim() !== '') return undefined;
        itemsStart = end;
      }
      started = true;
    }
    at = end;
  }
  if (items.length === 0) return undefined;
  if (itemsEnd < 0) itemsEnd = text.length;
  const lines = countLines(text, itemsStart, itemsEnd);
  return { head: text.slice(0, itemsStart) + '\n'.repeat(lines) + text.slice(itemsEnd), items };
}

/** `-` followed by a space or the end of the line: a block sequence entry. */
function isDash(text: string, at: number): boolean {
  if (text.charCodeAt(at) !== DASH) return false;
  const next = text.charCodeAt(at + 1);
  return next === SPACE || next === LF || Number.isNaN(next);
}

/** `---` or `...` at the start of a line, alone or followed by a space. */
function isMarker(text: string, at: number, char: number): boolean {
  if (text.charCodeAt(at) !== char || text.charCodeAt(at + 1) !== char || text.charCodeAt(at + 2) !== char) return false;
  const next = text.charCodeAt(at + 3);
  return next === SPACE || next === LF || Number.isNaN(next);
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
