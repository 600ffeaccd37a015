/** The canonical audit result every formatter renders. */
import type { Family, ObjectRef, Owner, Scenario, StackState, Target, Evidence } from '../model/types.js';
import type { CollectionName, InputError, InputNotice } from '../model/input.js';
import type { Confidence, RuleFamily, RuleMeta, Severity } from '../rule-contract/define-rule.js';

export interface Location {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface Suppression {
  readonly kind: 'annotation' | 'config';
  readonly reason: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly code: string;
  readonly severity: Severity;
  /** Rule family (category). */
  readonly family: RuleFamily;
  readonly messageId: string;
  readonly message: string;
  /** What to do about it: the rule's object-specific fix, else its remediation. */
  readonly fix: string;
  readonly object: ObjectRef;
  /** Logical field path, e.g. `spec.ipFamilyPolicy`; empty for the whole object. */
  readonly path: string;
  /** Physical location for file-origin objects; null for cluster-origin objects. */
  readonly location: Location | null;
  /** IP family the finding is about, when there is one. */
  readonly ipFamily?: Family;
  /** Who a fix must go through (a Helm release, an Argo CD Application, a controller); undefined when nothing manages the object. */
  readonly owner?: Owner;
  /** How sure a heuristic rule is of this finding; undefined for rules that read a field's meaning exactly. */
  readonly confidence?: Confidence;
  readonly suppressed: Suppression | null;
  readonly baselined: boolean;
  readonly fingerprint: string;
}

/**
 * Why a rule was not assessed, for grouping: `target` it does not apply to the target stack; `missing`
 * an input it needs is not in the input (or not served); `forbidden` the cluster refused to list one;
 * `undeclared` the input does not declare a fact it needs (a range, a config); `failed` the rule threw.
 */
export type NotAssessedCause = 'target' | 'missing' | 'forbidden' | 'undeclared' | 'failed';

export interface NotAssessed {
  readonly ruleId: string;
  readonly code: string;
  readonly reason: string;
  readonly cause: NotAssessedCause;
  /** The cluster the rule could not be assessed in, in runs over several clusters. */
  readonly cluster?: string;
}

/** Whether one collection of one audited cluster was read (live and snapshot sources only). */
export interface CoverageEntry {
  readonly cluster: string;
  readonly collection: CollectionName;
  readonly status: 'present' | 'absent' | 'forbidden';
  /** Why the collection is absent or forbidden; undefined when present. */
  readonly reason?: string;
  /** Absent because the server does not serve its API (no gap); undefined otherwise. */
  readonly notServed?: true;
}

/** One audited cluster of a live or snapshot run. */
export interface ClusterSummary {
  readonly name: string;
  readonly stack: StackState;
  readonly evidence: readonly Evidence[];
}

export interface ToolNotification {
  readonly level: 'error' | 'warning' | 'note';
  readonly message: string;
  readonly ruleId?: string;
}

export interface Summary {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  readonly suppressed: number;
  readonly baselined: number;
}

export interface AuditResult {
  readonly tool: { readonly name: string; readonly version: string };
  readonly cluster: { readonly stack: StackState; readonly evidence: readonly Evidence[] };
  readonly target: Target;
  /**
   * The scenario evaluated (`--target`, `--rollback-to`, `--new-primary`); over several clusters the
   * family removed is given only when they agree. Absent from results written before scenarios existed.
   */
  readonly scenario?: Scenario;
  readonly summary: Summary;
  /** Sorted: severity desc, ruleId, kind, namespace, name, path. */
  readonly findings: readonly Finding[];
  readonly notAssessed: readonly NotAssessed[];
  readonly notifications: readonly ToolNotification[];
  readonly inputErrors: readonly InputError[];
  readonly notices: readonly InputNotice[];
  /** Metadata of the rules that ran or were not assessed, sorted by id (feeds SARIF rule descriptors). */
  readonly rules: readonly RuleMeta[];
  /**
   * What each live or snapshot cluster let dsaudit read, per collection, sorted by cluster then
   * collection order. Empty for manifest runs, where absence is derived from the files.
   */
  readonly coverage: readonly CoverageEntry[];
  /** The audited clusters of a live or snapshot run, sorted by name; empty for manifest runs. */
  readonly clusters: readonly ClusterSummary[];
}
