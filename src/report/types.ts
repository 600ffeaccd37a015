/** The formatter contract, plus the small display helpers every formatter shares. */
import type { AuditResult, CoverageEntry, Finding, NotAssessedCause } from '../engine/result.js';
import type { Severity } from '../rule-contract/define-rule.js';
import type { ObjectRef } from '../model/types.js';
import { rbacFileOf } from '../model/collections.js';
import type { AddressPlan } from '../plan/address-plan.js';
import type { ChangePlan } from '../plan/change-plan.js';
import type { ClusterDiff } from '../plan/diff.js';
import type { ProjectLinks } from './links.js';
import type { TeamMap } from '../plan/teams.js';

/** What a formatter may know besides the result. Formatters never read the environment. */
export interface FormatContext {
  /** Emit ANSI colors (only the table formatter uses it). */
  readonly color: boolean;
  /** Documentation links from package.json; without them reports link nowhere and point to `dsaudit explain`. */
  readonly links?: ProjectLinks;
  /** Terminal width in columns, set only when stdout is a terminal: the table wraps its message column to it. */
  readonly width?: number;
  /** Show each finding's fix under it in the table however many findings there are (`--fix`). */
  readonly showFixes?: boolean;
  /** List every rule not assessed instead of one line grouped by cause (`--show-not-assessed`). */
  readonly showNotAssessed?: boolean;
  /** Group the findings (`--group-by`); `team` needs the `teams` view. */
  readonly groupBy?: GroupBy;
}

/** What `--group-by` groups findings by: who fixes them (owner, team), where they are, or which rule. */
export type GroupBy = 'owner' | 'namespace' | 'rule' | 'team';

/**
 * Derived views (src/plan/) built from the same models as the result. A report format renders those it
 * has a place for (`scan -o json` embeds the address plan); each view also renders alone through
 * VIEW_FORMATTERS (`dsaudit cidrs`).
 */
export interface DerivedViews {
  readonly addressPlan?: AddressPlan;
  /** The team of each namespace, from `--team-label`. */
  readonly teams?: TeamMap;
  /** `dsaudit plan`: the ordered steps to the goal stack, with progress. */
  readonly changePlan?: ChangePlan;
  /** `dsaudit diff`: what changed per family between two readings, regressions first. */
  readonly diff?: ClusterDiff;
}

/** A pure formatter: same result in, byte-identical string out. The CLI decides where it goes. */
export type Formatter = (result: AuditResult, ctx: FormatContext, views?: DerivedViews) => string;

/** Renders one derived view on its own in one format. */
export type ViewFormatter<V> = (view: V, ctx: FormatContext) => string;

/** Severities in display order. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** `Kind ns/name`, or `Kind name` for cluster-scoped objects. */
export function objectText(ref: ObjectRef): string {
  if (isClusterPseudoObject(ref)) return ref.cluster ? `Cluster ${ref.cluster}` : 'Cluster';
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The stand-in for a whole cluster that cluster-level findings without a declaring object point at (`rule-api#clusterObject`). */
export function isClusterPseudoObject(ref: ObjectRef): boolean {
  return ref.apiVersion === 'dsaudit.io/v1' && ref.kind === 'Cluster';
}

/**
 * `file:line:column`, or `(cluster NAME)` / `(cluster)` for objects read from a live cluster; empty for
 * the cluster stand-in, which the object column already names.
 */
export function locationText(f: Finding): string {
  if (f.location) return `${f.location.file}:${f.location.line}:${f.location.column}`;
  if (isClusterPseudoObject(f.object)) return '';
  return f.object.cluster ? `(cluster ${f.object.cluster})` : '(cluster)';
}

/** `file:line`, or just `file` when the line is unknown. */
export function fileLineText(e: { readonly file: string; readonly line: number | null }): string {
  return e.line !== null ? `${e.file}:${e.line}` : e.file;
}

/** Findings that count toward the summary and are listed: neither suppressed nor baselined. */
export function isActive(f: Finding): boolean {
  return !f.suppressed && !f.baselined;
}

/** `1 error`, `2 errors`; `info` does not take a plural. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}

/** What a not-assessed cause means (table and Markdown summaries). */
const CAUSE_TEXT: Readonly<Record<NotAssessedCause, string>> = {
  missing: 'objects not in the input',
  undeclared: 'facts the input does not declare',
  forbidden: 'objects the cluster forbade reading',
  target: 'not applicable to the target',
  failed: 'the rule failed',
};

const CAUSE_ORDER: readonly NotAssessedCause[] = ['missing', 'undeclared', 'forbidden', 'target', 'failed'];

/**
 * One line for everything not assessed, grouped by cause, with what would assess it:
 * `22 rules not assessed (18: objects not in the input; 4: facts the input does not declare) — scan a dump or a live cluster`.
 */
export function notAssessedSummary(result: Pick<AuditResult, 'notAssessed' | 'clusters' | 'coverage'>): string {
  const counts = CAUSE_ORDER.map((cause) => [cause, result.notAssessed.filter((n) => n.cause === cause).length] as const).filter(([, n]) => n > 0);
  const groups = counts.map(([cause, n]) => `${n}: ${CAUSE_TEXT[cause]}`).join('; ');
  const has = (cause: NotAssessedCause) => counts.some(([c]) => c === cause);
  const hints = [
    result.clusters.length === 0 && (has('missing') || has('undeclared')) ? 'scan a dump or a live cluster' : '',
    has('forbidden') ? `grant list access (${rolesFor(result)})` : '',
  ].filter((h) => h !== '');
  return `${plural(result.notAssessed.length, 'rule')} not assessed (${groups})${hints.length > 0 ? ` — ${hints.join('; ')}` : ''}`;
}

/** The roles in deploy/ that grant what the cluster forbade reading. */
function rolesFor(result: Pick<AuditResult, 'coverage'>): string {
  const files = [...new Set(result.coverage.filter((c) => c.status === 'forbidden').map((c) => rbacFileOf(c.collection)))].sort();
  return files.length > 0 ? files.join(', ') : 'deploy/rbac.yaml';
}

/**
 * A run's coverage in the three groups reports show: `gaps` the cluster forbade reading (what
 * `--strict` fails on, `engine/run.ts#coverageIncomplete`), `notServed` APIs this server version does
 * not serve (nothing to read, no gap), `unread` absent for another reason (a list that failed, which
 * is also an input error, or a collection an older snapshot did not record).
 */
export function coverageGroups(result: Pick<AuditResult, 'coverage'>): { gaps: CoverageEntry[]; notServed: CoverageEntry[]; unread: CoverageEntry[] } {
  const missing = result.coverage.filter((c) => c.status !== 'present');
  return {
    gaps: missing.filter((c) => c.status === 'forbidden'),
    notServed: missing.filter((c) => c.status === 'absent' && c.notServed === true),
    unread: missing.filter((c) => c.status === 'absent' && c.notServed !== true),
  };
}

/** A message as one sentence without a trailing period (table and Markdown style). */
export function bareMessage(message: string): string {
  return message.trim().replace(/\.$/, '');
}
