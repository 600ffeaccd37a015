/** Live-cluster source: read-only, paginated GETs of what the rules need, with per-collection availability. */

import type { Availability, ClusterOrigin, CollectionName, InputError, InputNotice, RawObject, SourceResult } from '../model/input.js';
import { ApiClient } from './cluster/client.js';
import { ClusterSourceError } from './cluster/errors.js';
import { connect, type Connection } from './cluster/kubeconfig.js';
import { getNamed, listAll, type FetchOutcome } from './cluster/lister.js';
import { LISTENERS_NOT_REQUESTED, ProxySampler, readMeshListeners } from './cluster/mesh-listeners.js';
import { apiVersionOf, LIST_SPECS, NAMED_CONFIGMAPS, resourceLabel, type ListSpec } from './cluster/plan.js';
import { ConfigMapReferences, DEFAULT_MAX_CONFIGMAPS, readReferencedConfigMaps } from './cluster/referenced-config-maps.js';

export { ClusterSourceError } from './cluster/errors.js';
export { LIST_SPECS, NAMED_CONFIGMAPS } from './cluster/plan.js';

/** Progress of one list (per namespace when namespaces are given). */
export interface ClusterProgress {
  /** kubectl-style resource name, e.g. `pods` or `endpointslices.discovery.k8s.io`. */
  readonly resource: string;
  readonly namespace?: string;
  readonly pages: number;
  readonly objects: number;
  readonly done: boolean;
}

export interface ClusterSourceOptions {
  /** Kubeconfig path; else KUBECONFIG (several paths), ~/.kube/config, then in-cluster. */
  kubeconfig?: string;
  /** Context name; else the current context. */
  context?: string;
  /** Namespaces to read namespaced resources from; empty or undefined means all namespaces. */
  namespaces?: string[];
  insecureSkipTlsVerify?: boolean;
  /** Bound for each request, in ms (default 30000). */
  requestTimeoutMs?: number;
  /** `limit` of each list page (default 500). */
  pageSize?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  onProgress?: (e: ClusterProgress) => void;
  /** Drop managedFields and last-applied annotations as pages arrive (default true). */
  reduce?: boolean;
  /** Attempts per request for 429/5xx/resets/timeouts (default 4). */
  maxAttempts?: number;
  /** First retry backoff in ms, doubled each retry (default 200). */
  retryBaseDelayMs?: number;
  /** Longest response body accepted, in characters (default: V8's string limit, about 512 Mi). */
  maxResponseChars?: number;
  /**
   * Receives the objects of each page as it arrives, in no particular order; the result's `objects`
   * is then empty. A scan normalizes them right away, so the raw JSON never accumulates.
   */
  onObjects?: (objects: RawObject[]) => void;
  /**
   * `--mesh-listeners`: read the listener configuration of at most `perWorkload` proxies per workload
   * from istiod (GET through the service proxy; its RBAC is the separate deploy/rbac-mesh.yaml).
   */
  meshListeners?: { readonly perWorkload: number };
  /**
   * `--max-configmaps`: the ConfigMaps the pods and pod templates reference are read by name after the
   * lists, at most this many (default 500); the rest are named in a notice.
   */
  maxConfigMaps?: number;
  /** Cancels the read: requests in flight are aborted and `loadCluster` throws `ClusterSourceError`. */
  signal?: AbortSignal;
}

export type ClusterSourceResult = SourceResult & { clusterName: string; serverVersion?: string };

type Outcome = FetchOutcome & { readonly what: string };

/**
 * Reads the cluster behind a kubeconfig context with GET requests only (never watch, never Secrets,
 * ConfigMaps only by name: the well-known ones and those the pods reference). Throws `ClusterSourceError` when the cluster cannot be used at all.
 */
export async function loadCluster(options: ClusterSourceOptions): Promise<ClusterSourceResult> {
  const concurrency = concurrencyOf(options);
  const conn = await connect({
    kubeconfig: options.kubeconfig,
    context: options.context,
    insecureSkipTlsVerify: options.insecureSkipTlsVerify,
    maxSockets: concurrency,
  });
  const client = new ApiClient(conn, {
    timeoutMs: options.requestTimeoutMs ?? 30_000,
    concurrency,
    maxAttempts: Math.max(1, options.maxAttempts ?? 4),
    baseDelayMs: options.retryBaseDelayMs ?? 200,
    maxRetryAfterMs: 10_000,
    ...(options.maxResponseChars !== undefined ? { maxResponseChars: options.maxResponseChars } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    return await read(client, conn, options);
  } finally {
    client.close();
    conn.close();
  }
}

async function read(client: ApiClient, conn: Connection, options: ClusterSourceOptions): Promise<ClusterSourceResult> {
  const context = conn.context;
  const origin: ClusterOrigin = Object.freeze({ kind: 'cluster', cluster: context });
  const namespaces = [...new Set(options.namespaces ?? [])].sort();
  const reduce = options.reduce ?? true;
  const listOpts = { pageSize: Math.max(1, options.pageSize ?? 500), reduce, maxRestarts: 3 };

  // Probe first: an unreachable server, bad TLS or rejected credentials fail here, before any fan-out.
  const serverVersion = await probeVersion(client, conn);
  const sampler = options.meshListeners ? new ProxySampler(Math.max(1, options.meshListeners.perWorkload)) : undefined;
  const references = new ConfigMapReferences();
  const toRawSampled = (body: Record<string, unknown>): RawObject => {
    sampler?.observe(body);
    references.observe(body);
    return toRaw(body, origin);
  };

  const listOne = async (spec: ListSpec, namespace: string | undefined): Promise<Outcome> => {
    const scope = namespace !== undefined ? `in namespace "${namespace}"` : 'at cluster scope';
    const label = resourceLabel(spec);
    let out: FetchOutcome = { status: 'absent' };
    let pagesRead = 0;
    let objectsRead = 0;
    const onItems = options.onObjects ? (items: Record<string, unknown>[]) => options.onObjects?.(items.map(toRawSampled)) : undefined;
    for (const version of spec.versions) {
      out = await listAll(client, { group: spec.group, version, resource: spec.resource, kind: spec.kind, namespace }, {
        ...listOpts,
        ...(onItems ? { onItems } : {}),
        onPage: (pages, objects) => {
          pagesRead = pages;
          objectsRead = objects;
          options.onProgress?.({ resource: label, namespace, pages, objects, done: false });
        },
      });
      if (out.status !== 'absent') break;
    }
    options.onProgress?.({ resource: label, namespace, pages: pagesRead, objects: out.status === 'ok' ? objectsRead : 0, done: true });
    return { ...out, what: `list ${spec.resource} ${scope}` };
  };

  const listTasks = LIST_SPECS.map((spec) => {
    const scopes = spec.namespaced && namespaces.length > 0 ? namespaces : [undefined];
    return scopes.map((ns) => listOne(spec, ns));
  });
  const cmTasks = NAMED_CONFIGMAPS.map(async (cm): Promise<Outcome> => {
    const out = await getNamed(client, { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespace: cm.namespace, name: cm.name }, reduce);
    return { ...out, what: `get configmaps ${cm.namespace}/${cm.name}` };
  });

  // Wait for every task, so a fatal error never leaves requests running behind the caller's back.
  await Promise.allSettled([...listTasks.flat(), ...cmTasks]);
  if (client.fatalError) throw client.fatalError;
  const lists = await Promise.all(listTasks.map((tasks) => Promise.all(tasks)));
  const configMaps = await Promise.all(cmTasks);

  const objects: RawObject[] = [];
  const errors: InputError[] = [];
  const byCollection = new Map<CollectionName, Array<{ spec?: ListSpec; outcomes: Outcome[] }>>();
  const collect = (collection: CollectionName | undefined, spec: ListSpec | undefined, outcomes: Outcome[]): void => {
    for (const o of outcomes) {
      if (o.status === 'ok' && options.onObjects && o.items.length > 0) options.onObjects(o.items.map(toRawSampled));
      else if (o.status === 'ok') for (const body of o.items) objects.push(toRawSampled(body));
      if (o.status === 'error') errors.push({ file: `cluster "${context}"`, line: null, message: o.message });
    }
    if (!collection) return;
    const group = byCollection.get(collection) ?? [];
    group.push({ spec, outcomes });
    byCollection.set(collection, group);
  };
  LIST_SPECS.forEach((spec, i) => collect(spec.collection, spec, lists[i]));
  collect('configMaps', undefined, configMaps);

  const availability: Partial<Record<CollectionName, Availability>> = {};
  for (const [collection, parts] of byCollection) availability[collection] = combine(parts);

  const notices: InputNotice[] = [];
  // After the lists, which named every pod and template: one GET per referenced ConfigMap.
  const referenced = await readReferencedConfigMaps(client, references.pending(NAMED_CONFIGMAPS), {
    max: Math.max(0, options.maxConfigMaps ?? DEFAULT_MAX_CONFIGMAPS), concurrency: concurrencyOf(options), reduce,
  });
  if (client.fatalError) throw client.fatalError;
  collect(undefined, undefined, [...referenced.outcomes]);
  if (referenced.notice) notices.push({ file: `cluster "${context}"`, line: null, message: referenced.notice });
  // Not asked for: said so, so the rules that need listeners give the reason (and snapshots record it).
  if (!sampler) availability.envoyProxies = LISTENERS_NOT_REQUESTED;
  if (sampler) {
    const mesh = await readMeshListeners(client, sampler, origin);
    if (client.fatalError) throw client.fatalError;
    if (options.onObjects && mesh.objects.length > 0) options.onObjects(mesh.objects);
    else objects.push(...mesh.objects);
    availability.envoyProxies = mesh.availability;
    if (mesh.notice) notices.push({ file: `cluster "${context}"`, line: null, message: mesh.notice });
  }

  return { objects: sortObjects(objects), errors, notices, availability, clusterName: context, serverVersion };
}

function concurrencyOf(options: ClusterSourceOptions): number {
  return Math.max(1, options.concurrency ?? 4);
}

async function probeVersion(client: ApiClient, conn: Connection): Promise<string | undefined> {
  try {
    const res = await client.get('/version');
    const v = res.status === 200 && res.body && typeof res.body === 'object' ? (res.body as Record<string, unknown>).gitVersion : undefined;
    return typeof v === 'string' ? client.redact(v) : undefined;
  } catch (err) {
    if (err instanceof ClusterSourceError) throw err;
    // A probe that keeps timing out or resetting means the server is unusable.
    throw new ClusterSourceError(`cannot reach cluster "${conn.context}" at ${conn.server}: ${client.redact((err as Error).message)}`, conn.context, conn.server);
  }
}

/** One collection's availability from all lists (and namespaces) feeding it. */
function combine(parts: ReadonlyArray<{ spec?: ListSpec; outcomes: readonly Outcome[] }>): Availability {
  const forbidden: string[] = [];
  const absent: string[] = [];
  const failed: string[] = [];
  for (const { spec, outcomes } of parts) {
    for (const o of outcomes) {
      if (o.status === 'forbidden') forbidden.push(o.message ?? `forbidden: ${o.what}`);
      else if (o.status === 'error') failed.push(o.message);
      else if (o.status === 'absent' && spec && !spec.addOn) absent.push(notServed(spec));
    }
  }
  if (forbidden.length > 0) return { status: 'forbidden', reason: summarize([...forbidden, ...absent, ...failed]) };
  if (failed.length > 0) return { status: 'absent', reason: summarize([...failed, ...absent]) };
  if (absent.length > 0) return { status: 'absent', reason: summarize(absent), notServed: true };
  return { status: 'present' };
}

function notServed(spec: ListSpec): string {
  const [first, ...rest] = spec.versions;
  const also = rest.length > 0 ? ` (nor ${rest.join(', ')})` : '';
  return `API ${apiVersionOf(spec.group, first)} ${spec.resource} not served${also}`;
}

/** Distinct reasons in order; long lists (one per namespace) are cut to keep the reason one line. */
function summarize(reasons: readonly string[]): string {
  const distinct = [...new Set(reasons)];
  const shown = distinct.slice(0, 3).join('; ');
  return distinct.length > 3 ? `${shown}; and ${distinct.length - 3} more` : shown;
}

function toRaw(body: Record<string, unknown>, origin: ClusterOrigin): RawObject {
  return { apiVersion: String(body.apiVersion), kind: String(body.kind), body, origin };
}

/**
 * The order of a live read's objects, as a string that sorts like (apiVersion, kind, namespace, name)
 * in plain code-unit order, independent of locale: NUL sorts before every character a name can hold.
 */
export function objectOrderKey(o: RawObject): string {
  const meta = (o.body.metadata ?? {}) as Record<string, unknown>;
  const ns = typeof meta.namespace === 'string' ? meta.namespace : '';
  const name = typeof meta.name === 'string' ? meta.name : '';
  return `${o.apiVersion}\u0000${o.kind}\u0000${ns}\u0000${name}`;
}

function sortObjects(objects: readonly RawObject[]): RawObject[] {
  const keyed = objects.map((o) => ({ key: objectOrderKey(o), o }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return keyed.map((k) => k.o);
}
