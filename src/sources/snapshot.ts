/** Cluster snapshots: what a live scan read, saved as one JSON document, and read back for offline scans. */
import { LISTENERS_NOT_REQUESTED } from './cluster/mesh-listeners.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { collectionSpec, COLLECTIONS } from '../model/collections.js';
import type { Availability, ClusterOrigin, CollectionName, InputError, InputNotice, RawObject, SourceResult } from '../model/input.js';

export const SNAPSHOT_API_VERSION = 'dsaudit.io/v1';
export const SNAPSHOT_KIND = 'ClusterSnapshot';

/** Who and what a snapshot describes. */
export interface SnapshotMetadata {
  /** The label every object and finding of the snapshot carries (the kubeconfig context name). */
  readonly cluster: string;
  /** Kubeconfig context the snapshot was read through. */
  readonly context: string;
  /** `gitVersion` from the API server's /version, when it answered. */
  readonly serverVersion?: string;
  /** When the read finished (ISO 8601, UTC). */
  readonly takenAt: string;
  /** Namespaces the read was limited to; absent for all namespaces. */
  readonly namespaces?: readonly string[];
  /** `dsaudit <version>` that wrote the snapshot. */
  readonly tool: string;
}

/** Everything a snapshot file holds. */
export interface Snapshot {
  readonly metadata: SnapshotMetadata;
  /** What the live read could and could not read, per collection. */
  readonly availability: Partial<Record<CollectionName, Availability>>;
  /** Lists that failed during the read; a scan of the snapshot reports them again. */
  readonly errors: readonly InputError[];
  /** Notes of the read (what was left unread and why); a scan of the snapshot reports them again. Written only when there are some. */
  readonly notices?: readonly InputNotice[];
  readonly objects: readonly RawObject[];
}

/** A snapshot read back from a file: its metadata and what the scan needs. */
export interface LoadedSnapshot {
  readonly metadata: SnapshotMetadata;
  /** The file the snapshot was read from, as shown to the user. */
  readonly file: string;
  readonly source: SourceResult;
}

/** `dsaudit <version>`, recorded in snapshot metadata. */
export function snapshotTool(): string {
  return `${TOOL_NAME} ${TOOL_VERSION}`;
}

/**
 * Renders a snapshot as JSON text, in chunks so a large cluster is never one giant string: the header
 * pretty-printed, then one object per line (diffable, and grep finds an object by its line).
 */
export function renderSnapshot(s: Snapshot): Generator<string> {
  return renderSnapshotTexts(s, s.objects.map((o) => JSON.stringify(o.body)));
}

/** renderSnapshot with the objects already serialized (`JSON.stringify` of each body), in order. */
export function* renderSnapshotTexts(s: Omit<Snapshot, 'objects'>, items: readonly string[]): Generator<string> {
  const m = s.metadata;
  const metadata = {
    cluster: m.cluster,
    context: m.context,
    ...(m.serverVersion !== undefined ? { serverVersion: m.serverVersion } : {}),
    takenAt: m.takenAt,
    ...(m.namespaces && m.namespaces.length > 0 ? { namespaces: [...m.namespaces] } : {}),
    tool: m.tool,
  };
  const coverage: Record<string, { status: string; reason?: string; notServed?: true }> = {};
  for (const name of COLLECTIONS) {
    const a = s.availability[name];
    if (!a) continue;
    if (a.status === 'present') coverage[name] = { status: a.status };
    else coverage[name] = { status: a.status, reason: a.reason, ...(a.status === 'absent' && a.notServed === true ? { notServed: true as const } : {}) };
  }
  const indent = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
  yield `{\n  "apiVersion": ${JSON.stringify(SNAPSHOT_API_VERSION)},\n  "kind": ${JSON.stringify(SNAPSHOT_KIND)},\n`;
  yield `  "metadata": ${indent(metadata)},\n`;
  yield `  "coverage": ${indent(coverage)},\n`;
  yield `  "errors": ${indent(s.errors.map((e) => ({ file: e.file, line: e.line, message: e.message })))},\n`;
  if (s.notices && s.notices.length > 0) yield `  "notices": ${indent(s.notices.map((n) => ({ file: n.file, line: n.line, message: n.message })))},\n`;
  if (items.length === 0) {
    yield '  "items": []\n}\n';
    return;
  }
  yield '  "items": [\n';
  for (let i = 0; i < items.length; i++) {
    yield `    ${items[i]}${i < items.length - 1 ? ',' : ''}\n`;
  }
  yield '  ]\n}\n';
}

/** True for a document that claims to be a dsaudit snapshot (any version). */
export function isSnapshotDocument(raw: RawObject): boolean {
  return raw.kind === SNAPSHOT_KIND && raw.apiVersion.startsWith('dsaudit.io/');
}

type Mapping = Record<string, unknown>;

function asMapping(v: unknown): Mapping | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Mapping) : undefined;
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/**
 * Reads a snapshot document the manifest loader parsed. Its objects take a cluster origin named after
 * `metadata.cluster`, so findings carry the cluster and logical locations exactly as in the live scan.
 */
export function readSnapshot(raw: RawObject): { snapshot?: LoadedSnapshot; errors: InputError[] } {
  const file = raw.origin.kind === 'file' ? raw.origin.file : raw.origin.cluster;
  const lineOf = (path: (string | number)[]): number | null => {
    if (raw.origin.kind !== 'file') return null;
    return (raw.origin.locator?.find(path) ?? raw.origin.position).line;
  };
  const fail = (path: (string | number)[], message: string) => ({ errors: [{ file, line: lineOf(path), message }] });
  if (raw.apiVersion !== SNAPSHOT_API_VERSION) {
    return fail(['apiVersion'], `unsupported snapshot version ${raw.apiVersion} (this dsaudit reads ${SNAPSHOT_API_VERSION}; take the snapshot again)`);
  }
  const meta = asMapping(raw.body.metadata);
  const cluster = optionalString(meta?.cluster);
  if (!meta || !cluster) return fail(['metadata'], 'snapshot metadata.cluster must be a non-empty string');
  const namespaces = Array.isArray(meta.namespaces) ? meta.namespaces.filter((n): n is string => typeof n === 'string') : [];
  const metadata: SnapshotMetadata = {
    cluster,
    context: optionalString(meta.context) ?? cluster,
    ...(optionalString(meta.serverVersion) ? { serverVersion: optionalString(meta.serverVersion) } : {}),
    takenAt: optionalString(meta.takenAt) ?? '',
    ...(namespaces.length > 0 ? { namespaces } : {}),
    tool: optionalString(meta.tool) ?? '',
  };

  const errors: InputError[] = [];
  const coverage = asMapping(raw.body.coverage) ?? {};
  const availability: Partial<Record<CollectionName, Availability>> = {};
  for (const name of COLLECTIONS) {
    const entry = asMapping(coverage[name]);
    const status = entry?.status;
    const reason = optionalString(entry?.reason) ?? 'no reason recorded in the snapshot';
    // Snapshots from before Envoy listeners could be read live were taken without --mesh-listeners.
    if (entry === undefined && collectionSpec(name).liveOptIn) availability[name] = LISTENERS_NOT_REQUESTED;
    else if (entry === undefined) availability[name] = { status: 'absent', reason: 'not recorded in the snapshot' };
    else if (status === 'present') availability[name] = { status: 'present' };
    else if (status === 'absent') availability[name] = { status, reason, ...(entry?.notServed === true ? { notServed: true } : {}) };
    else if (status === 'forbidden') availability[name] = { status, reason };
    else {
      availability[name] = { status: 'absent', reason: 'invalid coverage entry in the snapshot' };
      errors.push({ file, line: lineOf(['coverage', name]), message: `snapshot coverage.${name}.status must be present, absent or forbidden` });
    }
  }

  // Lists that failed during the live read fail the offline scan the same way.
  const recorded: InputError[] = [];
  for (const e of Array.isArray(raw.body.errors) ? raw.body.errors : []) {
    const m = asMapping(e);
    if (m && typeof m.message === 'string') {
      recorded.push({ file: typeof m.file === 'string' ? m.file : `cluster "${cluster}"`, line: typeof m.line === 'number' ? m.line : null, message: m.message });
    }
  }

  const notices: InputNotice[] = [];
  for (const n of Array.isArray(raw.body.notices) ? raw.body.notices : []) {
    const m = asMapping(n);
    if (m && typeof m.message === 'string') {
      notices.push({ file: typeof m.file === 'string' ? m.file : `cluster "${cluster}"`, line: typeof m.line === 'number' ? m.line : null, message: m.message });
    }
  }

  const origin: ClusterOrigin = Object.freeze({ kind: 'cluster', cluster });
  const objects: RawObject[] = [];
  const items = raw.body.items;
  if (!Array.isArray(items)) return { errors: [...errors, { file, line: lineOf(['items']), message: 'snapshot items must be a list' }] };
  items.forEach((item: unknown, i) => {
    const object = snapshotObject(item, origin);
    if (object) objects.push(object);
    else errors.push({ file, line: lineOf(['items', i]), message: notAnObject(i) });
  });
  return { snapshot: { metadata, file, source: { objects, errors: recorded, notices, availability } }, errors };
}

/** One snapshot item as an object of the snapshot's cluster; undefined when it is not a Kubernetes object. */
export function snapshotObject(item: unknown, origin: ClusterOrigin): RawObject | undefined {
  const body = asMapping(item);
  if (!body || typeof body.apiVersion !== 'string' || typeof body.kind !== 'string') return undefined;
  return { apiVersion: body.apiVersion, kind: body.kind, body, origin };
}

/** The input error for item `i` that `snapshotObject` rejected. */
export function notAnObject(i: number): string {
  return `snapshot items[${i}] is not a Kubernetes object (needs apiVersion and kind)`;
}

/** A manifest load split into the snapshots it contained and the plain manifest objects. */
export interface SplitSources {
  readonly snapshots: readonly LoadedSnapshot[];
  /** Everything else: manifest objects, plus every load error and notice (snapshot errors included). */
  readonly manifests: SourceResult;
}

/** Finds the snapshot documents among loaded manifests and reads each one. */
export function splitSnapshots(source: SourceResult): SplitSources {
  if (!source.objects.some(isSnapshotDocument)) return { snapshots: [], manifests: source };
  const snapshots: LoadedSnapshot[] = [];
  const objects: RawObject[] = [];
  const errors: InputError[] = [...source.errors];
  for (const raw of source.objects) {
    if (!isSnapshotDocument(raw)) {
      objects.push(raw);
      continue;
    }
    const read = readSnapshot(raw);
    errors.push(...read.errors);
    if (read.snapshot) snapshots.push(read.snapshot);
  }
  return { snapshots, manifests: { objects, errors, notices: source.notices } };
}
