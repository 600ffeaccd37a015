/**
 * Resolves each Pod's top-level owner (Deployment via ReplicaSet, CronJob via Job) for aggregation, and
 * every object's `owner`: the owner of its top controller when that is in the input, else the controller.
 */
import type { ModelObject, ObjectRef, Owner, OwnerRef, Pod, Workload, WorkloadSpec } from './types.js';
import type { PodDraft } from './objects.js';
import { controllerAsOwner, isObjectOwner, localOwner } from './managed-by.js';

const key = (kind: string, ns: string | undefined, name: string, cluster?: string) => `${cluster ?? ''}|${kind}|${ns ?? ''}|${name}`;
const refKey = (ref: ObjectRef) => key(ref.kind, ref.namespace, ref.name, ref.cluster);

const CONTROLLER_API: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

/** An object that may be owned by a controller: a Pod or a Workload. */
interface Owned extends ModelObject {
  readonly ownerReferences: readonly OwnerRef[];
}

/** Workloads by identity, top-owner resolution, and one shared stand-in object per absent owner. */
class OwnerIndex {
  private readonly byKey = new Map<string, Workload>();
  private readonly standIns = new Map<string, ModelObject>();
  /** Sibling pods share their controller reference: resolve each one once (and share the ObjectRef). */
  private readonly tops = new Map<string, ObjectRef>();
  private readonly topsWithOthers = new Map<string, ObjectRef>();
  /** Per shared top ObjectRef: its Workload or stand-in, and whether it is a Workload in the input. */
  private readonly objects = new Map<ObjectRef, { readonly object: ModelObject; readonly known: boolean; readonly key: string }>();

  constructor(workloads: readonly Workload[]) {
    for (const w of workloads) this.byKey.set(key(w.workloadKind, w.ref.namespace, w.ref.name, w.ref.cluster), w);
  }

  has(ref: ObjectRef): boolean {
    return this.byKey.has(refKey(ref));
  }

  /** The top-level controller of `obj`, or `obj.ref` when it has none; `others` also groups by controllers dsaudit does not model. */
  topOf(obj: Owned, others: boolean): ObjectRef {
    const owner = obj.ownerReferences[0];
    if (!owner) return obj.ref;
    if (obj.ownerReferences.length !== 1) return this.resolve(obj, others);
    // Siblings share their controller reference: its uid (unique in a cluster, and a ReplicaSet's pods share
    // its pod-template-hash), or else what resolve() reads.
    const memo = owner.uid
      ? owner.uid
      : `${obj.labels['pod-template-hash'] ?? ''}|${key(owner.kind, obj.ref.namespace, owner.name, obj.ref.cluster)}`;
    const tops = others ? this.topsWithOthers : this.tops;
    const hit = tops.get(memo);
    if (hit) return hit;
    const top = this.resolve(obj, others);
    if (top !== obj.ref) tops.set(memo, top);
    return top;
  }

  private resolve(obj: Owned, others: boolean): ObjectRef {
    const ns = obj.ref.namespace;
    const cluster = obj.ref.cluster;
    const first = obj.ownerReferences.find((o) => CONTROLLER_API[o.kind]);
    if (!first) {
      // Controllers dsaudit does not model (operators, KubeVirt) still group their pods; a Node owns only mirror pods.
      const other = others ? obj.ownerReferences.find((o) => o.kind !== '' && o.kind !== 'Node' && o.name !== '') : undefined;
      return other ? { apiVersion: other.apiVersion, kind: other.kind, ...(ns !== undefined ? { namespace: ns } : {}), name: other.name, ...(cluster ? { cluster } : {}) } : obj.ref;
    }
    let kind = first.kind;
    let name = first.name;
    for (let depth = 0; depth < 4; depth++) {
      const w = this.byKey.get(key(kind, ns, name, cluster));
      const parent = w?.ownerReferences.find((o) => CONTROLLER_API[o.kind]);
      if (parent) {
        kind = parent.kind;
        name = parent.name;
        continue;
      }
      if (!w) {
        // The ReplicaSet is not in the input: the Deployment controller names it `<deployment>-<pod-template-hash>`.
        const hash = obj.labels['pod-template-hash'];
        if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) {
          kind = 'Deployment';
          name = name.slice(0, -hash.length - 1);
        }
      }
      break;
    }
    return { apiVersion: CONTROLLER_API[kind], kind, ...(ns !== undefined ? { namespace: ns } : {}), name, ...(cluster ? { cluster } : {}) };
  }

  /** The Workload named by `ref`, else one stand-in per owner carrying the origin of the first object seen for it. */
  objectFor(ref: ObjectRef, seenFrom: ModelObject): ModelObject {
    return this.entryFor(ref, seenFrom).object;
  }

  /** `objectFor` with the owner's key, remembered per ObjectRef (pods of one owner share it). */
  entryFor(ref: ObjectRef, seenFrom: ModelObject): { readonly object: ModelObject; readonly known: boolean; readonly key: string } {
    const cached = this.objects.get(ref);
    if (cached) return cached;
    const k = refKey(ref);
    const w = this.byKey.get(k);
    let entry;
    if (w) entry = { object: w, known: true, key: k };
    else {
      let standIn = this.standIns.get(k);
      if (!standIn) {
        // What the object it was seen from says about its chart or sync tool (pod templates carry helm.sh/chart).
        const owner = localOwner(seenFrom.ref.namespace, seenFrom.labels, seenFrom.annotations, []);
        standIn = Object.freeze({ ref, origin: seenFrom.origin, labels: {}, annotations: {}, live: seenFrom.live, ...(owner ? { owner } : {}) });
        this.standIns.set(k, standIn);
      }
      entry = { object: standIn, known: false, key: k };
    }
    this.objects.set(ref, entry);
    return entry;
  }
}

/** Pods with `topOwner` and `workload` resolved, plus one pod spec per top-level workload. */
export function resolveTopOwners(pods: readonly PodDraft[], workloads: readonly Workload[]): { pods: Pod[]; workloadSpecs: WorkloadSpec[] } {
  const index = new OwnerIndex(workloads);
  const specs = new Map<string, WorkloadSpec>();

  // Templates first: a top-level workload stands for itself; a child whose owner is absent stands for that owner.
  for (const w of workloads) {
    const top = index.topOf(w, false);
    if (top === w.ref) specs.set(refKey(top), Object.freeze({ object: w, spec: w.podTemplate }));
    else if (!index.has(top) && !specs.has(refKey(top))) specs.set(refKey(top), Object.freeze({ object: index.objectFor(top, w), spec: w.podTemplate }));
  }

  /** The owner of the pods of one top-level owner, shared by them. */
  const ownerOfTop = new Map<ModelObject, Owner>();
  // Drafts are completed in place (normalizePod leaves `topOwner`, `workload` and `owner` slots for this).
  const out = pods.map((draft) => {
    // (A draft frozen by an earlier build of the same builder is copied instead.)
    const p = (Object.isFrozen(draft) ? { ...draft } : draft) as { -readonly [K in keyof Pod]: Pod[K] };
    const topOwner = index.topOf(p, true);
    p.topOwner = topOwner;
    if (topOwner === p.ref) {
      p.owner = localOwner(p.ref.namespace, p.labels, p.annotations, []);
      const pod: Pod = Object.freeze(p);
      specs.set(refKey(p.ref), Object.freeze({ object: pod, spec: pod.spec }));
      return pod;
    }
    const { object: workload, known, key: k } = index.entryFor(topOwner, p);
    p.workload = workload;
    let owner = ownerOfTop.get(workload);
    if (!owner) ownerOfTop.set(workload, (owner = workload.owner ?? controllerAsOwner(topOwner, topOwner.namespace)));
    p.owner = owner;
    if (!known && !specs.has(k)) specs.set(k, Object.freeze({ object: workload, spec: p.spec }));
    return Object.freeze(p);
  });
  return { pods: out, workloadSpecs: [...specs.values()] };
}

const MAX_OWNER_DEPTH = 8;

/**
 * Every object whose owner is a controller in the input takes that controller's owner, climbing the chain
 * (ReplicaSet → Deployment → its Helm release; a generated Service → its Gateway → the Gateway's chart).
 * Pods are left to resolveTopOwners. Objects whose owner changes are copied; order is kept.
 */
export function liftOwners<T extends ModelObject>(lists: readonly (readonly T[])[]): T[][] {
  const byKey = new Map<string, T>();
  for (const list of lists) for (const o of list) byKey.set(refKey(o.ref), o);
  const resolved = new Map<T, Owner | undefined>();
  const resolve = (o: T, depth: number): Owner | undefined => {
    if (resolved.has(o)) return resolved.get(o);
    let owner = o.owner;
    if (owner && isObjectOwner(owner) && depth < MAX_OWNER_DEPTH) {
      const target = byKey.get(key(owner.kind, owner.namespace, owner.name, o.ref.cluster));
      const up = target && target !== o ? resolve(target, depth + 1) : undefined;
      if (up) owner = up;
    }
    resolved.set(o, owner);
    return owner;
  };
  return lists.map((list) => list.map((o) => {
    const owner = resolve(o, 0);
    return owner === o.owner ? o : Object.freeze({ ...o, owner });
  }));
}
