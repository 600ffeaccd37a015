/** The change plan's shape (`dsaudit plan -o json`; schema/dsaudit-plan.schema.json): sections of numbered steps with progress. */
import type { Family, ObjectRef, StackState } from '../model/types.js';

/** `--to`: the stack a plan ends in. `ipv6-primary` is dual-stack with IPv6 first. */
export type PlanGoal = 'dual' | 'ipv4' | 'ipv6' | 'ipv6-primary';
export const PLAN_GOALS: readonly PlanGoal[] = ['dual', 'ipv4', 'ipv6', 'ipv6-primary'];

/** What the plan needs of a finding (the engine's Finding has these fields). */
export interface PlanFinding {
  readonly ruleId: string;
  readonly code: string;
  readonly messageId: string;
  readonly message: string;
  readonly fix: string;
  readonly object: ObjectRef;
  readonly suppressed: unknown;
  readonly baselined: boolean;
}

/** `done of total unit`, `percent` floored; a step with a total of 0 has nothing to do. */
export interface PlanProgress {
  readonly done: number;
  readonly total: number;
  readonly unit: string;
  readonly percent: number;
}

/** One thing to do: what, and a command ready to run when there is a safe one. */
export interface PlanAction {
  readonly text: string;
  readonly command?: string;
  /** `Kind ns/name` of the object the action is about. */
  readonly object?: string;
}

/** Findings of one rule a step resolves, counted in this cluster. */
export interface PlanResolves {
  readonly code: string;
  readonly ruleId: string;
  readonly count: number;
}

/**
 * `done`: nothing left to do; `todo`: actions remain; `check`: dsaudit cannot tell from the input
 * (a CNI it does not know, no version), so the step says what to confirm.
 */
export type StepStatus = 'done' | 'todo' | 'check';

export interface PlanStep {
  /** Numbered across the whole plan, in the order to act. */
  readonly number: number;
  readonly title: string;
  readonly status: StepStatus;
  readonly progress: PlanProgress | null;
  readonly resolves: readonly PlanResolves[];
  readonly actions: readonly PlanAction[];
}

export type PlanSectionName = 'prerequisites' | 'ranges' | 'control-plane' | 'nodes' | 'workloads' | 'services' | 'dns' | 'mesh' | 'verify' | 'rollback';

export interface PlanSection {
  readonly name: PlanSectionName;
  readonly title: string;
  /** Progress of the whole section (`312 of 400 Services dual-stack`), when it counts objects. */
  readonly progress: PlanProgress | null;
  readonly steps: readonly PlanStep[];
}

/** The plan of one audited cluster (or manifest set). */
export interface ClusterChangePlan {
  readonly cluster: string | null;
  /** The cluster as it is: stack, service families and pod families, primary first. */
  readonly from: { readonly stack: StackState; readonly serviceFamilies: readonly Family[]; readonly podFamilies: readonly Family[] };
  /** Families after the change, primary first. */
  readonly families: readonly Family[];
  /** Families the change adds and removes. */
  readonly added: readonly Family[];
  readonly removed: readonly Family[];
  /** Every step is done. */
  readonly complete: boolean;
  readonly sections: readonly PlanSection[];
}

export interface ChangePlan {
  readonly goal: PlanGoal;
  /** The scenario the findings were evaluated under (model/scenario.ts#describeScenario). */
  readonly scenario: string;
  readonly clusters: readonly ClusterChangePlan[];
}
