/** Turns raw objects from any source into the frozen ClusterModel that rules read. */
import type { Availability, CollectionName, InputError, RawObject } from '../sources/types.js';
import { COLLECTIONS } from '../sources/types.js';
import { buildClusterNetwork, type ConfigDocument, type NetworkOverrides } from './cluster-network.js';
import { groupKind, KIND, WORKLOAD_KINDS } from './kinds.js';
import {
  displayRef, normalizeConfigMap, normalizeEndpointSlice, normalizeIngress, normalizeNetworkPolicy, normalizeNode,
  normalizePod, normalizeService, normalizeServiceCIDR, normalizeWorkload, refOf, type NormalizeContext, type PodDraft,
} from './objects.js';
import { resolveTopOwners } from './owners.js';
import { FieldReader } from './reader.js';
import type { ClusterModel, ConfigMap, EndpointSlice, Ingress, ModelObject, NetworkPolicy, Node, Service, ServiceCIDR, Target, Workload } from './types.js';

export interface NormalizeOptions {
  readonly target: Target;
  readonly overrides?: NetworkOverrides;
  readonly defaultNamespace?: string;
  /** Name of the cluster the objects come from (live and snapshot sources). */
  readonly cluster?: string;
  /** What the source knows it could or could not read; unset entries are derived from the objects. */
  readonly availability?: Partial<Record<CollectionName, Availability>>;
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
};

function compareRefs(a: ModelObject, b: ModelObject): number {
  const ka = [a.ref.cluster ?? '', a.ref.kind, a.ref.namespace ?? '', a.ref.name];
  const kb = [b.ref.cluster ?? '', b.ref.kind, b.ref.namespace ?? '', b.ref.name];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

function sorted<T extends ModelObject>(items: T[]): readonly T[] {
  return Object.freeze(items.sort(compareRefs));
}

export function normalize(objects: readonly RawObject[], options: NormalizeOptions): NormalizeResult {
  const ctx: NormalizeContext = { defaultNamespace: options.defaultNamespace ?? 'default' };
  const errors: InputError[] = [];
  const nodes: Node[] = [];
  const podDrafts: PodDraft[] = [];
  const services: Service[] = [];
  const endpointSlices: EndpointSlice[] = [];
  const networkPolicies: NetworkPolicy[] = [];
  const ingresses: Ingress[] = [];
  const workloads: Workload[] = [];
  const configMaps: ConfigMap[] = [];
  const serviceCIDRs: ServiceCIDR[] = [];
  const configDocuments: ConfigDocument[] = [];

  for (const raw of objects) {
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
      case KIND.kubeadmCluster:
      case KIND.kindCluster:
      case KIND.kubeProxy: {
        const type = gk === KIND.kubeadmCluster ? 'kubeadm' : gk === KIND.kindCluster ? 'kind' : 'kube-proxy';
        const where = raw.origin.kind === 'file' ? `${raw.origin.file}:${raw.origin.position.line}` : raw.origin.cluster;
        const ref = refOf(raw, reader, false, ctx);
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

  const pods = resolveTopOwners(podDrafts, workloads);
  const collections = {
    nodes: sorted(nodes),
    pods: sorted(pods),
    services: sorted(services),
    endpointSlices: sorted(endpointSlices),
    networkPolicies: sorted(networkPolicies),
    ingresses: sorted(ingresses),
    workloads: sorted(workloads),
    configMaps: sorted(configMaps),
    serviceCIDRs: sorted(serviceCIDRs),
  };
  const clusterNetwork = buildClusterNetwork({
    pods: collections.pods,
    nodes: collections.nodes,
    services: collections.services,
    configMaps: collections.configMaps,
    serviceCIDRs: collections.serviceCIDRs,
    configDocuments,
    overrides: options.overrides ?? {},
  });

  const availability = {} as Record<CollectionName | 'clusterNetwork', Availability>;
  for (const name of COLLECTIONS) {
    const declared = options.availability?.[name];
    availability[name] =
      declared ?? (collections[name].length > 0 ? { status: 'present' } : { status: 'absent', reason: `no ${COLLECTION_KIND_NAMES[name]} objects in the input` });
  }
  availability.clusterNetwork = { status: 'present' };

  const model: ClusterModel = Object.freeze({
    ...collections,
    clusterNetwork,
    target: options.target,
    ...(options.cluster ? { cluster: options.cluster } : {}),
    availability: Object.freeze(availability),
  });
  return { model, errors };
}

export { displayRef };
