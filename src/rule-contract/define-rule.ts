/** The rule factory and the types a rule module is written against. */
import type { ClusterModel, DerivedInput, Family, ModelObject, Target } from '../model/types.js';
import type { CollectionName } from '../model/input.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const RULE_FAMILIES = ['single-stack', 'cidr', 'rollback', 'mesh', 'config'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];
export type RuleScope = 'cluster' | 'fleet';
/** How sure a heuristic rule (one that reads free-form configuration) is of a finding. */
export type Confidence = 'high' | 'medium' | 'low';

/** Inputs a rule may declare: model collections plus derived inputs (the cluster network, pod specs per workload). */
export type RuleInput = CollectionName | DerivedInput;

/** Message templates keyed by camelCase message id. */
export type MessageTemplates = Record<string, (data: any) => string>;

export interface RuleMeta<M extends MessageTemplates = MessageTemplates> {
  /** kebab-case, equal to the file name; never reused. */
  readonly id: string;
  /** Short stable code (`DS101`); never reused. */
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly rationale: string;
  /** How to fix the problem in general; each finding carries it unless the rule gives an object-specific fix. */
  readonly remediation: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** Model inputs read by `check`; the engine reports the rule as not assessed when one is missing. */
  readonly requires: readonly RuleInput[];
  /**
   * Inputs read when present: an empty or absent collection just means nothing to check, but a
   * forbidden one (RBAC) makes the rule not assessed.
   */
  readonly uses?: readonly RuleInput[];
  /** Targets the rule applies to; for other targets it is not assessed. Default: every target. */
  readonly targets?: readonly Target[];
  /**
   * `cluster` (default): `check` sees one cluster at a time. `fleet`: `check` sees every audited
   * cluster at once (cross-cluster rules such as overlapping ranges); `requires` is checked per cluster.
   */
  readonly scope?: RuleScope;
  /** Sources the rule's semantics come from (Kubernetes code, KEPs, docs). */
  readonly sources: readonly string[];
  readonly messages: M;
}

export interface FindingDraft {
  readonly object: ModelObject;
  readonly messageId: string;
  readonly message: string;
  readonly path: string;
  /** Severity of this variant of the problem; the rule's default when unset. */
  readonly severity?: Severity;
  readonly ipFamily?: Family;
  /** Distinguishes two findings of one rule on the same object and path (part of the fingerprint). */
  readonly key?: string;
  /** What to do about this finding on this object, in a sentence; the rule's `remediation` when unset. */
  readonly fix?: string;
  readonly confidence?: Confidence;
}

export interface FindingOptions {
  readonly path?: string;
  readonly severity?: Severity;
  readonly ipFamily?: Family;
  readonly key?: string;
  /** An object-specific fix (`Set spec.ipFamilyPolicy: PreferDualStack on Service shop/api`); default: `remediation`. */
  readonly fix?: string;
  /** Set by heuristic rules; the message then says what matched. */
  readonly confidence?: Confidence;
}

/** Makes a finding about `object` with a typed message: the key and its data are checked at compile time. */
export type FindingFactory<M extends MessageTemplates> = <K extends keyof M & string>(
  object: ModelObject,
  messageId: K,
  data: Parameters<M[K]>[0],
  options?: FindingOptions,
) => FindingDraft;

export interface RuleContext<M extends MessageTemplates> {
  readonly model: ClusterModel;
  readonly finding: FindingFactory<M>;
  /** Stops the rule and reports it as not assessed: a fact it needs is not available in this input. */
  notAssessed(reason: string): never;
}

/** What a fleet rule's `check` sees: every audited cluster, each normalized into its own model. */
export interface FleetContext<M extends MessageTemplates> {
  /** The clusters, sorted by name; each model has `cluster` set (unset only for a lone manifest set). */
  readonly clusters: readonly ClusterModel[];
  /** The two clusters are declared connected (one `clusters:` group in the config, or `--connected`). */
  connected(a: ClusterModel, b: ClusterModel): boolean;
  readonly finding: FindingFactory<M>;
  /** Records that one cluster could not take part (a fact is missing there); the rule goes on with the others. */
  notAssessedIn(cluster: ClusterModel, reason: string): void;
  /** Stops the rule and reports it as not assessed. */
  notAssessed(reason: string): never;
}

/** A rule that checks one cluster (or manifest set) at a time. */
export interface ClusterRule<M extends MessageTemplates = MessageTemplates> {
  readonly meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): Iterable<FindingDraft>;
}

/** A rule that checks all audited clusters together (`meta.scope === 'fleet'`). */
export interface FleetRule<M extends MessageTemplates = MessageTemplates> {
  readonly meta: RuleMeta<M> & { readonly scope: 'fleet' };
  check(ctx: FleetContext<M>): Iterable<FindingDraft>;
}

export type Rule<M extends MessageTemplates = MessageTemplates> = ClusterRule<M> | FleetRule<M>;

export type RuleDefinition<M extends MessageTemplates> = Omit<RuleMeta<M>, 'scope'> & {
  readonly scope?: 'cluster';
  check(ctx: RuleContext<M>): Iterable<FindingDraft>;
};

export type FleetRuleDefinition<M extends MessageTemplates> = Omit<RuleMeta<M>, 'scope'> & {
  readonly scope: 'fleet';
  check(ctx: FleetContext<M>): Iterable<FindingDraft>;
};

/** True for rules declared with `scope: 'fleet'`. */
export function isFleetRule(rule: Rule): rule is FleetRule {
  return rule.meta.scope === 'fleet';
}

/** Defines a rule: keeps metadata and logic together (its docs URL is derived where it is shown, see report/links.ts). */
export function defineRule<M extends MessageTemplates>(def: FleetRuleDefinition<M>): FleetRule<M>;
export function defineRule<M extends MessageTemplates>(def: RuleDefinition<M>): ClusterRule<M>;
export function defineRule<M extends MessageTemplates>(def: RuleDefinition<M> | FleetRuleDefinition<M>): Rule<M> {
  const { check, ...rest } = def;
  const meta = Object.freeze({ ...rest });
  return Object.freeze({ meta, check }) as Rule<M>;
}
