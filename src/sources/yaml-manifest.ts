/** YAML manifests: multi-document parsing with the yaml package, keeping each document's nodes to locate fields. */
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type ParsedNode } from 'yaml';
import { collectDocument, type Collector, type DocumentPlacement, type Placement } from './manifest-objects.js';
import type { InputError, PathSegment, Position } from '../model/input.js';
import { MAX_YAML_NESTING, tooDeepNode, tooDeepText } from './yaml-depth.js';

/** Collects the objects of every document; a document with a syntax error becomes one error, the others still count. */
export function collectYaml(text: string, file: string, maxAliasCount: number, out: Collector): void {
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
    return { line, column: col };
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
