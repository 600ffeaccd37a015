/**
 * The one table of object kinds dsaudit reads. Everything else about kinds is derived from it: the
 * collection names, the normalizer's dispatch, the live list plan, availability, the engine's object
 * list and the rule tester's markers. A new kind of object is a row here, its normalizer and its type.
 */
import { apiGroupOf, ENVOY_DUMP_API_VERSION, ENVOY_DUMP_KIND, groupKind } from './kinds.js';
import type { RawObject } from './input.js';
import {
  normalizeConfigMap, normalizeEndpointSlice, normalizeGateway, normalizeIngress, normalizeMetalLbPool, normalizeNetworkPolicy,
  normalizeNode, normalizePod, normalizeService, normalizeServiceCIDR, normalizeWorkload, type NormalizeContext, type PodDraft,
} from './objects.js';
import { normalizeCalicoIpPool } from './ip-pools.js';
import { normalizeApiService, normalizeWebhookConfiguration } from './api-server-callers.js';
import { normalizeEnvoyDump } from './envoy-proxies.js';
import { normalizeNamespace } from './namespaces.js';
import { normalizeIstioOperator } from './istio-operators.js';
import { normalizePrometheusMonitor } from './prometheus-monitors.js';
import type { FieldReader } from './reader.js';
import type { CollectionName, DerivedInput, ModelCollections, ModelObject, WorkloadKind } from './types.js';

/** How a kind is listed from a live cluster: `versions` are tried in order, a 404 moves on to the next. */
export interface LiveList {
  /** Plural resource name as in the URL. */
  readonly resource: string;
  readonly versions: readonly string[];
  readonly namespaced: boolean;
}

/** One API kind that feeds a collection. */
export interface KindSpec {
  /** API group; `''` for core. */
  readonly group: string;
  readonly kind: string;
  /** Listed live this way; unset for kinds read only from files (or, like ConfigMaps, live by name only). */
  readonly list?: LiveList;
}

/** The item a collection's normalizer produces: the model object, or a Pod draft that owner resolution completes. */
type Normalized<N extends CollectionName> = N extends 'pods' ? PodDraft : ModelCollections[N][number];

export interface CollectionSpec<N extends CollectionName = CollectionName> {
  readonly name: N;
  /** What the objects are called in messages ("no Node objects in the input"). */
  readonly label: string;
  readonly kinds: readonly KindSpec[];
  /**
   * An add-on API (a CRD such as Gateway API): when no version is served the cluster has none of these
   * objects, so the collection is present and empty rather than absent.
   */
  readonly addOn?: boolean;
  /**
   * Read from a live cluster only when asked (`--mesh-listeners`): when it was not read, the cluster's
   * coverage has no gap for it (the rules that need it are still not assessed, with the reason).
   */
  readonly liveOptIn?: boolean;
  /** The role that grants its live read, when it is not deploy/rbac.yaml. */
  readonly rbac?: string;
  readonly normalize: (raw: RawObject, reader: FieldReader, ctx: NormalizeContext, kind: KindSpec) => Normalized<N>;
}

const core = (kind: string, resource: string, namespaced: boolean): KindSpec => ({ group: '', kind, list: { resource, versions: ['v1'], namespaced } });
const workload = (group: 'apps' | 'batch', kind: WorkloadKind, resource: string): KindSpec => ({ group, kind, list: { resource, versions: ['v1'], namespaced: true } });

/** Written once per collection; the order is the order of collections in coverage, snapshots and the engine. */
const TABLE = [
  { name: 'nodes', label: 'Node', kinds: [core('Node', 'nodes', false)], normalize: normalizeNode },
  { name: 'pods', label: 'Pod', kinds: [core('Pod', 'pods', true)], normalize: normalizePod },
  { name: 'services', label: 'Service', kinds: [core('Service', 'services', true)], normalize: normalizeService },
  {
    name: 'endpointSlices', label: 'EndpointSlice', normalize: normalizeEndpointSlice,
    kinds: [{ group: 'discovery.k8s.io', kind: 'EndpointSlice', list: { resource: 'endpointslices', versions: ['v1'], namespaced: true } }],
  },
  {
    name: 'networkPolicies', label: 'NetworkPolicy', normalize: normalizeNetworkPolicy,
    kinds: [{ group: 'networking.k8s.io', kind: 'NetworkPolicy', list: { resource: 'networkpolicies', versions: ['v1'], namespaced: true } }],
  },
  {
    name: 'ingresses', label: 'Ingress', normalize: normalizeIngress,
    // extensions/v1beta1 Ingress (removed in 1.22) still appears in old manifests; it is never listed live.
    kinds: [{ group: 'networking.k8s.io', kind: 'Ingress', list: { resource: 'ingresses', versions: ['v1'], namespaced: true } }, { group: 'extensions', kind: 'Ingress' }],
  },
  {
    name: 'workloads', label: 'workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)',
    normalize: (raw, reader, ctx, kind) => normalizeWorkload(raw, reader, kind.kind as WorkloadKind, ctx),
    kinds: [
      workload('apps', 'Deployment', 'deployments'), workload('apps', 'StatefulSet', 'statefulsets'), workload('apps', 'DaemonSet', 'daemonsets'),
      workload('apps', 'ReplicaSet', 'replicasets'), workload('batch', 'Job', 'jobs'), workload('batch', 'CronJob', 'cronjobs'),
    ],
  },
  // Read live by name only (src/sources/cluster/plan.ts NAMED_CONFIGMAPS, and those pods reference: cluster/referenced-config-maps.ts), never listed: ConfigMaps may hold secrets of their own.
  { name: 'configMaps', label: 'ConfigMap', kinds: [{ group: '', kind: 'ConfigMap' }], normalize: normalizeConfigMap },
  {
    name: 'serviceCIDRs', label: 'ServiceCIDR', normalize: normalizeServiceCIDR,
    // ServiceCIDR is GA in 1.33; 1.31–1.32 serve only v1beta1 (when enabled).
    kinds: [{ group: 'networking.k8s.io', kind: 'ServiceCIDR', list: { resource: 'servicecidrs', versions: ['v1', 'v1beta1'], namespaced: false } }],
  },
  {
    name: 'gateways', label: 'Gateway', addOn: true, normalize: normalizeGateway,
    // Gateway API v1 is GA from v1.0 (2023); older installs serve only v1beta1.
    kinds: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', list: { resource: 'gateways', versions: ['v1', 'v1beta1'], namespaced: true } }],
  },
  {
    name: 'metallbPools', label: 'MetalLB IPAddressPool', addOn: true, normalize: normalizeMetalLbPool,
    kinds: [{ group: 'metallb.io', kind: 'IPAddressPool', list: { resource: 'ipaddresspools', versions: ['v1beta1'], namespaced: true } }],
  },
  {
    name: 'calicoIpPools', label: 'Calico IPPool', addOn: true, normalize: normalizeCalicoIpPool,
    // The CRD Calico stores pools in; projectcalico.org/v3 is the same object through the optional Calico API server.
    kinds: [{ group: 'crd.projectcalico.org', kind: 'IPPool', list: { resource: 'ippools', versions: ['v1'], namespaced: false } }, { group: 'projectcalico.org', kind: 'IPPool' }],
  },
  {
    name: 'prometheusMonitors', label: 'Prometheus Operator monitor (ServiceMonitor, PodMonitor, ScrapeConfig)', addOn: true, normalize: normalizePrometheusMonitor,
    // ScrapeConfig is still v1alpha1 in prometheus-operator (v0.65 and later).
    kinds: [
      { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', list: { resource: 'servicemonitors', versions: ['v1'], namespaced: true } },
      { group: 'monitoring.coreos.com', kind: 'PodMonitor', list: { resource: 'podmonitors', versions: ['v1'], namespaced: true } },
      { group: 'monitoring.coreos.com', kind: 'ScrapeConfig', list: { resource: 'scrapeconfigs', versions: ['v1alpha1'], namespaced: true } },
    ],
  },
  {
    name: 'webhookConfigurations', label: 'admission webhook configuration (ValidatingWebhookConfiguration, MutatingWebhookConfiguration)',
    normalize: normalizeWebhookConfiguration,
    // admissionregistration.k8s.io/v1beta1 (removed in 1.22) still appears in old manifests; it is never listed live.
    kinds: [
      { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration', list: { resource: 'validatingwebhookconfigurations', versions: ['v1'], namespaced: false } },
      { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration', list: { resource: 'mutatingwebhookconfigurations', versions: ['v1'], namespaced: false } },
    ],
  },
  {
    name: 'apiServices', label: 'APIService', normalize: normalizeApiService,
    kinds: [{ group: 'apiregistration.k8s.io', kind: 'APIService', list: { resource: 'apiservices', versions: ['v1'], namespaced: false } }],
  },
  {
    name: 'envoyProxies', label: 'Envoy listener dump', liveOptIn: true, rbac: 'deploy/rbac-mesh.yaml', normalize: normalizeEnvoyDump,
    // Files only (an admin /config_dump or istioctl proxy-config output, recognised by shape); never listed live.
    kinds: [{ group: apiGroupOf(ENVOY_DUMP_API_VERSION), kind: ENVOY_DUMP_KIND }],
  },
  { name: 'namespaces', label: 'Namespace', kinds: [core('Namespace', 'namespaces', false)], normalize: normalizeNamespace },
  {
    name: 'istioOperators', label: 'IstioOperator', addOn: true, normalize: normalizeIstioOperator,
    // Served only where the in-cluster operator's CRD is installed (istioctl install also stores the resource it applied).
    kinds: [{ group: 'install.istio.io', kind: 'IstioOperator', list: { resource: 'istiooperators', versions: ['v1alpha1'], namespaced: true } }],
  },
] as const satisfies readonly { [N in CollectionName]: CollectionSpec<N> }[CollectionName][];

/** Fails to compile when ModelCollections has a collection the table lacks. */
type MissingRow = Exclude<CollectionName, (typeof TABLE)[number]['name']>;
const everyCollectionHasARow: MissingRow extends never ? true : MissingRow = true;
void everyCollectionHasARow;

export const COLLECTION_TABLE: readonly CollectionSpec[] = TABLE as readonly CollectionSpec[];

/** Every collection name, in table order. */
export const COLLECTIONS: readonly CollectionName[] = TABLE.map((row) => row.name);

/** Every model input derived from the collections rather than read, which rules may declare too. */
export const DERIVED_INPUTS: readonly DerivedInput[] = ['clusterNetwork', 'workloadSpecs', 'cni', 'mesh'];

const BY_NAME = new Map<CollectionName, CollectionSpec>(COLLECTION_TABLE.map((row) => [row.name, row]));
const BY_GROUP_KIND = new Map<string, { readonly collection: CollectionSpec; readonly kind: KindSpec }>(
  COLLECTION_TABLE.flatMap((collection) => collection.kinds.map((kind) => [groupKind(kind.group === '' ? 'v1' : `${kind.group}/v1`, kind.kind), { collection, kind }] as const)),
);

export function collectionSpec(name: CollectionName): CollectionSpec {
  return BY_NAME.get(name)!;
}

/** The collection (and kind row) an object of `apiVersion`/`kind` belongs to; undefined for kinds that feed none. */
export function collectionOf(apiVersion: string, kind: string): { readonly collection: CollectionSpec; readonly kind: KindSpec } | undefined {
  return BY_GROUP_KIND.get(groupKind(apiVersion, kind));
}

/** The role in deploy/ that grants a collection's live read. */
export function rbacFileOf(name: CollectionName): string {
  return collectionSpec(name).rbac ?? 'deploy/rbac.yaml';
}

/** Every object of every collection of a model, in table order. */
export function objectsOf(model: ModelCollections): ModelObject[] {
  return COLLECTIONS.flatMap((name) => model[name] as readonly ModelObject[]);
}
