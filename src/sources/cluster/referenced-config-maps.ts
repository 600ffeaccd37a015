/** The ConfigMaps the listed Pods and pod templates reference, read afterwards one by one by name: never a ConfigMap list, never Secrets. */
import { collectionOf } from '../../model/collections.js';
import { configMapRefsOf } from '../../model/config-map-refs.js';
import type { ApiClient } from './client.js';
import { getNamed, type FetchOutcome } from './lister.js';
import type { NamedConfigMap } from './plan.js';

/** The role that grants `get` on every ConfigMap by name. */
export const WORKLOAD_CONFIG_RBAC = 'deploy/rbac-workload-config.yaml';

/** Default of `--max-configmaps`. */
export const DEFAULT_MAX_CONFIGMAPS = 500;

function at(body: unknown, path: readonly string[]): unknown {
  let v = body;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
  return v;
}

/** Where the pod spec of an object sits, or undefined for objects that carry none. */
function podSpecPath(apiVersion: unknown, kind: unknown): readonly string[] | undefined {
  const collection = typeof apiVersion === 'string' && typeof kind === 'string' ? collectionOf(apiVersion, kind)?.collection.name : undefined;
  if (collection === 'pods') return ['spec'];
  if (collection !== 'workloads') return undefined;
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}

/** Collects, as list pages arrive, the distinct `namespace/name` of every ConfigMap a Pod or workload template references. */
export class ConfigMapReferences {
  private readonly refs = new Set<string>();

  observe(body: Record<string, unknown>): void {
    const path = podSpecPath(body.apiVersion, body.kind);
    const namespace = at(body, ['metadata', 'namespace']);
    if (!path || typeof namespace !== 'string') return;
    for (const ref of configMapRefsOf(at(body, path), path.join('.'))) this.refs.add(`${namespace}/${ref.name}`);
  }

  /** The references not already read, sorted, so a cap always keeps the same ones. */
  pending(alreadyRead: readonly NamedConfigMap[]): NamedConfigMap[] {
    const read = new Set(alreadyRead.map((cm) => `${cm.namespace}/${cm.name}`));
    return [...this.refs].filter((k) => !read.has(k)).sort().map((k) => {
      const slash = k.indexOf('/');
      return { namespace: k.slice(0, slash), name: k.slice(slash + 1) };
    });
  }
}

/** What reading the referenced ConfigMaps gave: the outcomes of the GETs sent, and a note when some were not read. */
export interface ReferencedRead {
  readonly outcomes: ReadonlyArray<FetchOutcome & { readonly what: string }>;
  readonly notice?: string;
}

/**
 * GETs each ConfigMap by name, at most `max`, `concurrency` at a time. The first 403 stops the
 * requests not yet sent: the role that allows one allows them all (deploy/rbac-workload-config.yaml),
 * so the others would be refused as well.
 */
export async function readReferencedConfigMaps(
  client: ApiClient, wanted: readonly NamedConfigMap[], opts: { readonly max: number; readonly concurrency: number; readonly reduce: boolean },
): Promise<ReferencedRead> {
  const queue = wanted.slice(0, opts.max);
  const outcomes: Array<FetchOutcome & { readonly what: string }> = [];
  let forbidden: string | undefined;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (forbidden === undefined && next < queue.length) {
      const cm = queue[next++];
      const out = await getNamed(client, { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespace: cm.namespace, name: cm.name }, opts.reduce);
      if (out.status === 'forbidden') forbidden ??= out.message ?? `forbidden: get configmaps ${cm.namespace}/${cm.name}`;
      else outcomes.push({ ...out, what: `get configmaps ${cm.namespace}/${cm.name}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, opts.concurrency), queue.length) }, worker));
  const unread = wanted.length - outcomes.length;
  const why = forbidden !== undefined ? `${forbidden}; grant ${WORKLOAD_CONFIG_RBAC}` : `--max-configmaps ${opts.max}`;
  if (unread === 0) return { outcomes };
  return { outcomes, notice: `${unread} of the ${wanted.length} ConfigMaps the pods reference were not read (${why}): DS601 and DS604 cannot see their contents` };
}
