/** What the live source reads: the list endpoints, the named ConfigMaps, and the model collection each feeds. */

import { COLLECTION_TABLE } from '../../model/collections.js';
import type { CollectionName } from '../../model/input.js';

/** One listable resource. `versions` are tried in order; a 404 moves on to the next. */
export interface ListSpec {
  /** API group; `''` for core. */
  readonly group: string;
  readonly versions: readonly string[];
  /** Plural resource name as in the URL. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
  /** Collection this list feeds. */
  readonly collection: CollectionName;
  /**
   * An add-on API (a CRD such as Gateway API): when no version is served the cluster has none of these
   * objects, so the collection is present and empty rather than absent.
   */
  readonly addOn?: boolean;
}

/** A ConfigMap read by name with a single GET; never a ConfigMap list. */
export interface NamedConfigMap {
  readonly namespace: string;
  readonly name: string;
}

/** Every kind of the collection table that is listed live, in table order. */
export const LIST_SPECS: readonly ListSpec[] = COLLECTION_TABLE.flatMap((collection) =>
  collection.kinds.flatMap(({ group, kind, list }) =>
    list ? [{ group, versions: list.versions, resource: list.resource, kind, namespaced: list.namespaced, collection: collection.name, ...(collection.addOn ? { addOn: true } : {}) }] : [],
  ),
);

/** Cluster network configuration kept in well-known ConfigMaps (kubeadm, kube-proxy, CoreDNS, kubelet, Istio). */
export const NAMED_CONFIGMAPS: readonly NamedConfigMap[] = [
  { namespace: 'kube-system', name: 'kubeadm-config' },
  { namespace: 'kube-system', name: 'kube-proxy' },
  { namespace: 'kube-system', name: 'coredns' },
  { namespace: 'kube-system', name: 'kubelet-config' },
  { namespace: 'istio-system', name: 'istio' },
  // The injector's Helm values (`values` key): the outbound capture defaults every new sidecar gets (model/network/mesh.ts).
  { namespace: 'istio-system', name: 'istio-sidecar-injector' },
  // ingress-nginx's default controller ConfigMap (`--configmap=ingress-nginx/ingress-nginx-controller`).
  { namespace: 'ingress-nginx', name: 'ingress-nginx-controller' },
  // CNI configuration (model/network/cni.ts): Calico's CNI config, Cilium's agent config, Flannel's net-conf.json
  // (kube-flannel since flannel 0.20, kube-system before).
  { namespace: 'kube-system', name: 'calico-config' },
  { namespace: 'kube-system', name: 'cilium-config' },
  { namespace: 'kube-flannel', name: 'kube-flannel-cfg' },
  { namespace: 'kube-system', name: 'kube-flannel-cfg' },
];

/** `v1` or `group/version`. */
export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** URL of a list (or of one object when `name` is given). */
export function resourcePath(group: string, version: string, resource: string, namespace?: string, name?: string): string {
  const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const ns = namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const one = name !== undefined ? `/${encodeURIComponent(name)}` : '';
  return `${root}${ns}/${resource}${one}`;
}

/** kubectl-style resource label: `pods`, `endpointslices.discovery.k8s.io`. */
export function resourceLabel(spec: Pick<ListSpec, 'group' | 'resource'>): string {
  return spec.group === '' ? spec.resource : `${spec.resource}.${spec.group}`;
}
