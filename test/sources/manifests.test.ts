import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifests, parseManifestText } from '../../src/sources/manifests.js';
import type { FileOrigin, RawObject, SourceResult } from '../../src/model/input.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIR = 'fixtures/inputs';

function load(...files: string[]): Promise<SourceResult> {
  return loadManifests(
    files.map((f) => `${DIR}/${f}`),
    { cwd: ROOT },
  );
}

function origin(obj: RawObject): FileOrigin {
  if (obj.origin.kind !== 'file') throw new Error('expected a file origin');
  return obj.origin;
}

function name(obj: RawObject): unknown {
  return (obj.body.metadata as { name?: unknown } | null)?.name;
}

function find(obj: RawObject, ...path: (string | number)[]) {
  return origin(obj).locator?.find(path);
}

describe('YAML manifests', () => {
  it('reads every object of a multi-document file in document order, skipping comment-only documents', async () => {
    const r = await load('multi-doc.yaml');
    expect(r.errors).toEqual([]);
    expect(r.notices).toEqual([]);
    expect(r.objects.map((o) => [o.kind, name(o), origin(o).docIndex, origin(o).position.line])).toEqual([
      ['Service', 'web', 0, 2],
      ['Deployment', 'web', 2, 18],
      ['Service', 'api', 3, 39],
    ]);
    expect(origin(r.objects[0])).toMatchObject({ kind: 'file', file: 'fixtures/inputs/multi-doc.yaml', position: { line: 2, column: 1 } });
  });

  it('locates mapping keys and sequence items', async () => {
    const [web, deploy, api] = (await load('multi-doc.yaml')).objects;
    expect(find(web, 'spec', 'ipFamilyPolicy')).toEqual({ line: 10, column: 3 });
    expect(find(web, 'spec', 'ports', 0)).toEqual({ line: 12, column: 7 });
    expect(find(web, 'spec', 'ports', 0, 'port')).toEqual({ line: 13, column: 7 });
    expect(find(deploy, 'spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort')).toEqual({ line: 37, column: 15 });
    expect(find(api, 'spec', 'ipFamilyPolicy')).toEqual({ line: 45, column: 3 });
    expect(find(api, 'spec', 'ipFamilies', 1)).toEqual({ line: 46, column: 22 });
    expect(find(api)).toEqual({ line: 39, column: 1 });
  });

  it('returns undefined for absent fields and paths through scalars', async () => {
    const [web] = (await load('multi-doc.yaml')).objects;
    expect(find(web, 'spec', 'ipFamilies')).toBeUndefined();
    expect(find(web, 'spec', 'ports', 1)).toBeUndefined();
    expect(find(web, 'spec', 'ipFamilyPolicy', 'x')).toBeUndefined();
    expect(find(web, 'spec', 0)).toBeUndefined();
  });

  it('reads flow-style YAML', async () => {
    const r = await load('flow.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects).toHaveLength(1);
    expect(r.objects[0].body).toMatchObject({ metadata: { name: 'flow' }, spec: { ports: [{ port: 53, protocol: 'UDP' }] } });
    expect(find(r.objects[0], 'spec', 'ports', 0, 'protocol')).toEqual({ line: 2, column: 62 });
  });

  it('follows aliases when locating fields', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  labels: &labels\n    app: web\nspec:\n  selector: *labels\n';
    const [svc] = parseManifestText(text, 'aliases.yaml').objects;
    expect(svc.body.spec).toEqual({ selector: { app: 'web' } });
    expect(find(svc, 'spec', 'selector', 'app')).toEqual({ line: 6, column: 5 });
  });

  it('keeps YAML 1.2 scalars as written (octal-looking and yes/no stay numbers and strings)', () => {
    const r = parseManifestText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {mode: 0644, flag: yes}\n', 'c.yaml');
    expect(r.objects[0].body.data).toEqual({ mode: 644, flag: 'yes' });
  });
});

describe('JSON manifests', () => {
  it('reads a JSON object and locates its fields', async () => {
    const r = await load('service.json');
    expect(r.errors).toEqual([]);
    const [svc] = r.objects;
    expect(svc.body).toEqual(JSON.parse(readFileSync(join(ROOT, DIR, 'service.json'), 'utf8')));
    expect(origin(svc).position).toEqual({ line: 1, column: 1 });
    expect(find(svc, 'spec', 'ipFamilyPolicy')).toEqual({ line: 9, column: 5 });
    expect(find(svc, 'spec', 'ports', 1)).toEqual({ line: 13, column: 7 });
    expect(find(svc, 'spec', 'ports', 1, 'protocol')).toEqual({ line: 13, column: 39 });
    expect(find(svc, 'spec', 'ports', 2)).toBeUndefined();
    expect(find(svc, 'spec', 'clusterIP')).toBeUndefined();
    expect(find(svc, 'metadata', 'name', 'x')).toBeUndefined();
  });

  it('expands a kubectl -o json List, keeping status, with each item positioned', async () => {
    const r = await load('pods-list.json');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.kind, name(o), origin(o).docIndex, origin(o).position])).toEqual([
      ['Pod', 'web-7d4b9c-abcde', 0, { line: 4, column: 9 }],
      ['Pod', 'web-7d4b9c-fghij', 0, { line: 29, column: 9 }],
    ]);
    const second = r.objects[1];
    expect(second.body.status).toMatchObject({ podIPs: [{ ip: '10.244.2.9' }, { ip: 'fd00:10:244:2::9' }] });
    expect(find(second, 'status', 'podIPs', 1, 'ip')).toEqual({ line: 55, column: 25 });
    expect(find(second, 'metadata', 'annotations', 'note')).toEqual({ line: 36, column: 21 });
    expect(find(second, 'spec', 'containers', 0, 'image')).toEqual({ line: 42, column: 25 });
    expect(find(second, 'status', 'hostIP')).toBeUndefined();
  });

  it('expands a typed ServiceList whose items lack apiVersion and kind', async () => {
    const r = await load('services-list.json');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.apiVersion, o.kind, name(o), o.body.kind])).toEqual([
      ['v1', 'Service', 'frontend', 'Service'],
      ['v1', 'Service', 'backend', 'Service'],
    ]);
    expect(find(r.objects[0], 'spec', 'ipFamilyPolicy')).toEqual({ line: 10, column: 9 });
    expect(find(r.objects[1], 'spec', 'ipFamilyPolicy')).toEqual({ line: 16, column: 69 });
    expect(origin(r.objects[1]).position).toEqual({ line: 16, column: 5 });
  });

  it('reads JSON content in a .yaml file', async () => {
    const r = await load('json-in.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects.map(name)).toEqual(['json-in-yaml']);
    expect(find(r.objects[0], 'spec', 'ipFamilyPolicy')).toEqual({ line: 5, column: 12 });
  });

  it('locates the last item of a large JSON List', () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}` }, spec: { nodeName: `n${i}` } }));
    const text = JSON.stringify({ apiVersion: 'v1', kind: 'List', items }, null, 2);
    const r = parseManifestText(text, 'big.json');
    const last = r.objects[2999];
    const lines = text.split('\n');
    const expected = lines.findIndex((l) => l.includes('"n2999"')) + 1;
    expect(find(last, 'spec', 'nodeName')).toEqual({ line: expected, column: 9 });
    expect(origin(last).position).toEqual({ line: expected - 7, column: 5 });
  });
});

describe('List kinds in YAML', () => {
  it('expands kind: List into its items', async () => {
    const r = await load('list.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.kind, name(o), origin(o).position])).toEqual([
      ['Service', 'db', { line: 6, column: 3 }],
      ['ConfigMap', 'db-config', { line: 14, column: 3 }],
    ]);
    expect(find(r.objects[0], 'spec', 'ipFamilyPolicy')).toEqual({ line: 13, column: 5 });
  });

  it('gives typed-list items the list apiVersion and kind and keeps status', async () => {
    const r = await load('service-list.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [o.apiVersion, o.kind, name(o), origin(o).position.line])).toEqual([
      ['v1', 'Service', 'cache', 6],
      ['v1', 'Service', 'queue', 16],
    ]);
    expect(r.objects[0].body).toMatchObject({ apiVersion: 'v1', kind: 'Service', status: { loadBalancer: {} } });
    expect(find(r.objects[0], 'spec', 'clusterIPs', 0)).toEqual({ line: 12, column: 7 });
    expect(find(r.objects[1], 'spec', 'ipFamilyPolicy')).toEqual({ line: 20, column: 5 });
  });

  it('reports items of kind: List that are not objects, and a List whose items is not a sequence', () => {
    const r = parseManifestText('apiVersion: v1\nkind: List\nitems:\n- 42\n- {apiVersion: v1, kind: Namespace, metadata: {name: x}}\n---\napiVersion: v1\nkind: List\nitems: {a: 1}\n', 'l.yaml');
    expect(r.objects.map(name)).toEqual(['x']);
    expect(r.notices).toEqual([{ file: 'l.yaml', line: 4, message: 'document 1 items[0] is a number, not a Kubernetes object; skipped' }]);
    expect(r.errors).toEqual([{ file: 'l.yaml', line: 9, message: 'document 2: items must be a sequence, got a mapping' }]);
  });

  it('does not expand a *List kind without an items sequence (e.g. a CRD named AllowList)', () => {
    const r = parseManifestText('apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: a}\nspec: {cidrs: []}\n', 'a.yaml');
    expect(r.objects.map((o) => o.kind)).toEqual(['AllowList']);
  });
});

describe('documents that are not Kubernetes objects', () => {
  it('skips Helm values, sequences and scalars with notices', async () => {
    const r = await load('helm-values.yaml');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => o.kind)).toEqual(['Namespace']);
    const file = 'fixtures/inputs/helm-values.yaml';
    expect(r.notices).toEqual([
      { file, line: 7, message: 'document 2 is not a Kubernetes object (no apiVersion/kind); skipped' },
      { file, line: 12, message: 'document 3 is a sequence, not a Kubernetes object; skipped' },
      { file, line: 15, message: 'document 4 is a string, not a Kubernetes object; skipped' },
    ]);
  });

  it('skips null and empty documents silently', () => {
    const r = parseManifestText('---\n~\n---\n# just a comment\n---\n', 'n.yaml');
    expect(r).toEqual({ objects: [], errors: [], notices: [] });
  });

  it('keeps wrongly shaped bodies for the model and rejects non-string apiVersion/kind', async () => {
    const r = await load('bad-shapes.yaml');
    expect(r.objects.map((o) => [origin(o).position.line, o.body.metadata, o.body.spec])).toEqual([
      [1, { name: 'no-spec' }, null],
      [7, null, undefined],
      [11, { namespace: 'unnamed' }, undefined],
    ]);
    const file = 'fixtures/inputs/bad-shapes.yaml';
    expect(r.errors).toEqual([
      { file, line: 17, message: 'document 4: kind must be a string, got a number' },
      { file, line: 21, message: 'document 5: apiVersion must be a string, got a sequence' },
      { file, line: 24, message: 'document 6: apiVersion is missing' },
    ]);
  });
});

describe('syntax errors', () => {
  it('reports invalid YAML at its line and keeps the other documents', async () => {
    const r = await load('invalid.yaml');
    expect(r.objects.map(name)).toEqual(['before', 'after']);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'fixtures/inputs/invalid.yaml', line: 10 });
    expect(r.errors[0].message).toMatch(/^YAML syntax error: \S/);
    expect(r.errors[0].message).not.toContain('\n');
  });

  it('rejects duplicate mapping keys at the duplicate', async () => {
    const r = await load('duplicate-key.yaml');
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([{ file: 'fixtures/inputs/duplicate-key.yaml', line: 7, message: 'YAML syntax error: Map keys must be unique' }]);
  });

  it('reports truncated JSON at its last line', async () => {
    const r = await load('truncated.json');
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'fixtures/inputs/truncated.json', line: 8, message: "JSON syntax error: expected ',' or '}', found the end of the input" },
    ]);
  });

  it.each([
    ['{\n  "a": 1,\n}\n', 3, `expected a string key, found "}"`],
    ['{\n  "a": [1 2]\n}', 2, `expected ',' or ']', found "2"`],
    ['{"a": "line\nbreak"}', 1, `expected '"', found "\\n"`],
    ['{"a": "\\x"}', 1, 'expected an escape sequence, found "\\\\"'],
    ['{"a": 01}', 1, `expected ',' or '}', found "1"`],
    ['{"a": tru}', 1, 'expected a value, found "t"'],
    ['{"a": 1}\n{"b": 2}', 2, 'unexpected text after the JSON value'],
  ])('reports the line of a JSON syntax error in a .json file: %j', (text, line, message) => {
    const r = parseManifestText(text, 'x.json');
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([{ file: 'x.json', line, message: `JSON syntax error: ${message}` }]);
  });

  it('retries JSON-looking text that is not JSON as YAML outside .json files', () => {
    const r = parseManifestText('{"apiVersion": "v1",\n "kind": "Service",\n "metadata": {"name": "n"},\n "spec": {"ports": [1,\n2', 'in.yaml');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/^YAML syntax error: /);
    expect(r.errors[0].line).toBe(5);
  });

  it('stops billion-laughs alias expansion quickly', async () => {
    const started = Date.now();
    const r = await load('billion-laughs.yaml');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([{ file: 'fixtures/inputs/billion-laughs.yaml', line: 1, message: 'too many alias references (limit 100)' }]);
  });

  it('honours maxAliasCount', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: &n x}\ndata: {a: *n, b: *n, c: *n}\n';
    expect(parseManifestText(text, 'a.yaml', { maxAliasCount: 3 }).errors).toEqual([{ file: 'a.yaml', line: 1, message: 'too many alias references (limit 3)' }]);
    expect(parseManifestText(text, 'a.yaml', { maxAliasCount: 4 }).objects).toHaveLength(1);
  });
});

describe('loading files, directories and stdin', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'dsaudit-manifests-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('treats an empty file as no objects and no error', async () => {
    const r = await load('empty.yaml');
    expect(r.objects).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.notices).toEqual([{ file: 'fixtures/inputs/empty.yaml', line: null, message: 'file is empty' }]);
  });

  it('rejects binary files: NUL bytes or invalid UTF-8', async () => {
    writeFileSync(join(tmp, 'nul.yaml'), Buffer.from([0x61, 0x3a, 0x00, 0x01, 0x0a]));
    writeFileSync(join(tmp, 'latin1.yaml'), Buffer.from('kind: Caf\xe9\n', 'latin1'));
    const r = await loadManifests(['nul.yaml', 'latin1.yaml'], { cwd: tmp });
    expect(r.objects).toEqual([]);
    expect(r.errors.map((e) => [e.file, e.line, e.message.startsWith('binary file')])).toEqual([
      ['latin1.yaml', null, true],
      ['nul.yaml', null, true],
    ]);
  });

  it('reads UTF-8 text with a byte order mark', async () => {
    writeFileSync(join(tmp, 'bom.json'), '\ufeff{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "caf\u00e9"}}');
    const r = await loadManifests(['bom.json'], { cwd: tmp });
    expect(r.errors).toEqual([]);
    expect(r.objects.map(name)).toEqual(['caf\u00e9']);
  });

  it('does not read files above maxFileBytes', async () => {
    const r = await loadManifests([`${DIR}/service.json`, `${DIR}/flow.yaml`], { cwd: ROOT, maxFileBytes: 200 });
    expect(r.objects.map(name)).toEqual(['flow']);
    expect(r.errors).toEqual([{ file: 'fixtures/inputs/service.json', line: null, message: expect.stringMatching(/^file is larger than the 200 bytes limit for text read whole; /) }]);
  });

  it('reports a path that does not exist', async () => {
    const r = await load('missing.yaml');
    expect(r).toEqual({ objects: [], errors: [{ file: 'fixtures/inputs/missing.yaml', line: null, message: 'no such file or directory' }], notices: [] });
  });

  it('walks directories recursively for .yaml/.yml/.json in sorted order, skipping other and hidden files', async () => {
    const r = await load('tree');
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => origin(o).file)).toEqual([
      'fixtures/inputs/tree/apps/api.yml',
      'fixtures/inputs/tree/apps/web/service.yaml',
      'fixtures/inputs/tree/namespace.json',
    ]);
  });

  it('reads a file named explicitly whatever its extension', async () => {
    const r = await load('tree/notes.txt');
    expect(r.objects.map(name)).toEqual(['from-txt']);
  });

  it('sorts and deduplicates files across inputs', async () => {
    const a = await load('tree/namespace.json', 'list.yaml', 'tree', 'flow.yaml');
    const b = await load('flow.yaml', 'tree', 'list.yaml');
    const files = (r: SourceResult) => r.objects.map((o) => `${origin(o).file}#${String(name(o))}`);
    expect(files(a)).toEqual(files(b));
    expect(files(a)).toEqual([
      'fixtures/inputs/flow.yaml#flow',
      'fixtures/inputs/list.yaml#db',
      'fixtures/inputs/list.yaml#db-config',
      'fixtures/inputs/tree/apps/api.yml#api',
      'fixtures/inputs/tree/apps/web/service.yaml#web',
      'fixtures/inputs/tree/namespace.json#tree',
    ]);
  });

  it('shows paths relative to cwd when inside it, else as given', async () => {
    const inside = await loadManifests([join(ROOT, DIR, 'flow.yaml')], { cwd: ROOT });
    expect(origin(inside.objects[0]).file).toBe('fixtures/inputs/flow.yaml');
    const outside = await loadManifests(['../flow.yaml', '../tree/apps'], { cwd: join(ROOT, DIR, 'tree') });
    expect(outside.objects.map((o) => origin(o).file)).toEqual(['../flow.yaml', 'apps/api.yml', 'apps/web/service.yaml']);
  });

  it('reads stdin for "-" as <stdin>', async () => {
    const text = readFileSync(join(ROOT, DIR, 'multi-doc.yaml'), 'utf8');
    const r = await loadManifests(['-'], { cwd: ROOT, readStdin: async () => text });
    expect(r.errors).toEqual([]);
    expect(r.objects.map((o) => [origin(o).file, name(o)])).toEqual([
      ['<stdin>', 'web'],
      ['<stdin>', 'web'],
      ['<stdin>', 'api'],
    ]);
    expect(find(r.objects[0], 'spec', 'ipFamilyPolicy')).toEqual({ line: 10, column: 3 });
  });

  it('reports stdin problems as input errors', async () => {
    const none = await loadManifests(['-'], { cwd: ROOT });
    expect(none.errors).toEqual([{ file: '<stdin>', line: null, message: 'reading stdin is not available' }]);
    const binary = await loadManifests(['-'], { cwd: ROOT, readStdin: async () => 'a\0b' });
    expect(binary.errors).toEqual([{ file: '<stdin>', line: null, message: 'binary file' }]);
  });

  it('still returns the good files when other inputs are bad', async () => {
    const r = await load('missing.yaml', 'invalid.yaml', 'service.json', 'truncated.json', 'billion-laughs.yaml');
    expect(r.objects.map((o) => `${origin(o).file}#${String(name(o))}`)).toEqual([
      'fixtures/inputs/invalid.yaml#before',
      'fixtures/inputs/invalid.yaml#after',
      'fixtures/inputs/service.json#dns',
    ]);
    expect(r.errors.map((e) => [e.file, e.line])).toEqual([
      ['fixtures/inputs/missing.yaml', null],
      ['fixtures/inputs/billion-laughs.yaml', 1],
      ['fixtures/inputs/invalid.yaml', 10],
      ['fixtures/inputs/truncated.json', 8],
    ]);
  });

});
