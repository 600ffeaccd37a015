/** Resolves each Pod's top-level owner (Deployment via ReplicaSet, CronJob via Job) for aggregation. */
import type { ObjectRef, Pod, Workload } from './types.js';
import type { PodDraft } from './objects.js';

const key = (kind: string, ns: string | undefined, name: string, cluster?: string) => `${cluster ?? ''}|${kind}|${ns ?? ''}|${name}`;

const CONTROLLER_API: Readonly<Record<string, string>> = {
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
};

export function resolveTopOwners(pods: readonly PodDraft[], workloads: readonly Workload[]): Pod[] {
  const byKey = new Map<string, Workload>();
  for (const w of workloads) byKey.set(key(w.workloadKind, w.ref.namespace, w.ref.name, w.ref.cluster), w);

  const climb = (pod: PodDraft): ObjectRef => {
    const ns = pod.ref.namespace;
    const cluster = pod.ref.cluster;
    const first = pod.ownerReferences.find((o) => CONTROLLER_API[o.kind]);
    if (!first) return pod.ref;
    let kind = first.kind;
    let name = first.name;
    for (let depth = 0; depth < 4; depth++) {
      const w = byKey.get(key(kind, ns, name, cluster));
      const parent = w?.ownerReferences.find((o) => CONTROLLER_API[o.kind]);
      if (parent) {
        kind = parent.kind;
        name = parent.name;
        continue;
      }
      if (!w) {
        // The ReplicaSet is not in the input: the Deployment controller names it `<deployment>-<pod-template-hash>`.
        const hash = pod.labels['pod-template-hash'];
        if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`)) {
          kind = 'Deployment';
          name = name.slice(0, -hash.length - 1);
        }
      }
      break;
    }
    return { apiVersion: CONTROLLER_API[kind], kind, ...(ns !== undefined ? { namespace: ns } : {}), name, ...(cluster ? { cluster } : {}) };
  };

  return pods.map((p) => Object.freeze({ ...p, topOwner: climb(p) }));
}
