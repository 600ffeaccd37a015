/** `dsaudit diff`: what changed per family between two readings of one cluster, what regressed, and the plan's progress between them. */
import { familiesOf, type Family } from '../net/index.js';
import { displayRef } from '../model/objects.js';
import { serviceFamilies } from '../model/service-families.js';
import type { ClusterModel } from '../model/types.js';
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
}

/** What each object holds of each family, keyed by `Kind ns/name`. */
interface Holding {
  readonly families: readonly Family[];
  /** What the family is on this kind of object, for messages. */
  readonly noun: string;
}

function holdings(model: ClusterModel): Map<string, Holding> {
  const out = new Map<string, Holding>();
  for (const s of model.services) {
    if (s.type === 'ExternalName' || s.isDefaultKubernetes) continue;
    out.set(displayRef(s.ref), { families: serviceFamilies(s, model.clusterNetwork).families, noun: s.headless ? 'family' : 'ClusterIP' });
  }
  for (const n of model.nodes) if (n.podCIDRs.length > 0) out.set(displayRef(n.ref), { families: familiesOf(n.podCIDRs), noun: 'podCIDR' });
  // Pods are renamed by every restart: a workload holds the families all of its running Pods have.
  const workloads = new Map<string, Family[][]>();
  for (const p of model.pods) {
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

const ORDER: Readonly<Record<DiffChangeKind, number>> = { lost: 0, gained: 1, 'new-single': 2 };

/** Compares two readings of one cluster. */
export function buildDiff(before: ClusterModel, after: ClusterModel, goal: PlanGoal): ClusterDiff {
  const a = holdings(before);
  const b = holdings(after);
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
  const sectionProgress = (p: typeof planBefore, name: PlanSectionName) => {
    const s = p.sections.find((x) => x.name === name);
    if (!s) return null;
    if (s.progress) return s.progress;
    // Nodes: the first step (podCIDRs) is the section's measure.
    return s.steps.find((st) => st.progress)?.progress ?? null;
  };
  const names: PlanSectionName[] = ['nodes', 'workloads', 'services'];
  const progress: DiffProgress[] = [];
  for (const name of names) {
    const x = sectionProgress(planBefore, name);
    const y = sectionProgress(planAfter, name);
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
  };
}
