/** What the live source reads: the list endpoints, the named ConfigMaps, and the model collection each feeds. */

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
  /** Collection this list feeds; undefined for objects with no collection yet. */
  readonly collection?: CollectionName;
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

export const LIST_SPECS: readonly ListSpec[] = [
  { group: '', versions: ['v1'], resource: 'nodes', kind: 'Node', namespaced: false, collection: 'nodes' },
  { group: '', versions: ['v1'], resource: 'pods', kind: 'Pod', namespaced: true, collection: 'pods' },
  { group: '', versions: ['v1'], resource: 'services', kind: 'Service', namespaced: true, collection: 'services' },
  { group: 'discovery.k8s.io', versions: ['v1'], resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true, collection: 'endpointSlices' },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, collection: 'networkPolicies' },
  { group: 'networking.k8s.io', versions: ['v1'], resource: 'ingresses', kind: 'Ingress', namespaced: true, collection: 'ingresses' },
  // ServiceCIDR is GA in 1.33; 1.31–1.32 serve only v1beta1 (when enabled).
  { group: 'networking.k8s.io', versions: ['v1', 'v1beta1'], resource: 'servicecidrs', kind: 'ServiceCIDR', namespaced: false, collection: 'serviceCIDRs' },
  // Gateway API v1 is GA from v1.0 (2023); older installs serve only v1beta1.
  { group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], resource: 'gateways', kind: 'Gateway', namespaced: true, collection: 'gateways', addOn: true },
  { group: 'metallb.io', versions: ['v1beta1'], resource: 'ipaddresspools', kind: 'IPAddressPool', namespaced: true, collection: 'metallbPools', addOn: true },
  { group: 'apps', versions: ['v1'], resource: 'deployments', kind: 'Deployment', namespaced: true, collection: 'workloads' },
  { group: 'apps', versions: ['v1'], resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, collection: 'workloads' },
  { group: 'apps', versions: ['v1'], resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, collection: 'workloads' },
  { group: 'apps', versions: ['v1'], resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, collection: 'workloads' },
  { group: 'batch', versions: ['v1'], resource: 'jobs', kind: 'Job', namespaced: true, collection: 'workloads' },
  { group: 'batch', versions: ['v1'], resource: 'cronjobs', kind: 'CronJob', namespaced: true, collection: 'workloads' },
];

/** Cluster network configuration kept in well-known ConfigMaps (kubeadm, kube-proxy, CoreDNS, kubelet, Istio). */
export const NAMED_CONFIGMAPS: readonly NamedConfigMap[] = [
  { namespace: 'kube-system', name: 'kubeadm-config' },
  { namespace: 'kube-system', name: 'kube-proxy' },
  { namespace: 'kube-system', name: 'coredns' },
  { namespace: 'kube-system', name: 'kubelet-config' },
  { namespace: 'istio-system', name: 'istio' },
  // ingress-nginx's default controller ConfigMap (`--configmap=ingress-nginx/ingress-nginx-controller`).
  { namespace: 'ingress-nginx', name: 'ingress-nginx-controller' },
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
