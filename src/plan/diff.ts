/** `dsaudit diff`: what changed per family between two readings of one cluster, what regressed, and the plan's progress between them. */
import { familiesOf, type Family } from '../net/index.js';
import { displayRef } from '../model/objects.js';
import { serviceFamilies } from '../model/service-families.js';
import type { ClusterModel, CollectionName } from '../model/types.js';
import { clusterChangePlan } from './change-plan.js';
import type { PlanGoal, PlanProgress, PlanSectionName } from './plan-types.js';

/** `gained`: the object now has the family; `lost`: it had it and has it no more (a regression); `new-single`: new, with one family. */
export type DiffChangeKind = 'gained' | 'lost' | 'new-single';

export interface DiffChange {
  readonly kind: DiffChangeKind;
  readonly family: Family;
  /** `Kind ns/name`. */
  readonly object: string;
  /** `Service shop/cart lost its IPv6 ClusterIP`. */
  readonly message: string;
}

/** The collections the diff compares: Services, Nodes' podCIDRs, and Pods (by workload). */
export const DIFF_COLLECTIONS = ['services', 'nodes', 'pods'] as const satisfies readonly CollectionName[];
export type DiffCollection = (typeof DIFF_COLLECTIONS)[number];

/**
 * A collection one reading holds and the other does not, so its objects were not compared:
 * `forbidden` (RBAC refused it: the diff is incomplete) or `absent` (not in that input, e.g. Pods in a
 * manifest set).
 */
export interface DiffGap {
  readonly collection: DiffCollection;
  readonly side: 'before' | 'after';
  readonly status: 'forbidden' | 'absent';
  readonly reason: string;
}

/** One section's progress in each reading; null where the section has none. */
export interface DiffProgress {
  readonly section: PlanSectionName;
  readonly title: string;
  readonly before: PlanProgress | null;
  readonly after: PlanProgress | null;
}

export interface ClusterDiff {
  readonly before: string | null;
  readonly after: string | null;
  readonly goal: PlanGoal;
  /** Every change, regressions first, then by family and object. */
  readonly changes: readonly DiffChange[];
  readonly regressions: number;
  /** Plan steps done (outside verification and rollback) in each reading. */
  readonly steps: { readonly before: { readonly done: number; readonly total: number }; readonly after: { readonly done: number; readonly total: number } };
  readonly progress: readonly DiffProgress[];
  /** Collections not compared, by collection then side. */
  readonly notCompared: readonly DiffGap[];
  /** False when a reading was refused a collection the diff compares: "no regression" cannot be said. */
  readonly complete: boolean;
}

/** What each object holds of each family, keyed by `Kind ns/name`. */
interface Holding {
  readonly families: readonly Family[];
  /** What the family is on this kind of object, for messages. */
  readonly noun: string;
}

function holdings(model: ClusterModel, compared: ReadonlySet<DiffCollection>): Map<string, Holding> {
  const out = new Map<string, Holding>();
  for (const s of compared.has('services') ? model.services : []) {
    if (s.type === 'ExternalName' || s.isDefaultKubernetes) continue;
    out.set(displayRef(s.ref), { families: serviceFamilies(s, model.clusterNetwork).families, noun: s.headless ? 'family' : 'ClusterIP' });
  }
  for (const n of compared.has('nodes') ? model.nodes : []) if (n.podCIDRs.length > 0) out.set(displayRef(n.ref), { families: familiesOf(n.podCIDRs), noun: 'podCIDR' });
  // Pods are renamed by every restart: a workload holds the families all of its running Pods have.
  const workloads = new Map<string, Family[][]>();
  for (const p of compared.has('pods') ? model.pods : []) {
    if (p.spec.hostNetwork || p.phase === 'Succeeded' || p.phase === 'Failed' || p.podIPs.length === 0) continue;
    const key = displayRef(p.topOwner);
    const list = workloads.get(key);
    if (list) list.push(familiesOf(p.podIPs));
    else workloads.set(key, [familiesOf(p.podIPs)]);
  }
  for (const [key, lists] of workloads) {
    out.set(key, { families: (['IPv4', 'IPv6'] as const).filter((f) => lists.every((l) => l.includes(f))), noun: 'Pod address' });
  }
  return out;
}

/** The collections both readings hold, and the gaps of those only one holds (or neither may read). */
function coverage(before: ClusterModel, after: ClusterModel): { compared: Set<DiffCollection>; gaps: DiffGap[] } {
  const compared = new Set<DiffCollection>();
  const gaps: DiffGap[] = [];
  for (const collection of DIFF_COLLECTIONS) {
    const sides = [['before', before.availability[collection]], ['after', after.availability[collection]]] as const;
    if (sides.every(([, a]) => a.status === 'present')) {
      compared.add(collection);
      continue;
    }
    // Neither reading holds it (two manifest sets without Nodes): nothing was there to compare.
    if (sides.every(([, a]) => a.status === 'absent')) continue;
    for (const [side, a] of sides) if (a.status !== 'present') gaps.push({ collection, side, status: a.status, reason: a.reason });
  }
  return { compared, gaps };
}

/** The collection a plan section's progress counts. */
const SECTION_COLLECTION: Readonly<Partial<Record<PlanSectionName, DiffCollection>>> = { nodes: 'nodes', workloads: 'pods', services: 'services' };

const ORDER: Readonly<Record<DiffChangeKind, number>> = { lost: 0, gained: 1, 'new-single': 2 };

/** Compares two readings of one cluster. */
export function buildDiff(before: ClusterModel, after: ClusterModel, goal: PlanGoal): ClusterDiff {
  const { compared, gaps } = coverage(before, after);
  const a = holdings(before, compared);
  const b = holdings(after, compared);
  const changes: DiffChange[] = [];
  for (const [object, now] of b) {
    const was = a.get(object);
    if (!was) {
      if (now.families.length === 1) changes.push({ kind: 'new-single', family: now.families[0], object, message: `${object} is new and ${now.families[0]}-only` });
      continue;
    }
    for (const f of ['IPv4', 'IPv6'] as const) {
      const had = was.families.includes(f);
      const has = now.families.includes(f);
      if (had && !has) changes.push({ kind: 'lost', family: f, object, message: `${object} lost its ${f} ${now.noun}` });
      if (!had && has) changes.push({ kind: 'gained', family: f, object, message: `${object} gained an ${f} ${now.noun}${now.families.length === 2 ? ': dual-stack' : ''}` });
    }
  }
  changes.sort((x, y) => ORDER[x.kind] - ORDER[y.kind] || (x.family < y.family ? -1 : x.family > y.family ? 1 : 0) || (x.object < y.object ? -1 : x.object > y.object ? 1 : 0));

  const planBefore = clusterChangePlan(before, goal, []);
  const planAfter = clusterChangePlan(after, goal, []);
  const work = (p: typeof planBefore) => {
    const steps = p.sections.filter((s) => s.name !== 'verify' && s.name !== 'rollback').flatMap((s) => s.steps);
    return { done: steps.filter((s) => s.status === 'done').length, total: steps.length };
  };
  const sectionProgress = (p: typeof planBefore, model: ClusterModel, name: PlanSectionName) => {
    // A count from a reading that could not read the objects counted would be a false figure.
    const counted = SECTION_COLLECTION[name];
    if (counted && model.availability[counted].status !== 'present') return null;
    const s = p.sections.find((x) => x.name === name);
    if (!s) return null;
    if (s.progress) return s.progress;
    // Nodes: the first step (podCIDRs) is the section's measure.
    return s.steps.find((st) => st.progress)?.progress ?? null;
  };
  const names: PlanSectionName[] = ['nodes', 'workloads', 'services'];
  const progress: DiffProgress[] = [];
  for (const name of names) {
    const x = sectionProgress(planBefore, before, name);
    const y = sectionProgress(planAfter, after, name);
    if (!x && !y) continue;
    const title = (planAfter.sections.find((s) => s.name === name) ?? planBefore.sections.find((s) => s.name === name))!.title;
    progress.push({ section: name, title, before: x, after: y });
  }
  return {
    before: before.cluster ?? null,
    after: after.cluster ?? null,
    goal,
    changes,
    regressions: changes.filter((c) => c.kind === 'lost').length,
    steps: { before: work(planBefore), after: work(planAfter) },
    progress,
    notCompared: gaps,
    complete: !gaps.some((g) => g.status === 'forbidden'),
  };
}
