/** YAML manifests: multi-document parsing with the yaml package, keeping each document's nodes to locate fields. */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document, type ParsedNode } from 'yaml';
import { collectDocument, collectListItem, listHead, newCollector, type Collector, type DocumentPlacement, type Head, type Placement } from './manifest-objects.js';
import { StreamAbort } from './json-list-stream.js';
import { envoyDumpShape } from './envoy-dump.js';
import type { InputError, PathSegment, Position, RawObject } from '../model/input.js';
import { MAX_YAML_NESTING, tooDeepNode, tooDeepText } from './yaml-depth.js';
import { itemText, splitYamlList, type YamlListSplit } from './yaml-list-split.js';

/** Collects the objects of every document; a document with a syntax error becomes one error, the others still count. */
export function collectYaml(text: string, file: string, maxAliasCount: number, out: Collector): void {
  if (collectYamlList(text, file, maxAliasCount, out)) return;
  const lines = new LineCounter();
  let docIndex = 0;
  for (const doc of parseAllDocuments(text, { lineCounter: lines, prettyErrors: false })) {
    collectYamlDocument(doc, docIndex++, lines, file, maxAliasCount, out, text);
  }
}

function tooDeep(file: string, lines: LineCounter, offset: number): InputError {
  return { file, line: lines.linePos(offset).line, message: `nesting deeper than ${MAX_YAML_NESTING} levels` };
}

const isStackOverflow = (e: unknown): boolean => e instanceof RangeError || /Maximum call stack/.test(String((e as Error)?.message));

function collectYamlDocument(doc: Document.Parsed, docIndex: number, lines: LineCounter, file: string, maxAliasCount: number, out: Collector, text: string): void {
  const [error] = doc.errors;
  // Composing ran out of stack: find the place from the text, which needs no recursion.
  const overflow = doc.errors.find((e) => isStackOverflow(e));
  if (overflow) {
    const at = tooDeepText(text.slice(doc.range[0], doc.range[2]));
    out.errors.push(tooDeep(file, lines, doc.range[0] + (at ?? 0)));
    return;
  }
  const deep = doc.contents ? tooDeepNode(doc.contents) : undefined;
  if (deep !== undefined) {
    out.errors.push(tooDeep(file, lines, deep));
    return;
  }
  if (error) {
    const message = `YAML syntax error: ${error.message.replace(/\s+/g, ' ')}`;
    out.errors.push({ file, line: lines.linePos(error.pos[0]).line, message });
    return;
  }
  if (!doc.contents) return;
  const placement = new YamlDocument(doc, doc.contents, lines);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount });
  } catch (e) {
    if (isStackOverflow(e)) {
      out.errors.push(tooDeep(file, lines, placement.root.node.range[0]));
      return;
    }
    const aliases = /alias count/i.test((e as Error).message);
    const message = aliases ? `too many alias references (limit ${maxAliasCount})` : `YAML error: ${(e as Error).message}`;
    out.errors.push({ file, line: placement.root.position().line, message });
    return;
  }
  collectDocument(value, docIndex, placement, file, out);
}

class YamlDocument implements DocumentPlacement {
  readonly root: YamlPlacement;

  constructor(
    private readonly doc: Document.Parsed,
    contents: ParsedNode,
    private readonly lines: LineCounter,
  ) {
    this.root = new YamlPlacement(doc, contents, lines);
  }

  item(index: number): Placement {
    const hit = walk(this.doc, this.root.node, ['items', index]);
    return new YamlPlacement(this.doc, hit!.node, this.lines);
  }
}

class YamlPlacement implements Placement {
  constructor(
    private readonly doc: Document.Parsed,
    readonly node: ParsedNode,
    private readonly lines: LineCounter,
    /** Lines of the file above the parsed text (an item parsed alone). */
    private readonly lineBase = 0,
  ) {}

  position(): Position {
    return this.at(this.node.range[0]);
  }

  find(path: readonly PathSegment[]): Position | undefined {
    const hit = walk(this.doc, this.node, path);
    return hit && this.at(hit.offset);
  }

  private at(offset: number): Position {
    const { line, col } = this.lines.linePos(offset);
    return { line: line + this.lineBase, column: col };
  }
}

/**
 * A kubectl-style YAML List parsed one item at a time (see yaml-list-split.ts): no parsed tree of the
 * whole text is built or kept, and positions come from parsing an item again when a finding needs one.
 * Returns false, collecting nothing, when the text is not such a List or any part of it does not
 * parse cleanly alone: the caller then parses the whole text, which reports errors where they are.
 */
function collectYamlList(text: string, file: string, maxAliasCount: number, out: Collector): boolean {
  const list = prepareYamlList(text, maxAliasCount);
  if (!list) return false;
  const scratch = newCollector();
  try {
    for (const raw of yamlListItems(list, file, scratch)) scratch.objects.push(raw);
  } catch (e) {
    if (e instanceof ItemFailure) return false;
    throw e;
  }
  out.objects.push(...scratch.objects);
  out.errors.push(...scratch.errors);
  out.notices.push(...scratch.notices);
  return true;
}

/**
 * collectYaml for a large text, handing each object over as soon as it is parsed: a kubectl-style
 * List item by item, anything else through `whole`. An item that does not parse alone after others
 * were handed over throws StreamAbort (the caller reads everything again as a whole); before that,
 * `whole` reads the text.
 */
export function* streamYaml(text: string, file: string, maxAliasCount: number, out: Collector, whole: () => Iterable<RawObject>): Generator<RawObject> {
  const list = /^[\s]*[{[]/.test(text.slice(0, 1024)) || text.charCodeAt(0) === 0xfeff ? undefined : prepareYamlList(text, maxAliasCount);
  if (!list) {
    yield* whole();
    return;
  }
  let handedOver = false;
  try {
    for (const raw of yamlListItems(list, file, out)) {
      handedOver = true;
      yield raw;
    }
  } catch (e) {
    if (!(e instanceof ItemFailure)) throw e;
    if (handedOver) throw new StreamAbort(file);
    yield* whole();
  }
}

/** Thrown by yamlListItems on an item that does not parse cleanly alone. */
class ItemFailure extends Error {}

interface PreparedList {
  readonly list: YamlList;
  readonly head: Head;
  readonly maxAliasCount: number;
}

/** The split List with its head parsed, or undefined when the text is not one or its head does not parse alone. */
function prepareYamlList(text: string, maxAliasCount: number): PreparedList | undefined {
  const split = splitYamlList(text);
  if (!split) return undefined;
  const headDoc = parseDocument(split.head, { prettyErrors: false });
  if (headDoc.errors.length > 0 || !headDoc.contents || tooDeepNode(headDoc.contents) !== undefined) return undefined;
  let root: unknown;
  try {
    root = headDoc.toJS({ maxAliasCount });
  } catch {
    return undefined;
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root) || (root as { items?: unknown }).items !== null) return undefined;
  const value = { ...(root as object), items: [] };
  const head = envoyDumpShape(value) ? undefined : listHead(value);
  return head && { list: new YamlList(text, split), head, maxAliasCount };
}

/** The objects of the items in order (problems go to `out`); throws ItemFailure at an item that does not parse cleanly alone. */
function* yamlListItems({ list, head, maxAliasCount }: PreparedList, file: string, out: Collector): Generator<RawObject> {
  for (let i = 0; i < list.length; i++) {
    const doc = parseDocument(list.itemText(i), { prettyErrors: false });
    // The root mapping and the items sequence hold each item two levels down.
    if (doc.errors.length > 0 || !doc.contents || tooDeepNode(doc.contents, 2) !== undefined) throw new ItemFailure();
    let item: unknown;
    try {
      item = doc.toJS({ maxAliasCount });
    } catch {
      throw new ItemFailure();
    }
    const raw = collectListItem(item ?? null, i, head, 0, new YamlItemPlacement(list, i), file, out);
    if (raw) yield raw;
  }
}

/** The text of a split List; keeps the last item parsed again for positions, as findings come object by object. */
class YamlList {
  private last?: { index: number; placement: YamlPlacement };

  constructor(
    private readonly text: string,
    private readonly split: YamlListSplit,
  ) {}

  get length(): number {
    return this.split.items.length;
  }

  itemText(index: number): string {
    return itemText(this.text, this.split.items[index]);
  }

  placement(index: number): YamlPlacement {
    if (this.last?.index !== index) {
      const span = this.split.items[index];
      const lines = new LineCounter();
      const doc = parseDocument(itemText(this.text, span), { lineCounter: lines, prettyErrors: false });
      this.last = { index, placement: new YamlPlacement(doc, doc.contents!, lines, span.line - 1) };
    }
    return this.last.placement;
  }
}

class YamlItemPlacement implements Placement {
  constructor(
    private readonly list: YamlList,
    private readonly index: number,
  ) {}

  position(): Position {
    return this.list.placement(this.index).position();
  }

  find(path: readonly PathSegment[]): Position | undefined {
    return this.list.placement(this.index).find(path);
  }
}

/** Follows `path` from `node`; the offset is the key of a mapping entry or the start of a sequence item. */
function walk(doc: Document.Parsed, node: ParsedNode, path: readonly PathSegment[]): { node: ParsedNode; offset: number } | undefined {
  let hit = { node, offset: node.range[0] };
  for (const seg of path) {
    const cur = isAlias(hit.node) ? hit.node.resolve(doc) : hit.node;
    if (typeof seg === 'number') {
      const item = isSeq(cur) ? cur.items[seg] : undefined;
      if (!isNode(item)) return undefined;
      const parsed = item as ParsedNode;
      hit = { node: parsed, offset: parsed.range[0] };
    } else {
      const pair = isMap(cur) ? cur.items.find((p) => isScalar(p.key) && String(p.key.value) === seg) : undefined;
      if (!pair || !isNode(pair.value)) return undefined;
      hit = { node: pair.value as ParsedNode, offset: (pair.key as ParsedNode).range[0] };
    }
  }
  return hit;
}
