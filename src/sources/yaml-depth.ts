/**
 * How deeply a YAML document nests. The yaml package composes and converts documents recursively and
 * runs out of stack somewhere near a thousand levels (fewer on a small stack): a fixed, lower limit
 * gives the same answer everywhere. Kubernetes objects nest a few dozen levels at most (a CRD schema).
 */
import { isMap, isPair, isSeq, Parser } from 'yaml';

/** Deepest nesting of collections a YAML document may have. */
export const MAX_YAML_NESTING = 500;

/** The offset of the first collection nested deeper than the limit in a composed document (at `depth` in its file), if any. */
export function tooDeepNode(root: unknown, depth = 0): number | undefined {
  const stack: [unknown, number][] = [[root, depth]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (isPair(node)) {
      stack.push([node.key, depth], [node.value, depth]);
    } else if (isMap(node) || isSeq(node)) {
      if (depth + 1 > MAX_YAML_NESTING) return node.range?.[0] ?? 0;
      for (const item of node.items) stack.push([item, depth + 1]);
    }
  }
  return undefined;
}

const CST_COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * The same from the text alone (the lexer and parser of the yaml package do not recurse), for when
 * composing the document itself ran out of stack: the offset of the first collection too deep.
 */
export function tooDeepText(text: string): number | undefined {
  for (const token of new Parser().parse(text)) {
    const stack: [unknown, number][] = [[token, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (node === null || typeof node !== 'object') continue;
      const type = (node as { type?: unknown }).type;
      const here = typeof type === 'string' && CST_COLLECTIONS.has(type) ? depth + 1 : depth;
      if (here > MAX_YAML_NESTING) return (node as { offset: number }).offset;
      for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, here]);
    }
  }
  return undefined;
}
