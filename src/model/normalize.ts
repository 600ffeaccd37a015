/** Turns raw objects from any source into the frozen ClusterModel that rules read. */
import type { Availability, CollectionName, InputError, RawObject } from '../sources/types.js';
import { COLLECTIONS } from '../sources/types.js';
import { buildClusterNetwork, type ConfigDocument, type NetworkOverrides } from './cluster-network.js';
import { groupKind, KIND, WORKLOAD_KINDS } from './kinds.js';
import {
  displayRef, normalizeConfigMap, normalizeEndpointSlice, normalizeIngress, normalizeNetworkPolicy, normalizeNode,
  normalizeGateway, normalizeMetalLbPool, normalizePod, normalizeService, normalizeServiceCIDR, normalizeWorkload, refOf, type NormalizeContext, type PodDraft,
} from './objects.js';
import { resolveTopOwners } from './owners.js';
import { SiblingValues } from './siblings.js';
import { FieldReader } from './reader.js';
import type { ClusterModel, DerivedInput, Gateway, MetalLbPool, ObjectRef, ConfigMap, EndpointSlice, Ingress, ModelObject, NetworkPolicy, Node, Service, ServiceCIDR, Target, Workload } from './types.js';

export interface NormalizeOptions {
  readonly target: Target;
  readonly overrides?: NetworkOverrides;
  readonly defaultNamespace?: string;
  /** Name of the cluster the objects come from (live and snapshot sources). */
  readonly cluster?: string;
  /** What the source knows it could or could not read; unset entries are derived from the objects. */
  readonly availability?: Partial<Record<CollectionName, Availability>>;
  /** `gitVersion` the API server reported at `/version` (live reads and their snapshots). */
  readonly serverVersion?: string;
}

export interface NormalizeResult {
  readonly model: ClusterModel;
  /** Wrong-typed fields, reported like parse errors (file:line). */
  readonly errors: readonly InputError[];
}

const COLLECTION_KIND_NAMES: Readonly<Record<CollectionName, string>> = {
  nodes: 'Node',
  pods: 'Pod',
  services: 'Service',
  endpointSlices: 'EndpointSlice',
  networkPolicies: 'NetworkPolicy',
  ingresses: 'Ingress',
  workloads: 'workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)',
  configMaps: 'ConfigMap',
  serviceCIDRs: 'ServiceCIDR',
  gateways: 'Gateway',
  metallbPools: 'MetalLB IPAddressPool',
};

const cmp = (x: string, y: string): number => (x === y ? 0 : x < y ? -1 : 1);

/** Order by (cluster, kind, namespace, name), without allocating: it runs n log n times on large inputs. */
function compareRefs(a: ModelObject, b: ModelObject): number {
  return (
    cmp(a.ref.cluster ?? '', b.ref.cluster ?? '') ||
    cmp(a.ref.kind, b.ref.kind) ||
    cmp(a.ref.namespace ?? '', b.ref.namespace ?? '') ||
    cmp(a.ref.name, b.ref.name)
  );
}

function sorted<T extends ModelObject>(items: T[]): readonly T[] {
  return Object.freeze(items.sort(compareRefs));
}

/** `objects` is read once, in order: it may be a stream that reads files as it goes. */
export function normalize(objects: Iterable<RawObject>, options: NormalizeOptions): NormalizeResult {
  const builder = new ModelBuilder(options);
  for (const raw of objects) builder.add(raw);
  return builder.build();
}

/**
 * Normalizes objects handed over one at a time, so a source can pass each page as it arrives and
 * drop the raw JSON: memory then tracks the model, not the input.
 */
export class ModelBuilder {
  private readonly ctx: NormalizeContext;
  private readonly errors: InputError[] = [];
  private readonly nodes: Node[] = [];
  private readonly podDrafts: PodDraft[] = [];
  private readonly services: Service[] = [];
  private readonly endpointSlices: EndpointSlice[] = [];
  private readonly networkPolicies: NetworkPolicy[] = [];
  private readonly ingresses: Ingress[] = [];
  private readonly workloads: Workload[] = [];
  private readonly configMaps: ConfigMap[] = [];
  private readonly serviceCIDRs: ServiceCIDR[] = [];
  private readonly gateways: Gateway[] = [];
  private readonly metallbPools: MetalLbPool[] = [];
  private readonly configDocuments: ConfigDocument[] = [];

  constructor(private readonly options: NormalizeOptions) {
    this.ctx = { defaultNamespace: options.defaultNamespace ?? 'default', siblings: new SiblingValues() };
  }

  add(raw: RawObject): void {
    const { ctx, errors, nodes, podDrafts, services, endpointSlices, networkPolicies, ingresses, workloads, configMaps, serviceCIDRs, gateways, metallbPools, configDocuments } = this;
    const gk = groupKind(raw.apiVersion, raw.kind);
    const reader = new FieldReader(raw, `${raw.kind} ${String((raw.body.metadata as { name?: unknown } | null)?.name ?? '')}`.trim());
    switch (gk) {
      case KIND.node: nodes.push(normalizeNode(raw, reader, ctx)); break;
      case KIND.pod: podDrafts.push(normalizePod(raw, reader, ctx)); break;
      case KIND.service: services.push(normalizeService(raw, reader, ctx)); break;
      case KIND.endpointSlice: endpointSlices.push(normalizeEndpointSlice(raw, reader, ctx)); break;
      case KIND.networkPolicy: networkPolicies.push(normalizeNetworkPolicy(raw, reader, ctx)); break;
      case KIND.ingress:
      case KIND.legacyIngress: ingresses.push(normalizeIngress(raw, reader, ctx)); break;
      case KIND.configMap: configMaps.push(normalizeConfigMap(raw, reader, ctx)); break;
      case KIND.serviceCIDR: serviceCIDRs.push(normalizeServiceCIDR(raw, reader, ctx)); break;
      case KIND.gateway: gateways.push(normalizeGateway(raw, reader, ctx)); break;
      case KIND.metallbPool: metallbPools.push(normalizeMetalLbPool(raw, reader, ctx)); break;
      case KIND.kubeadmCluster:
      case KIND.kindCluster:
      case KIND.kubeProxy:
      case KIND.externalNetwork: {
        const type = gk === KIND.kubeadmCluster ? 'kubeadm' : gk === KIND.kindCluster ? 'kind' : gk === KIND.externalNetwork ? 'external-network' : 'kube-proxy';
        const where = raw.origin.kind === 'file' ? `${raw.origin.file}:${raw.origin.position.line}` : raw.origin.cluster;
        const ref = configDocumentRef(raw, reader, ctx);
        configDocuments.push({ type, body: raw.body, ref, origin: raw.origin, label: `${raw.kind} (${where})` });
        break;
      }
      default: {
        const wk = WORKLOAD_KINDS[gk];
        if (wk) workloads.push(normalizeWorkload(raw, reader, wk, ctx));
      }
    }
    errors.push(...reader.errors);
  }

  /** The model of everything added so far; `late` supplies options known only at the end (a live read's coverage). */
  build(late: Pick<NormalizeOptions, 'cluster' | 'availability' | 'serverVersion'> = {}): NormalizeResult {
  const options: NormalizeOptions = { ...this.options, ...late };
  const { errors, nodes, podDrafts, services, endpointSlices, networkPolicies, ingresses, workloads, configMaps, serviceCIDRs, gateways, metallbPools, configDocuments } = this;
  const sortedWorkloads = sorted(workloads);
  const owners = resolveTopOwners(sorted(podDrafts), sortedWorkloads);
  const collections = {
    nodes: sorted(nodes),
    // Already in sorted order: resolveTopOwners maps the sorted drafts one to one.
    pods: Object.freeze(owners.pods),
    services: sorted(services),
    endpointSlices: sorted(endpointSlices),
    networkPolicies: sorted(networkPolicies),
    ingresses: sorted(ingresses),
    workloads: sortedWorkloads,
    configMaps: sorted(configMaps),
    serviceCIDRs: sorted(serviceCIDRs),
    gateways: sorted(gateways),
    metallbPools: sorted(metallbPools),
  };
  const workloadSpecs = Object.freeze(owners.workloadSpecs.sort((a, b) => compareRefs(a.object, b.object)));
  const clusterNetwork = buildClusterNetwork({
    pods: collections.pods,
    nodes: collections.nodes,
    services: collections.services,
    configMaps: collections.configMaps,
    serviceCIDRs: collections.serviceCIDRs,
    networkPolicies: collections.networkPolicies,
    ingresses: collections.ingresses,
    gateways: collections.gateways,
    metallbPools: collections.metallbPools,
    // Sorted so the derived evidence does not depend on the order inputs were given in.
    configDocuments: [...configDocuments].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)),
    overrides: options.overrides ?? {},
    workloads: collections.workloads,
    ...(options.serverVersion !== undefined ? { serverVersion: options.serverVersion } : {}),
  });

  const availability = {} as Record<CollectionName | DerivedInput, Availability>;
  for (const name of COLLECTIONS) {
    const declared = options.availability?.[name];
    availability[name] =
      declared ?? (collections[name].length > 0 ? { status: 'present' } : { status: 'absent', reason: `no ${COLLECTION_KIND_NAMES[name]} objects in the input` });
  }
  availability.clusterNetwork = { status: 'present' };
  // Pod specs per workload come from workload templates or, standing for their owners, from Pods: either suffices.
  const w = availability.workloads;
  const p = availability.pods;
  availability.workloadSpecs =
    w.status === 'present' || p.status === 'present'
      ? { status: 'present' }
      : w.status === 'forbidden' ? w : p.status === 'forbidden' ? p : { status: 'absent', reason: 'no workload or Pod objects in the input' };

  const model: ClusterModel = Object.freeze({
    ...collections,
    workloadSpecs,
    clusterNetwork,
    target: options.target,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    availability: Object.freeze(availability),
  });
  return { model, errors };
  }
}

export { displayRef };

/**
 * Identity of a configuration document. kind and kubeadm documents have no `metadata`: a kind
 * Cluster is named by its top-level `name` (default `kind`), a ClusterConfiguration by `clusterName`.
 */
export function configDocumentRef(raw: RawObject, reader: FieldReader, ctx: NormalizeContext): ObjectRef {
  const ref = refOf(raw, reader, false, ctx);
  if (reader.get('metadata.name') !== undefined) return ref;
  const gk = groupKind(raw.apiVersion, raw.kind);
  const own = gk === KIND.kindCluster ? (reader.get('name') ?? 'kind') : gk === KIND.kubeadmCluster ? (reader.get('clusterName') ?? 'kubernetes') : undefined;
  return typeof own === 'string' ? { ...ref, name: own } : ref;
}
