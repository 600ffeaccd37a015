/** The rule factory and the types a rule module is written against. */
import type { ClusterModel, Family, ModelObject, Target } from '../model/types.js';
import type { CollectionName } from '../sources/types.js';
import { TOOL_VERSION } from '../version.js';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
export const RULE_FAMILIES = ['single-stack', 'cidr', 'rollback', 'mesh', 'config'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** Inputs a rule may declare: model collections plus the derived cluster network. */
export type RuleInput = CollectionName | 'clusterNetwork';

export const REPO_URL = 'https://github.com/dsaudit/dsaudit';

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
  readonly remediation: string;
  readonly family: RuleFamily;
  readonly defaultSeverity: Severity;
  /** Model inputs read by `check`; the engine reports the rule as not assessed when one is missing. */
  readonly requires: readonly RuleInput[];
  /** Targets the rule applies to; for other targets it is not assessed. Default: every target. */
  readonly targets?: readonly Target[];
  /** Sources the rule's semantics come from (Kubernetes code, KEPs, docs). */
  readonly sources: readonly string[];
  readonly messages: M;
  /** Docs page, derived from the id. */
  readonly helpUri: string;
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
}

export interface FindingOptions {
  readonly path?: string;
  readonly severity?: Severity;
  readonly ipFamily?: Family;
  readonly key?: string;
}

export interface RuleContext<M extends MessageTemplates> {
  readonly model: ClusterModel;
  finding<K extends keyof M & string>(
    object: ModelObject,
    messageId: K,
    data: Parameters<M[K]>[0],
    options?: FindingOptions,
  ): FindingDraft;
  /** Stops the rule and reports it as not assessed: a fact it needs is not available in this input. */
  notAssessed(reason: string): never;
}

export interface Rule<M extends MessageTemplates = MessageTemplates> {
  readonly meta: RuleMeta<M>;
  check(ctx: RuleContext<M>): Iterable<FindingDraft>;
}

export type RuleDefinition<M extends MessageTemplates> = Omit<RuleMeta<M>, 'helpUri'> & {
  check(ctx: RuleContext<M>): Iterable<FindingDraft>;
};

/** Defines a rule: derives the docs URL from the id and keeps metadata and logic together. */
export function defineRule<M extends MessageTemplates>(def: RuleDefinition<M>): Rule<M> {
  const { check, ...rest } = def;
  const meta: RuleMeta<M> = Object.freeze({ ...rest, helpUri: `${REPO_URL}/blob/v${TOOL_VERSION}/docs/rules/${def.id}.md` });
  return Object.freeze({ meta, check });
}
