/** The object steps of a change plan: Nodes to re-register, node addresses, workloads to restart, Services to change. */
import { familiesOf, otherFamily, type Family } from '../net/index.js';
import { displayRef } from '../model/objects.js';
import { isClusterDnsService } from '../model/config/corefile-aaaa.js';
import { ownerFix, ownerText } from '../model/owner-text.js';
import { serviceFamilies } from '../model/service-families.js';
import type { ClusterModel, ModelObject, ObjectRef, Pod, Service } from '../model/types.js';
import type { FindingIndex } from './plan-findings.js';
import type { PlanAction, PlanProgress, PlanStep } from './plan-types.js';

/** A step before numbering. */
export type StepDraft = Omit<PlanStep, 'number'>;

/** `done of total`, floored to a whole percent (100 only when all are done). */
export function progress(done: number, total: number, unit: string): PlanProgress {
  return { done, total, unit, percent: total === 0 ? 100 : Math.floor((done * 100) / total) };
}

function sameOrder(have: readonly Family[], want: readonly Family[]): boolean {
  return have.length === want.length && have.every((f, i) => f === want[i]);
}

export function nsFlag(ref: ObjectRef): string {
  return ref.namespace ? ` -n ${ref.namespace}` : '';
}

/**
 * Nodes whose podCIDRs are not the families after the change, in that order. podCIDRs are immutable
 * (ValidateNodeUpdate) and only allocated at registration, so such a Node is drained, deleted and
 * re-registered. Undefined when no Node holds a podCIDR (the CNI allocates pod addresses itself).
 */
export function nodeStep(model: ClusterModel, families: readonly Family[], removing: boolean, index: FindingIndex): StepDraft | undefined {
  const nodes = model.nodes.filter((n) => n.podCIDRs.length > 0 && !n.virtual);
  if (nodes.length === 0) return undefined;
  const pending = nodes.filter((n) => !sameOrder(familiesOf(n.podCIDRs), families));
  const want = families.join(' and ');
  return {
    title: `Re-register Nodes whose podCIDRs are not ${want}${removing ? ' (drain and delete them before --cluster-cidr changes: kube-controller-manager exits at start-up while one exists; they register again after)' : ' (after kube-controller-manager allocates the new ranges)'}`,
    status: pending.length === 0 ? 'done' : 'todo',
    progress: progress(nodes.length - pending.length, nodes.length, `Nodes with ${want} podCIDRs`),
    resolves: index.resolves(['DS107', 'DS304', 'DS214'], pending.map((n) => n.ref)),
    actions: pending.map((n) => ({
      object: displayRef(n.ref),
      text: `podCIDRs ${n.podCIDRs.map((c) => c.canonical).join(', ')}: drain, delete, then restart its kubelet (or replace the machine) so it registers again`,
      command: `kubectl drain ${n.ref.name} --ignore-daemonsets --delete-emptydir-data && kubectl delete node ${n.ref.name}`,
    })),
  };
}

/** Nodes without an InternalIP of each family after the change: kubelet `--node-ip` names one per family. */
export function nodeAddressStep(model: ClusterModel, families: readonly Family[], index: FindingIndex): StepDraft | undefined {
  const nodes = model.nodes.filter((n) => !n.virtual && n.addresses.some((a) => a.ip));
  if (nodes.length === 0 || families.length < 2) return undefined;
  const internal = (n: (typeof nodes)[number]) => familiesOf(n.addresses.filter((a) => a.type === 'InternalIP' && a.ip).map((a) => a.ip!));
  const pending = nodes.filter((n) => families.some((f) => !internal(n).includes(f)));
  return {
    title: `Give every Node an InternalIP of ${families.join(' and ')} (kubelet --node-ip, primary first)`,
    status: pending.length === 0 ? 'done' : 'todo',
    progress: progress(nodes.length - pending.length, nodes.length, 'Nodes with an address of each family'),
    resolves: index.resolves(['DS108'], pending.map((n) => n.ref)),
    actions: pending.map((n) => {
      const have = n.addresses.filter((a) => a.type === 'InternalIP' && a.ip);
      const ips = families.map((f) => have.find((a) => a.ip!.family === f)?.address ?? `<${f} address of ${n.ref.name}>`);
      return { object: displayRef(n.ref), text: `set kubelet --node-ip=${ips.join(',')} and restart the kubelet` };
    }),
  };
}

/** Pods that hold an address and are not finished, outside the host network. */
function addressedPods(model: ClusterModel): Pod[] {
  return model.pods.filter((p) => !p.spec.hostNetwork && p.phase !== 'Succeeded' && p.phase !== 'Failed' && p.podIPs.length > 0);
}

export const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Pods get addresses when they start: every workload with a Pod lacking the new families is restarted, grouped by its top owner. */
export function workloadStep(model: ClusterModel, families: readonly Family[], index: FindingIndex): StepDraft | undefined {
  const pods = addressedPods(model);
  if (pods.length === 0) return undefined;
  const wanted = [...families].sort();
  const ready = (p: Pod) => { const f = [...familiesOf(p.podIPs)].sort(); return f.length === wanted.length && f.every((x, i) => x === wanted[i]); };
  const groups = new Map<string, { ref: ObjectRef; object?: ModelObject; pods: number }>();
  let done = 0;
  for (const p of pods) {
    if (ready(p)) { done++; continue; }
    const key = displayRef(p.topOwner);
    const g = groups.get(key);
    if (g) g.pods++;
    else groups.set(key, { ref: p.topOwner, ...(p.workload ? { object: p.workload } : {}), pods: 1 });
  }
  const actions: PlanAction[] = [...groups.values()].map((g) => {
    const count = `${g.pods} pod${g.pods === 1 ? '' : 's'} without ${families.join(' and ')} addresses`;
    if (RESTARTABLE.has(g.ref.kind)) return { object: displayRef(g.ref), text: count, command: `kubectl rollout restart ${g.ref.kind.toLowerCase()}/${g.ref.name}${nsFlag(g.ref)}` };
    if (g.ref.kind === 'Pod') return { object: displayRef(g.ref), text: `${count}; a bare Pod is not recreated: delete it and apply its manifest again` };
    return { object: displayRef(g.ref), text: `${count}; let the running ${g.ref.kind} finish, its next Pods get both families` };
  });
  return {
    title: `Restart workloads whose Pods lack ${families.join(' and ')} addresses (after their Nodes have the new podCIDRs)`,
    status: actions.length === 0 ? 'done' : 'todo',
    progress: progress(done, pods.length, `Pods with ${families.join(' and ')} addresses`),
    resolves: index.resolves(['DS106', 'DS104'], [...groups.values()].map((g) => g.ref)),
    actions,
  };
}

/** Services that have families: not ExternalName, not `default/kubernetes` (kube-apiserver keeps it single-stack), not the cluster DNS Service (the DNS section's, plan-dns.ts). */
function plannedServices(model: ClusterModel): Service[] {
  return model.services.filter((s) => s.type !== 'ExternalName' && !s.isDefaultKubernetes && !isClusterDnsService(s.ref));
}

/** What one Service needs: nothing, a safe patch, or a delete and recreate. */
export interface ServiceChange {
  readonly svc: Service;
  readonly patch?: Record<string, unknown>;
  /** Why it cannot be patched: the new spec to recreate it with. */
  readonly recreate?: string;
}

export function serviceChange(svc: Service, model: ClusterModel, families: readonly Family[], removed: readonly Family[], primaryMatters: boolean): ServiceChange | undefined {
  const have = serviceFamilies(svc, model.clusterNetwork).families;
  if (removed.length > 0) {
    const gone = removed.find((f) => have.includes(f));
    if (!gone) return undefined;
    const kept = otherFamily(gone);
    // Catalog section 7: once the first family is removed the Service accepts no update; a headless one accepts one combined patch.
    if (have[0] === gone && !svc.headless) return { svc, recreate: `delete and recreate it with ipFamilyPolicy: SingleStack, ipFamilies: [${kept}] (its ClusterIP changes)` };
    return { svc, patch: have[0] === gone ? { ipFamilyPolicy: 'SingleStack', ipFamilies: [kept] } : { ipFamilyPolicy: 'SingleStack' } };
  }
  if (have.length === families.length && (!primaryMatters || have[0] === families[0])) return undefined;
  if (primaryMatters && have[0] !== families[0]) {
    // ipFamilies[0] is immutable (ValidateServiceUpdate): only a new Service gets the new primary.
    return { svc, recreate: `delete and recreate it with ipFamilyPolicy: PreferDualStack, ipFamilies: [${families.join(', ')}] (its ClusterIP changes)` };
  }
  return { svc, patch: { ipFamilyPolicy: 'PreferDualStack' } };
}

/** A ready `kubectl patch` where the change is allowed in place and nothing reverts it, else where the change goes. */
export function serviceAction(c: ServiceChange): PlanAction {
  const object = displayRef(c.svc.ref);
  if (c.recreate) return { object, text: `cannot be changed in place: ${c.svc.owner ? `${ownerFix(c.svc.owner)}; ` : ''}${c.recreate}` };
  const fields = Object.entries(c.patch!).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`).join(', ');
  if (c.svc.owner) return { object, text: `set ${fields}: ${ownerFix(c.svc.owner)}` };
  if (c.svc.origin.kind !== 'cluster') return { object, text: `set ${fields} in its manifest and apply it` };
  return { object, text: `set ${fields}`, command: `kubectl patch service ${c.svc.ref.name}${nsFlag(c.svc.ref)} --type merge -p '${JSON.stringify({ spec: c.patch })}'` };
}

/**
 * One step per namespace and managing tool: a ready `kubectl patch` where the change is allowed in
 * place and nothing reverts it, where the change goes for a managed Service, a delete/recreate note
 * where the API server refuses the update. Returns the section progress with the steps.
 */
export function serviceSteps(model: ClusterModel, families: readonly Family[], removed: readonly Family[], primaryMatters: boolean, index: FindingIndex): { steps: StepDraft[]; progress: PlanProgress } | undefined {
  const services = plannedServices(model);
  if (services.length === 0) return undefined;
  const groups = new Map<string, { ns: string; owner: string; services: Service[]; changes: ServiceChange[] }>();
  for (const svc of services) {
    const ns = svc.ref.namespace ?? '';
    const owner = svc.owner ? ownerText(svc.owner) : '';
    const key = `${ns}\u0000${owner}`;
    let g = groups.get(key);
    if (!g) { g = { ns, owner, services: [], changes: [] }; groups.set(key, g); }
    g.services.push(svc);
    const change = serviceChange(svc, model, families, removed, primaryMatters);
    if (change) g.changes.push(change);
  }
  const want = removed.length > 0 ? `without ${removed.join(' and ')}` : families.length === 2 ? `dual-stack${primaryMatters ? ` with ${families[0]} first` : ''}` : families[0];
  const sorted = [...groups.values()].sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  const steps = sorted.map((g): StepDraft => {
    const actions = g.changes.map(serviceAction);
    const refs = g.changes.map((c) => c.svc.ref);
    return {
      title: `Services in ${g.ns ? `namespace ${g.ns}` : 'no namespace'}${g.owner ? ` managed by ${g.owner}` : ''}`,
      status: actions.length === 0 ? 'done' : 'todo',
      progress: progress(g.services.length - g.changes.length, g.services.length, `Services ${want}`),
      resolves: index.resolves(removed.length > 0 ? ['DS301', 'DS302', 'DS303'] : ['DS101', 'DS102', 'DS103', 'DS105', 'DS305'], refs),
      actions,
    };
  });
  const pending = sorted.reduce((n, g) => n + g.changes.length, 0);
  return { steps, progress: progress(services.length - pending, services.length, `Services ${want}`) };
}

/**
 * EndpointSlices of a removed family: the EndpointSlice controller does not delete them when the
 * family goes (catalog DS306), so they are deleted once the Services are single-stack.
 */
export function endpointSliceStep(model: ClusterModel, removed: readonly Family[], index: FindingIndex): StepDraft | undefined {
  const slices = model.endpointSlices.filter((s) => s.addressType === 'IPv4' || s.addressType === 'IPv6');
  if (slices.length === 0 || removed.length === 0) return undefined;
  const stale = slices.filter((s) => (removed as readonly string[]).includes(s.addressType));
  return {
    title: `Delete ${removed.join(' and ')} EndpointSlices once their Services are single-stack`,
    status: stale.length === 0 ? 'done' : 'todo',
    progress: progress(slices.length - stale.length, slices.length, `EndpointSlices without ${removed.join(' and ')}`),
    resolves: index.resolves(['DS306'], stale.map((s) => s.ref)),
    actions: stale.map((s) => ({ object: displayRef(s.ref), text: `addressType ${s.addressType}${s.serviceName ? ` of Service ${s.serviceName}` : ''}`, command: `kubectl delete endpointslice ${s.ref.name}${nsFlag(s.ref)}` })),
  };
}
