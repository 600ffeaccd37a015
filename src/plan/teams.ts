/** Which team each namespace belongs to: the value of a label on its Namespace object (`scan --team-label team`). */
import type { ClusterModel } from '../model/types.js';

/** The team of a namespace, or why there is none. */
export type TeamOf =
  | { readonly team: string }
  | { readonly none: 'unlabelled' | 'namespace-not-read' | 'cluster-scoped' };

/** Namespace teams per cluster, read from the models of one run. */
export interface TeamMap {
  /** The label read (`team`, `example.com/team`). */
  readonly label: string;
  /** `cluster ?? ''` → namespace → label value; only namespaces whose Namespace object was read. */
  readonly byCluster: ReadonlyMap<string, ReadonlyMap<string, string | undefined>>;
}

export function buildTeamMap(models: readonly ClusterModel[], label: string): TeamMap {
  const byCluster = new Map<string, Map<string, string | undefined>>();
  for (const model of models) {
    const namespaces = byCluster.get(model.cluster ?? '') ?? new Map<string, string | undefined>();
    for (const ns of model.namespaces) {
      const value = ns.labels[label];
      namespaces.set(ns.ref.name, value !== undefined && value !== '' ? value : undefined);
    }
    byCluster.set(model.cluster ?? '', namespaces);
  }
  return { label, byCluster };
}

/** The team of an object in `namespace` of `cluster` (undefined for manifests). */
export function teamOf(map: TeamMap, cluster: string | undefined, namespace: string | undefined): TeamOf {
  if (namespace === undefined) return { none: 'cluster-scoped' };
  const namespaces = map.byCluster.get(cluster ?? '');
  if (!namespaces?.has(namespace)) return { none: 'namespace-not-read' };
  const team = namespaces.get(namespace);
  return team !== undefined ? { team } : { none: 'unlabelled' };
}
