import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StreamAbort } from '../../src/sources/json-list-stream.js';
import { loadManifests, streamInputs } from '../../src/sources/manifests.js';
import type { FileOrigin, PathSegment, RawObject, SourceResult } from '../../src/model/input.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsaudit-stream-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** Every file streamed whatever its size. */
async function streamed(...files: string[]): Promise<SourceResult> {
  const s = await streamInputs(files, { cwd: dir, streamMinBytes: 0 });
  const objects: RawObject[] = [];
  for await (const input of s.inputs) if (input.kind === 'objects') for (const raw of input.objects) objects.push(raw);
  return { objects, errors: s.errors, notices: s.notices };
}

function whole(...files: string[]): Promise<SourceResult> {
  return loadManifests(files, { cwd: dir });
}

function origin(obj: RawObject): FileOrigin {
  if (obj.origin.kind !== 'file') throw new Error('expected a file origin');
  return obj.origin;
}

const PATHS: PathSegment[][] = [[], ['metadata'], ['metadata', 'name'], ['spec', 'ports', 0, 'port'], ['status', 'podIPs', 1], ['spec', 'missing'], ['metadata', 'labels', 'app']];

/** Objects, positions, located fields, errors and notices as the whole-text reader gives them. */
function view(r: SourceResult) {
  return {
    objects: r.objects.map((o) => ({
      apiVersion: o.apiVersion,
      kind: o.kind,
      body: o.body,
      file: origin(o).file,
      docIndex: origin(o).docIndex,
      position: origin(o).position,
      found: PATHS.map((p) => origin(o).locator?.find(p)),
    })),
    errors: r.errors,
    notices: r.notices,
  };
}

const pod = (name: string, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: name.split('-')[0] }, annotations: { note: 'a "quoted" value with } and ] and \\n' } },
  spec: { containers: [{ name: 'app', image: 'app:1', args: ['--listen=0.0.0.0:8080'] }], nodeName: 'node-1' },
  status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
  ...extra,
});
const service = (name: string) => ({ metadata: { name }, spec: { ports: [{ port: 80 }], ipFamilyPolicy: 'SingleStack' } });

function list(items: unknown[], indent = 4, kind = 'List'): string {
  return `${JSON.stringify({ apiVersion: 'v1', items, kind, metadata: { resourceVersion: '' } }, null, indent)}\n`;
}

describe('streamed JSON Lists', () => {
  it('give the objects, positions and field locations of the whole-text reader (kubectl 4-space layout)', async () => {
    const f = write('pods.json', list([pod('web-1'), pod('web-2', { spec: { containers: [] } }), pod('api-1')]));
    expect(view(await streamed(f))).toEqual(view(await whole(f)));
  });

  it('handle other indentations, CRLF line ends and a typed list whose items inherit apiVersion and kind', async () => {
    const two = write('two.json', list([pod('a'), pod('b')], 2));
    const crlf = write('crlf.json', list([pod('a'), pod('b')]).replace(/\n/g, '\r\n'));
    const typed = write('services.json', list([service('web'), service('api')], 4, 'ServiceList'));
    for (const f of [two, crlf, typed]) expect(view(await streamed(f))).toEqual(view(await whole(f)));
    expect((await streamed(typed)).objects.map((o) => [o.apiVersion, o.kind])).toEqual([['v1', 'Service'], ['v1', 'Service']]);
  });

  it('report items that are not objects as the whole-text reader does', async () => {
    const f = write('odd.json', list([pod('a'), { metadata: { name: 'no-kind' } }, { apiVersion: 1, kind: 'Pod', metadata: {} }, pod('b')]));
    const r = await streamed(f);
    expect(r.notices.length + r.errors.length).toBeGreaterThan(0);
    expect(view(r)).toEqual(view(await whole(f)));
  });

  it('stream Lists with one item per line (JSON.stringify of each item, joined by line feeds; indented or not; CRLF)', async () => {
    const items = [pod('a'), pod('b', { spec: { containers: [] } }), pod('c')].map((p) => JSON.stringify(p));
    const files = [
      write('one-line.json', `{\n  "apiVersion": "v1",\n  "items": [\n    ${items.join(',\n    ')}\n  ],\n  "kind": "List"\n}\n`),
      write('one-line-flush.json', `{"apiVersion":"v1","items":[\n${items.join(',\n')}\n],"kind":"List","metadata":{"resourceVersion":""}}\n`),
      write('one-line-crlf.json', `{"apiVersion":"v1","items":[\r\n${items.join(',\r\n')}\r\n],"kind":"List"}\r\n`),
    ];
    for (const f of files) expect(view(await streamed(f))).toEqual(view(await whole(f)));
  });

  it('fall back to the whole text for shapes they do not stream: items sharing a line, minified, empty, not a List, non-ASCII', async () => {
    const files = [
      write('two-per-line.json', `{"apiVersion":"v1","items":[\n${JSON.stringify(pod('a'))}, ${JSON.stringify(pod('b'))},\n${JSON.stringify(pod('c'))}\n],"kind":"List"}\n`),
      write('minified.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [pod('a'), pod('b')] })),
      write('empty.json', list([])),
      write('not-a-list.json', `${JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Catalog', metadata: { name: 'c' }, items: [{ a: 1 }, { b: 2 }] }, null, 4)}\n`),
      write('unicode.json', list([pod('a', { metadata: { name: 'é-1', namespace: 'shop' } }), pod('b')])),
      write('twice.json', list([pod('a')]).replace('"kind": "List"', '"kind": "List",\n    "items": []')),
    ];
    for (const f of files) expect(view(await streamed(f))).toEqual(view(await whole(f)));
  });

  it('report a truncated or broken first item as a syntax error, like the whole-text reader', async () => {
    const text = list([pod('a'), pod('b')]);
    const truncated = write('truncated.json', text.slice(0, Math.floor(text.length * 0.7)));
    const broken = write('broken-first.json', text.replace('"namespace": "shop"', '"namespace": "shop" 1'));
    for (const f of [truncated, broken]) {
      const r = await streamed(f);
      expect(r.objects).toEqual([]);
      expect(r.errors).toEqual((await whole(f)).errors);
      expect(r.errors[0].message).toMatch(/JSON syntax error/);
    }
  });

  it('abort when an item after the first is invalid, so the caller can read everything again', async () => {
    const text = list([pod('a'), pod('b'), pod('c')]);
    const i = text.lastIndexOf('"namespace": "shop"');
    const f = write('broken-later.json', `${text.slice(0, i)}"namespace": "shop",,${text.slice(i + '"namespace": "shop"'.length)}`);
    await expect(streamed(f)).rejects.toBeInstanceOf(StreamAbort);
  });

  it('locate fields after the file was read, by reading the item again, and stop locating when the file changed', async () => {
    const f = write('later.json', list([pod('a'), pod('b')]));
    const r = await streamed(f);
    const expected = view(await whole(f));
    expect(view(r)).toEqual(expected);
    // The item read last is kept; the other one is read again, from a file that no longer matches.
    write('later.json', list([pod('a'), pod('bb')]));
    const [first, last] = r.objects;
    expect(origin(last).locator?.find(['metadata', 'name'])).toEqual(expected.objects[1].found[2]);
    expect(origin(first).position).toEqual(expected.objects[0].position);
    expect(origin(first).locator?.find(['metadata', 'name'])).toBeUndefined();
  });

  it('read the files in order with the same errors for unreadable ones', async () => {
    const a = write('a.json', list([pod('a')]));
    const b = write('b.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n');
    const r = await streamed(a, 'missing.json', b);
    expect(view(r)).toEqual(view(await whole(a, 'missing.json', b)));
    expect(r.errors.map((e) => e.file)).toEqual(['missing.json']);
  });
});

describe('scanning large dumps', () => {
  /** A List of `n` pods, above the 8 MiB from which the scan streams. */
  function bigList(n: number): string {
    return list(Array.from({ length: n }, (_, i) => pod(`web-${i}`, i === 7 ? { spec: { nodeName: 42, containers: [] } } : {})));
  }
  const io = (cwd: string) => ({ cwd, env: {}, stdoutIsTTY: false, stderrIsTTY: false, writeOut() {}, writeErr() {}, readStdin: async () => '' });

  it('stream a large List into the same model and input errors (with lines) as the whole-text path', async () => {
    const { loadModels } = await import('../../src/cli/audit.js');
    const { normalize } = await import('../../src/model/normalize.js');
    const sub = mkdtempSync(join(dir, 'big-'));
    writeFileSync(join(sub, 'pods.json'), bigList(12_000));
    const got = await loadModels(io(sub), { filename: ['.'] });
    const source = await loadManifests(['.'], { cwd: sub });
    const want = normalize(source.objects, { target: 'dual', overrides: { serviceCidrs: [], podCidrs: [], externalNetworks: [] } });
    expect(got.models[0].pods.length).toBe(12_000);
    expect(got.inputErrors).toEqual([...source.errors, ...want.errors]);
    expect(got.inputErrors[0]).toMatchObject({ file: 'pods.json', message: expect.stringMatching(/spec.nodeName must be a string/) });
    const pick = (m: typeof got.models[0]) => m.pods.map((p) => [p.ref.name, p.podIPs.map((ip) => ip.canonical), (p.origin as FileOrigin).position, (p.origin as FileOrigin).locator?.find(['spec', 'nodeName'])]);
    expect(pick(got.models[0])).toEqual(pick(want.model));
  });

  it('read everything again as a whole when a large List turns out invalid half-way', async () => {
    const { loadModels } = await import('../../src/cli/audit.js');
    const sub = mkdtempSync(join(dir, 'broken-'));
    const text = bigList(12_000);
    const i = text.lastIndexOf('"namespace": "shop"');
    writeFileSync(join(sub, 'pods.json'), `${text.slice(0, i)}"namespace" "shop"${text.slice(i + '"namespace": "shop"'.length)}`);
    const got = await loadModels(io(sub), { filename: ['.'] });
    expect(got.models[0].pods).toEqual([]);
    expect(got.inputErrors).toEqual((await loadManifests(['.'], { cwd: sub })).errors);
    expect(got.inputErrors[0].message).toMatch(/JSON syntax error/);
  });
});

describe('files over the limit of text read whole', () => {
  const big = () => list(Array.from({ length: 50 }, (_, i) => pod(`web-${i}`)));

  it('read a pretty-printed JSON List item by item whatever its size', async () => {
    const f = write('over-limit.json', big());
    const s = await streamInputs([f], { cwd: dir, maxFileBytes: 2000 });
    const objects: RawObject[] = [];
    for await (const input of s.inputs) if (input.kind === 'objects') objects.push(...input.objects);
    expect(s.errors).toEqual([]);
    expect(objects).toHaveLength(50);
  });

  it('read a List with one item per line item by item whatever its size', async () => {
    const items = Array.from({ length: 50 }, (_, i) => JSON.stringify(pod(`web-${i}`)));
    const f = write('over-limit-lines.json', `{"apiVersion":"v1","items":[\n${items.join(',\n')}\n],"kind":"List","metadata":{"resourceVersion":""}}\n`);
    const s = await streamInputs([f], { cwd: dir, maxFileBytes: 2000 });
    const objects: RawObject[] = [];
    for await (const input of s.inputs) if (input.kind === 'objects') objects.push(...input.objects);
    expect(s.errors).toEqual([]);
    expect(objects.map((o) => (o.body.metadata as { name: string }).name)).toEqual(Array.from({ length: 50 }, (_, i) => `web-${i}`));
    expect(origin(objects[49]).position?.line).toBe(51);
    expect(origin(objects[49]).locator?.find(['status', 'podIPs', 1])?.line).toBe(51);
  });

  it('refuse other text over the limit, saying how to make it readable item by item', async () => {
    const compact = write('over-limit-compact.json', JSON.stringify(JSON.parse(big())));
    const yaml = write('over-limit.yaml', `${'# padding\n'.repeat(300)}apiVersion: v1\nkind: List\nitems: []\n`);
    const s = await streamInputs([compact, yaml], { cwd: dir, maxFileBytes: 2000 });
    for await (const input of s.inputs) if (input.kind === 'objects') expect([...input.objects]).toEqual([]);
    expect(s.errors.map((e) => e.file)).toEqual([compact, yaml]);
    for (const e of s.errors) expect(e.message).toMatch(/^file is larger than the 2000 bytes limit for text read whole; a JSON List pretty-printed as kubectl writes it/);
  });
});

describe('large files read through a window', () => {
  /** Every file streamed through a window of `windowBytes`. */
  async function windowed(windowBytes: number, ...files: string[]): Promise<SourceResult> {
    const s = await streamInputs(files, { cwd: dir, streamMinBytes: 0, streamWindowBytes: windowBytes });
    const objects: RawObject[] = [];
    for await (const input of s.inputs) if (input.kind === 'objects') for (const raw of input.objects) objects.push(raw);
    return { objects, errors: s.errors, notices: s.notices };
  }

  it('give the whole-text reader\'s objects, positions and field locations when items span many windows', async () => {
    const items = [pod('a'), pod('b', { spec: { containers: [] } }), pod('c')];
    const files = [
      write('w-pods.json', list(items)),
      write('w-crlf.json', list(items, 2).replace(/\n/g, '\r\n')),
      write('w-one-line.json', `{"apiVersion":"v1","items":[\n${items.map((p) => JSON.stringify(p)).join(',\n')}\n],"kind":"List"}\n`),
      write('w-odd.json', list([pod('a'), { metadata: { name: 'no-kind' } }, pod('b')])),
      write('w-not-a-list.json', `${JSON.stringify({ apiVersion: 'example.com/v1', kind: 'Catalog', metadata: { name: 'c' }, items: [{ a: 1 }] }, null, 4)}\n`),
    ];
    for (const size of [1, 7, 64, 1000]) for (const f of files) expect(view(await windowed(size, f))).toEqual(view(await whole(f)));
  });

  it('read a List that is not ASCII as a whole when the first item shows it, and abort when a later one does', async () => {
    const first = write('w-unicode-first.json', list([pod('a', { metadata: { name: 'é-1', namespace: 'shop' } }), pod('b')]));
    expect(view(await windowed(64, first))).toEqual(view(await whole(first)));
    // Past the head and tail read before streaming (64 KiB each).
    const items = Array.from({ length: 600 }, (_, i) => pod(i === 300 ? 'é-1' : `web-${i}`));
    const later = write('w-unicode-later.json', list(items));
    await expect(windowed(64, later)).rejects.toBeInstanceOf(StreamAbort);
    const reread = await streamInputs([later], { cwd: dir, streamMinBytes: Infinity, streamWindowBytes: 64 });
    for await (const input of reread.inputs) if (input.kind === 'objects') expect([...input.objects]).toHaveLength(600);
  });
});
