/** Turns raw objects from any source into the frozen ClusterModel that rules read. */
import type { Availability, InputError, InputNotice, Origin, RawObject } from './input.js';
import { COLLECTION_TABLE, COLLECTIONS, collectionOf } from './collections.js';
import { buildClusterNetwork } from './network/cluster-network.js';
import { buildCniFacts } from './network/cni.js';
import { buildMeshFacts } from './network/mesh.js';
import type { ConfigDocument, NetworkOverrides } from './network/inputs.js';
import { configDocumentKind } from './kinds.js';
import { displayRef, refOf, type NormalizeContext, type PodDraft } from './objects.js';
import { liftOwners, resolveTopOwners } from './owners.js';
import { linkApiServerCallers } from './api-server-callers.js';
import { implementationsFromGateways } from './service-controller.js';
import { SiblingValues } from './siblings.js';
import { FieldReader } from './reader.js';
import type { ClusterModel, CollectionName, DerivedInput, ModelCollections, ModelObject, ObjectRef, ScenarioRequest, Target } from './types.js';
import { resolveScenario } from './scenario.js';

export interface NormalizeOptions {
  readonly target: Target;
  /** The named scenario; `{ target }` when unset. */
  readonly scenario?: ScenarioRequest;
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
  /** Configuration recognised but not understood ("read but not understood: …"), never silence. */
  readonly notices: readonly InputNotice[];
}

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
  /** Normalized items per collection, in the order added (Pods as drafts until owner resolution). */
  private readonly items = new Map<CollectionName, unknown[]>(COLLECTIONS.map((name) => [name, []]));
  private readonly configDocuments: ConfigDocument[] = [];

  constructor(private readonly options: NormalizeOptions) {
    this.ctx = { defaultNamespace: options.defaultNamespace ?? 'default', siblings: new SiblingValues() };
  }

  add(raw: RawObject): void {
    const { ctx, errors, configDocuments } = this;
    const reader = new FieldReader(raw, `${raw.kind} ${String((raw.body.metadata as { name?: unknown } | null)?.name ?? '')}`.trim());
    const row = collectionOf(raw.apiVersion, raw.kind);
    if (row) this.items.get(row.collection.name)!.push(row.collection.normalize(raw, reader, ctx, row.kind));
    else {
      const type = configDocumentKind(raw.apiVersion, raw.kind);
      if (type) {
        const where = raw.origin.kind === 'file' ? `${raw.origin.file}:${raw.origin.position.line}` : raw.origin.cluster;
        const ref = configDocumentRef(raw, reader, ctx);
        configDocuments.push({ type, body: raw.body, ref, origin: raw.origin, label: `${raw.kind} (${where})` });
      }
    }
    errors.push(...reader.errors);
  }

  /** The model of everything added so far; `late` supplies options known only at the end (a live read's coverage). */
  build(late: Pick<NormalizeOptions, 'cluster' | 'availability' | 'serverVersion'> = {}): NormalizeResult {
  const options: NormalizeOptions = { ...this.options, ...late };
  const { errors, items, configDocuments } = this;
  const collections = {} as Record<CollectionName, readonly ModelObject[]>;
  for (const name of COLLECTIONS) if (name !== 'pods') collections[name] = sorted(items.get(name) as ModelObject[]);
  const owned = COLLECTIONS.filter((name) => name !== 'pods');
  liftOwners(owned.map((name) => collections[name])).forEach((list, i) => (collections[owned[i]] = Object.freeze(list)));
  const callers = [...(collections.webhookConfigurations as ModelCollections['webhookConfigurations']), ...(collections.apiServices as ModelCollections['apiServices'])];
  collections.services = Object.freeze(linkApiServerCallers(collections.services as ModelCollections['services'], callers));
  collections.services = Object.freeze(implementationsFromGateways(collections.services as ModelCollections['services'], collections.gateways as ModelCollections['gateways']));
  const owners = resolveTopOwners(sorted(items.get('pods') as PodDraft[]), collections.workloads as ModelCollections['workloads']);
  // Already in sorted order: resolveTopOwners maps the sorted drafts one to one.
  collections.pods = Object.freeze(owners.pods);
  const model0 = collections as unknown as ModelCollections;
  const workloadSpecs = Object.freeze(owners.workloadSpecs.sort((a, b) => compareRefs(a.object, b.object)));
  const clusterNetwork = buildClusterNetwork({
    pods: model0.pods,
    nodes: model0.nodes,
    services: model0.services,
    configMaps: model0.configMaps,
    serviceCIDRs: model0.serviceCIDRs,
    networkPolicies: model0.networkPolicies,
    ingresses: model0.ingresses,
    gateways: model0.gateways,
    metallbPools: model0.metallbPools,
    configDocuments: clusterNetworkDocuments(configDocuments),
    overrides: options.overrides ?? {},
    workloads: model0.workloads,
    ...(options.serverVersion !== undefined ? { serverVersion: options.serverVersion } : {}),
  });

  const cni = buildCniFacts({
    configMaps: model0.configMaps,
    calicoIpPools: model0.calicoIpPools,
    workloads: model0.workloads,
    pods: model0.pods,
    configDocuments: clusterNetworkDocuments(configDocuments),
  });

  const mesh = buildMeshFacts({
    configMaps: model0.configMaps,
    workloads: model0.workloads,
    pods: model0.pods,
    services: model0.services,
    workloadSpecs,
    istioOperators: model0.istioOperators,
  });

  const availability = {} as Record<CollectionName | DerivedInput, Availability>;
  for (const { name, label, liveOptIn } of COLLECTION_TABLE) {
    // A live read that was not asked for a kind (Envoy listeners without --mesh-listeners) may be given its objects another way (--envoy-dump).
    const notRead = liveOptIn && options.availability?.[name]?.status === 'absent' && collections[name].length > 0;
    const declared = notRead ? undefined : options.availability?.[name];
    availability[name] = declared ?? (collections[name].length > 0 ? { status: 'present' } : { status: 'absent', reason: `no ${label} objects in the input` });
  }
  availability.clusterNetwork = { status: 'present' };
  availability.cni = cni.configs.length > 0 ? { status: 'present' } : { status: 'absent', reason: 'no Calico, Cilium or Flannel configuration in the input' };
  availability.mesh =
    mesh.controlPlanes.length > 0 || mesh.proxyDefaults.length > 0 || mesh.proxies.length > 0 || mesh.ztunnels.length > 0 || mesh.injectionDefaults.length > 0
      ? { status: 'present' }
      : { status: 'absent', reason: 'no Istio control plane, mesh config or proxy in the input' };
  // Pod specs per workload come from workload templates or, standing for their owners, from Pods: either suffices.
  const w = availability.workloads;
  const p = availability.pods;
  availability.workloadSpecs =
    w.status === 'present' || p.status === 'present'
      ? { status: 'present' }
      : w.status === 'forbidden' ? w : p.status === 'forbidden' ? p : { status: 'absent', reason: 'no workload or Pod objects in the input' };

  const model: ClusterModel = Object.freeze({
    ...model0,
    workloadSpecs,
    clusterNetwork,
    cni,
    mesh,
    target: options.target,
    scenario: resolveScenario(options.scenario ?? { target: options.target }, clusterNetwork),
    ...(options.cluster ? { cluster: options.cluster } : {}),
    availability: Object.freeze(availability),
  });
  const notices = [...cni.notUnderstood, ...mesh.notUnderstood].map((n) => noticeOf(n.origin, n.source, `read but not understood: ${n.source}${n.path ? ` ${n.path}` : ''}: ${n.detail}`));
  const kp = model.clusterNetwork.kubeProxyNotUnderstood;
  if (kp) notices.push(noticeOf(kp.origin, kp.source, `read but not understood: ${kp.source}: ${kp.detail}`));
  return { model, errors, notices };
  }
}

/** A notice located at its object's first line (files) or named by the object (live reads). */
function noticeOf(origin: Origin | undefined, what: string, message: string): InputNotice {
  if (origin?.kind === 'file') return { file: origin.file, line: origin.position.line, message };
  return { file: origin?.cluster ?? what, line: null, message };
}

/** Sorted so derived facts do not depend on the order inputs were given in. */
function clusterNetworkDocuments(docs: readonly ConfigDocument[]): ConfigDocument[] {
  return [...docs].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export { displayRef };

/**
 * Identity of a configuration document. kind and kubeadm documents have no `metadata`: a kind
 * Cluster is named by its top-level `name` (default `kind`), a ClusterConfiguration by `clusterName`,
 * an Init/JoinConfiguration by the node it registers (`nodeRegistration.name`).
 */
export function configDocumentRef(raw: RawObject, reader: FieldReader, ctx: NormalizeContext): ObjectRef {
  const type = configDocumentKind(raw.apiVersion, raw.kind);
  // CiliumConfig is the one namespaced configuration document (cilium-olm's `cilium` namespace).
  const ref = refOf(raw, reader, type === 'cilium-config', ctx);
  if (type === 'cilium-helm-values') return { ...ref, name: 'cilium' };
  if (reader.get('metadata.name') !== undefined) return ref;
  const own =
    type === 'kind' ? (reader.get('name') ?? 'kind')
    : type === 'kubeadm' ? (reader.get('clusterName') ?? 'kubernetes')
    : type === 'kubeadm-node' ? reader.get('nodeRegistration.name')
    : undefined;
  return typeof own === 'string' ? { ...ref, name: own } : ref;
}
