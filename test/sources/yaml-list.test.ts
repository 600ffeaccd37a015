import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamAbort } from '../../src/sources/json-list-stream.js';
import { loadManifests, parseManifestText, streamInputs } from '../../src/sources/manifests.js';
import { itemText, splitYamlList } from '../../src/sources/yaml-list-split.js';
import type { PathSegment, RawObject, SourceResult } from '../../src/model/input.js';

const KUBECTL = `apiVersion: v1
items:
- apiVersion: v1
  kind: Service
  metadata:
    name: a
  spec:
    ipFamilyPolicy: SingleStack
# between items
- apiVersion: v1
  kind: Service
  metadata:
    name: b
kind: List
metadata:
  resourceVersion: ""
`;

describe('splitYamlList', () => {
  it('cuts a kubectl -o yaml List at its items, keeping lines and columns', () => {
    const split = splitYamlList(KUBECTL)!;
    expect(split.items.map((i) => i.line)).toEqual([3, 10]);
    expect(itemText(KUBECTL, split.items[0])).toBe('  apiVersion: v1\n  kind: Service\n  metadata:\n    name: a\n  spec:\n    ipFamilyPolicy: SingleStack\n# between items\n');
    expect(split.head.split('\n')).toHaveLength(KUBECTL.split('\n').length);
    expect(split.head).toBe('apiVersion: v1\nitems:\n' + '\n'.repeat(11) + 'kind: List\nmetadata:\n  resourceVersion: ""\n');
  });

  it('cuts items indented under items:', () => {
    const text = '---\nkind: List\napiVersion: v1\nitems:\n  - kind: Service\n    apiVersion: v1\n  -\n    kind: Pod\n    apiVersion: v1\n';
    const split = splitYamlList(text)!;
    expect(split.items.map((i) => [i.line, itemText(text, i)])).toEqual([
      [5, '    kind: Service\n    apiVersion: v1\n'],
      [7, '   \n    kind: Pod\n    apiVersion: v1\n'],
    ]);
  });

  it.each([
    ['a second document', `${KUBECTL}---\nkind: Service\n`],
    ['a directive', `%YAML 1.1\n---\n${KUBECTL}`],
    ['a document end marker', `${KUBECTL}...\n`],
    ['a flow sequence of items', 'kind: List\nitems: [{kind: Service}]\n'],
    ['a comment after items:', 'kind: List\nitems: # x\n- kind: Service\n'],
    ['a second items key', `${KUBECTL}items:\n- kind: Pod\n`],
    ['CRLF line ends', KUBECTL.replace(/\n/g, '\r\n')],
    ['no items', 'kind: List\nmetadata: {}\n'],
    ['a line less indented than the items', 'kind: List\nitems:\n  - kind: Service\n x: 1\n'],
  ])('leaves %s to the whole-text parser', (_, text) => {
    expect(splitYamlList(text)).toBeUndefined();
  });
});

/** Every path to a value in `v` (mapping keys and sequence indexes), parents first. */
function paths(v: unknown, prefix: PathSegment[] = []): PathSegment[][] {
  if (v === null || typeof v !== 'object') return [prefix];
  const entries: [PathSegment, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return [prefix, ...entries.flatMap(([k, x]) => paths(x, [...prefix, k]))];
}

/** What a scan sees of a parse: bodies, origins, every field's position, errors and notices. */
function seen(result: SourceResult) {
  return {
    objects: result.objects.map((o) => {
      if (o.origin.kind !== 'file') throw new Error('expected a file origin');
      const { locator } = o.origin;
      return {
        apiVersion: o.apiVersion, kind: o.kind, body: o.body, file: o.origin.file, docIndex: o.origin.docIndex, position: o.origin.position,
        fields: paths(o.body).map((p) => [p.join('.'), locator?.find(p)]),
      };
    }),
    errors: result.errors,
    notices: result.notices,
  };
}

// An empty second document changes nothing but makes the whole text parse as one (the reference).
const whole = (text: string) => `${text}---\n`;

const ITEM_CASES: [string, string][] = [
  ['a kubectl List with comments and trailing keys', KUBECTL],
  ['a typed ServiceList whose items lack apiVersion and kind', 'apiVersion: v1\nkind: ServiceList\nitems:\n  - metadata: {name: a}\n    spec: {clusterIP: 10.0.0.1}\n  - metadata:\n      name: b\n'],
  ['anchors, aliases, tags and block scalars inside items', 'kind: List\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: &m\n    name: c\n  data:\n    copy: *m\n    text: !!str |\n      line one\n      line two\n    "quoted key": \'x\'\n'],
  ['items that are not objects, or lack a kind', 'apiVersion: v1\nkind: List\nitems:\n- just a string\n- - nested\n- apiVersion: v1\n  metadata: {name: x}\n- apiVersion: 7\n  kind: Service\n'],
  ['an alias to an anchor of another item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: &m {name: a}\n- apiVersion: v1\n  kind: Service\n  metadata: *m\n'],
  ['an alias to an anchor in the head', 'apiVersion: &v v1\nkind: List\nitems:\n- apiVersion: *v\n  kind: Service\n'],
  ['a syntax error in an item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n- apiVersion: v1\n  kind: Service\n  metadata: {name: [x}\n'],
  ['a duplicate key in an item', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  kind: Pod\n'],
  ['a quoted scalar cut by a line at the items indentation', 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: "a\n- b"}\n'],
  ['too many alias references in an item', `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  a: &a [x, x]\n  b: [${Array(120).fill('*a').join(', ')}]\n`],
  ['an item nested deeper than the limit', `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  deep: ${'['.repeat(499)}${']'.repeat(499)}\n`],
  ['an item nested just within the limit', `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  deep: ${'['.repeat(497)}${']'.repeat(497)}\n`],
  ['a List that is also an Envoy dump', 'configs:\n- "@type": type.googleapis.com/envoy.admin.v3.ListenersConfigDump\nkind: List\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Service\n'],
];

describe('YAML Lists parsed item by item', () => {
  it.each(ITEM_CASES)('%s: same objects, positions, errors and notices as parsing the whole text', (_, text) => {
    expect(splitYamlList(text)).toBeDefined();
    expect(splitYamlList(whole(text))).toBeUndefined();
    expect(seen(parseManifestText(text, 'list.yaml'))).toEqual(seen(parseManifestText(whole(text), 'list.yaml')));
  });

  it('locates fields of each item on the lines of the file', () => {
    const result = parseManifestText(KUBECTL, 'list.yaml');
    expect(result.objects.map((o) => o.origin.kind === 'file' && [o.origin.position, o.origin.locator?.find(['spec', 'ipFamilyPolicy'])])).toEqual([
      [{ line: 3, column: 3 }, { line: 8, column: 5 }],
      [{ line: 10, column: 3 }, undefined],
    ]);
  });
});

describe('large YAML Lists handed over item by item', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dsaudit-yaml-list-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Reads `text` as a file streamed whatever its size, noting how many objects came before the file's end. */
  async function streamed(name: string, text: string) {
    writeFileSync(join(dir, name), text);
    const s = await streamInputs([name], { cwd: dir, streamMinBytes: 0 });
    const objects: RawObject[] = [];
    for await (const input of s.inputs) if (input.kind === 'objects') for (const raw of input.objects) objects.push(raw);
    return { objects, errors: s.errors, notices: s.notices };
  }

  it.each(ITEM_CASES)('%s: same as the whole-text reading, or aborted for a second reading', async (_, text) => {
    const refDir = mkdtempSync(join(dir, 'ref-'));
    writeFileSync(join(refDir, 'list.yaml'), whole(text));
    const reference = seen(await loadManifests(['list.yaml'], { cwd: refDir }));
    let got;
    try {
      got = seen(await streamed('list.yaml', text));
    } catch (e) {
      // Only an item after the first can fail once objects were handed over.
      expect(e).toBeInstanceOf(StreamAbort);
      expect(['an alias to an anchor of another item', 'a syntax error in an item', 'a quoted scalar cut by a line at the items indentation']).toContain(_);
      return;
    }
    expect(got).toEqual(reference);
  });

  it('hands over the first items before a later one is parsed, and aborts when that one is broken', async () => {
    const good = (i: number) => `- apiVersion: v1\n  kind: Service\n  metadata: {name: s${i}}\n`;
    writeFileSync(join(dir, 'three.yaml'), `apiVersion: v1\nkind: List\nitems:\n${good(0)}${good(1)}- apiVersion: v1\n  kind: [Service\n`);
    const s = await streamInputs(['three.yaml'], { cwd: dir, streamMinBytes: 0 });
    for await (const input of s.inputs) {
      if (input.kind !== 'objects') continue;
      const objects = input.objects[Symbol.iterator]();
      expect((objects.next().value as RawObject).body.metadata).toEqual({ name: 's0' });
      expect((objects.next().value as RawObject).body.metadata).toEqual({ name: 's1' });
      expect(() => objects.next()).toThrow(StreamAbort);
    }
  });
});
