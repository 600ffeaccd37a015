import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseManifestText } from '../../src/sources/manifests.js';
import { renderSnapshot, splitSnapshots, SNAPSHOT_API_VERSION, type Snapshot } from '../../src/sources/snapshot.js';
import { openSnapshotStream } from '../../src/sources/snapshot-stream.js';
import type { RawObject } from '../../src/model/input.js';

const origin = { kind: 'cluster', cluster: 'kind-dev' } as const;
const objects: RawObject[] = [
  { apiVersion: 'v1', kind: 'Node', body: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', uid: 'u1' }, spec: { podCIDRs: ['10.244.0.0/24'] } }, origin },
  { apiVersion: 'v1', kind: 'Service', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { clusterIPs: ['10.96.0.10'] } }, origin },
];

const snapshot: Snapshot = {
  metadata: { cluster: 'kind-dev', context: 'kind-dev', serverVersion: 'v1.33.1', takenAt: '2026-01-01T00:00:00.000Z', tool: 'dsaudit 0.1.0' },
  availability: {
    nodes: { status: 'present' },
    services: { status: 'present' },
    pods: { status: 'forbidden', reason: 'pods is forbidden' },
    serviceCIDRs: { status: 'absent', reason: 'API networking.k8s.io/v1 servicecidrs not served', notServed: true },
    gateways: { status: 'absent', reason: 'list gateways: HTTP 500' },
  },
  errors: [{ file: 'cluster "kind-dev"', line: null, message: 'list ingresses: HTTP 500' }],
  objects,
};

const text = (s: Snapshot = snapshot) => [...renderSnapshot(s)].join('');

describe('snapshot files', () => {
  it('are JSON with the metadata, coverage and errors first and one object per line', () => {
    const out = text();
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(['apiVersion', 'kind', 'metadata', 'coverage', 'errors', 'items']);
    expect(doc.apiVersion).toBe(SNAPSHOT_API_VERSION);
    expect(doc.metadata).toEqual(snapshot.metadata);
    expect(doc.coverage).toEqual({
      nodes: { status: 'present' },
      pods: { status: 'forbidden', reason: 'pods is forbidden' },
      services: { status: 'present' },
      serviceCIDRs: { status: 'absent', reason: 'API networking.k8s.io/v1 servicecidrs not served', notServed: true },
      gateways: { status: 'absent', reason: 'list gateways: HTTP 500' },
    });
    expect(out.split('\n').filter((l) => l.startsWith('    {"apiVersion"'))).toHaveLength(2);
    expect(JSON.parse(text({ ...snapshot, objects: [] })).items).toEqual([]);
  });

  it('read back through the manifest loader as a cluster: same objects, cluster origin, coverage and errors', () => {
    const { snapshots, manifests } = splitSnapshots(parseManifestText(text(), 'cluster.json'));
    expect(manifests.objects).toEqual([]);
    expect(manifests.errors).toEqual([]);
    expect(snapshots).toHaveLength(1);
    const [s] = snapshots;
    expect(s.file).toBe('cluster.json');
    expect(s.metadata).toEqual(snapshot.metadata);
    expect(s.source.objects.map((o) => o.body)).toEqual(objects.map((o) => o.body));
    expect(s.source.objects.every((o) => o.origin.kind === 'cluster' && o.origin.cluster === 'kind-dev')).toBe(true);
    expect(s.source.availability?.pods).toEqual({ status: 'forbidden', reason: 'pods is forbidden' });
    // An API the server did not serve stays distinct from a list that failed.
    expect(s.source.availability?.serviceCIDRs).toEqual({ status: 'absent', reason: 'API networking.k8s.io/v1 servicecidrs not served', notServed: true });
    expect(s.source.availability?.gateways).toEqual({ status: 'absent', reason: 'list gateways: HTTP 500' });
    // A collection the snapshot says nothing about was not read: absent, never silently present.
    expect(s.source.availability?.ingresses).toEqual({ status: 'absent', reason: 'not recorded in the snapshot' });
    expect(s.source.errors).toEqual(snapshot.errors);
  });

  it('may be YAML too', () => {
    const yaml = stringify(JSON.parse(text()));
    const { snapshots } = splitSnapshots(parseManifestText(yaml, 'cluster.yaml'));
    expect(snapshots[0].source.objects).toHaveLength(2);
  });

  it('leave ordinary manifests alone', () => {
    const plain = parseManifestText('apiVersion: v1\nkind: Service\nmetadata: {name: a}\n', 'svc.yaml');
    expect(splitSnapshots(plain)).toEqual({ snapshots: [], manifests: plain });
  });

  it.each([
    ['no cluster name', { metadata: {} }, /metadata\.cluster must be a non-empty string/],
    ['an unknown coverage status', { coverage: { pods: { status: 'maybe' } } }, /coverage\.pods\.status must be present, absent or forbidden/],
    ['items that are not objects', { items: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' } }, 'oops'] }, /items\[1\] is not a Kubernetes object/],
    ['items that are not a list', { items: {} }, /items must be a list/],
    ['another version', { apiVersion: 'dsaudit.io/v9' }, /unsupported snapshot version dsaudit\.io\/v9/],
  ])('report %s as an input error with the line', (_label, patch, message) => {
    const doc = { ...JSON.parse(text()), ...patch };
    const { manifests } = splitSnapshots(parseManifestText(JSON.stringify(doc, null, 2), 'bad.json'));
    expect(manifests.errors).toHaveLength(1);
    expect(manifests.errors[0].file).toBe('bad.json');
    expect(manifests.errors[0].line).toBeGreaterThan(0);
    expect(manifests.errors[0].message).toMatch(message);
  });
});

describe('large snapshot files, read line by line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsaudit-snapshot-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** 400 pods with a padding annotation, so the file is well over `minBytes`. */
  const many: RawObject[] = Array.from({ length: 400 }, (_, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'shop', annotations: { note: `é ${'x'.repeat(200)}` } }, status: { podIPs: [{ ip: `10.0.${i >> 8}.${i & 255}` }] } },
    origin,
  }));
  const write = (name: string, content: string): { display: string; path: string } => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return { display: name, path };
  };
  const read = (file: { display: string; path: string }, chunkBytes = 4096) => {
    const s = openSnapshotStream(file, { minBytes: 10_000, chunkBytes });
    return s && { s, objects: [...s.objects()] };
  };

  it('reads the same objects, metadata and coverage as the whole-file reader, in chunks smaller than a line', () => {
    const content = text({ ...snapshot, objects: many });
    const streamed = read(write('big.json', content), 128);
    const whole = splitSnapshots(parseManifestText(content, 'big.json')).snapshots[0];
    expect(streamed).toBeDefined();
    expect(streamed!.objects.map((o) => o.body)).toEqual(whole.source.objects.map((o) => o.body));
    expect(streamed!.objects.every((o) => o.origin.kind === 'cluster' && o.origin.cluster === 'kind-dev')).toBe(true);
    expect(streamed!.s.metadata).toEqual(whole.metadata);
    expect(streamed!.s.availability).toEqual(whole.source.availability);
    expect(streamed!.s.errors).toEqual(snapshot.errors);
  });

  it('leaves small files, other documents and other layouts to the manifest loader', () => {
    expect(read(write('small.json', text()))).toBeUndefined();
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: many.map((o) => o.body) }, null, 2);
    expect(read(write('list.json', list))).toBeUndefined();
    // The same snapshot pretty-printed (e.g. by jq): not one object per line.
    expect(read(write('jq.json', JSON.stringify(JSON.parse(text({ ...snapshot, objects: many })), null, 2)))).toBeUndefined();
  });

  it('reports a broken line with its line number and reads the rest', () => {
    const lines = text({ ...snapshot, objects: many }).split('\n');
    const first = lines.findIndex((l) => l.startsWith('    {"apiVersion"'));
    lines[first + 3] = '    {"apiVersion":"v1","kind":"Pod","metadata":{"name":';
    lines[first + 5] = '    ["not", "an", "object"],';
    const got = read(write('broken.json', lines.join('\n')))!;
    expect(got.objects).toHaveLength(398);
    expect(got.s.errors.slice(1)).toEqual([
      { file: 'broken.json', line: first + 4, message: 'snapshot items[3] is not valid JSON (a snapshot holds one object per line)' },
      { file: 'broken.json', line: first + 6, message: 'snapshot items[5] is not a Kubernetes object (needs apiVersion and kind)' },
    ]);
  });

  it('reports a truncated file', () => {
    const content = text({ ...snapshot, objects: many });
    const got = read(write('cut.json', content.slice(0, content.lastIndexOf('    {'))))!;
    expect(got.objects).toHaveLength(399);
    expect(got.s.errors.at(-1)?.message).toBe('snapshot ends before its items are closed (the file is truncated)');
  });
});

describe('a large snapshot that changes before its items are read', () => {
  it('reports the change instead of reading a different file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-snapshot-'));
    try {
      const body = (i: number) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'x' }, data: { pad: 'y'.repeat(100) } });
      const many: RawObject[] = Array.from({ length: 200 }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', body: body(i), origin }));
      const path = join(dir, 'snap.json');
      writeFileSync(path, text({ ...snapshot, objects: many }));
      const s = openSnapshotStream({ display: 'snap.json', path }, { minBytes: 1000 })!;
      writeFileSync(path, text({ ...snapshot, objects: many.slice(0, 10) }));
      expect([...s.objects()]).toEqual([]);
      expect(s.errors.at(-1)).toEqual({ file: 'snap.json', line: null, message: 'snapshot changed while it was being read' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
