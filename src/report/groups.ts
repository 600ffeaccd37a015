/** `scan --group-by owner|namespace|rule|team`: findings grouped for the team that has to act on them. */
import type { Finding, Summary } from '../engine/result.js';
import type { Owner } from '../model/types.js';
import { teamOf, type TeamMap } from '../plan/teams.js';
import { ownerKey, ownerText } from './owners.js';
import type { DerivedViews, FormatContext, GroupBy } from './types.js';

export type { GroupBy };

/** Every `--group-by` value, in the order help lists them. */
export const GROUP_BY = ['owner', 'namespace', 'rule', 'team'] as const satisfies readonly GroupBy[];

/** Why a group has no key: nothing manages the objects, they have no namespace, or no team is known for it. */
export type Unassigned = 'unmanaged' | 'cluster-scoped' | 'unlabelled' | 'namespace-not-read';

export interface FindingGroup {
  readonly by: GroupBy;
  /** The owner's identity, the namespace, the rule id or the team; null for the findings that have none. */
  readonly key: string | null;
  /** How the group reads in reports. */
  readonly label: string;
  readonly owner?: Owner;
  readonly code?: string;
  /** The cluster of a namespace group in a run over clusters. */
  readonly cluster?: string;
  readonly unassigned?: Unassigned;
  /** Indexes into the result's findings, in their order (suppressed and baselined ones included). */
  readonly findings: readonly number[];
  /** Counted as the result's summary is: active findings per severity, then suppressed and baselined. */
  readonly summary: Summary;
}

interface Placement {
  readonly id: string;
  readonly group: Omit<FindingGroup, 'findings' | 'summary'>;
}

const UNASSIGNED_ORDER: readonly Unassigned[] = ['unlabelled', 'namespace-not-read', 'cluster-scoped', 'unmanaged'];

function placeOf(f: Finding, by: GroupBy, teams: TeamMap | undefined): Placement {
  const ns = f.object.namespace;
  switch (by) {
    case 'owner':
      return f.owner
        ? { id: `o:${ownerKey(f.owner)}`, group: { by, key: ownerKey(f.owner), label: ownerText(f.owner), owner: f.owner } }
        : { id: 'u:unmanaged', group: { by, key: null, label: 'not managed by a tool or controller: fix the objects themselves', unassigned: 'unmanaged' } };
    case 'namespace': {
      const cluster = f.object.cluster;
      if (ns === undefined) return { id: 'u:cluster-scoped', group: { by, key: null, label: 'cluster-scoped objects', unassigned: 'cluster-scoped' } };
      return { id: `n:${cluster ?? ''}/${ns}`, group: { by, key: ns, label: `namespace ${ns}${cluster !== undefined ? ` (cluster ${cluster})` : ''}`, ...(cluster !== undefined ? { cluster } : {}) } };
    }
    case 'rule':
      return { id: `r:${f.ruleId}`, group: { by, key: f.ruleId, label: `${f.code} ${f.ruleId}`, code: f.code } };
    case 'team': {
      if (!teams) throw new Error('grouping by team needs the namespace teams (--team-label)');
      const t = teamOf(teams, f.object.cluster, ns);
      if ('team' in t) return { id: `t:${t.team}`, group: { by, key: t.team, label: `team ${t.team}` } };
      const label = {
        unlabelled: `no team: namespace without the "${teams.label}" label`,
        'namespace-not-read': 'no team: Namespace object not in the input',
        'cluster-scoped': 'no team: cluster-scoped objects',
      }[t.none];
      return { id: `u:${t.none}`, group: { by, key: null, label, unassigned: t.none } };
    }
  }
  throw new Error(`unknown grouping ${String(by)}`);
}

function summaryOf(findings: readonly Finding[]): Summary {
  const active = findings.filter((f) => !f.suppressed && !f.baselined);
  return {
    error: active.filter((f) => f.severity === 'error').length,
    warning: active.filter((f) => f.severity === 'warning').length,
    info: active.filter((f) => f.severity === 'info').length,
    suppressed: findings.filter((f) => f.suppressed).length,
    baselined: findings.filter((f) => !f.suppressed && f.baselined).length,
  };
}

/**
 * The result's findings grouped: groups with the most active errors and warnings first (then errors,
 * then info, then by label); the findings with no owner, namespace or team last.
 */
export function groupFindings(findings: readonly Finding[], by: GroupBy, teams?: TeamMap): FindingGroup[] {
  const groups = new Map<string, { group: Placement['group']; indexes: number[] }>();
  findings.forEach((f, i) => {
    const p = placeOf(f, by, teams);
    const g = groups.get(p.id);
    if (g) g.indexes.push(i);
    else groups.set(p.id, { group: p.group, indexes: [i] });
  });
  const rank = (g: FindingGroup) => (g.unassigned === undefined ? -1 : UNASSIGNED_ORDER.indexOf(g.unassigned));
  return [...groups.values()]
    .map(({ group, indexes }) => ({ ...group, findings: indexes, summary: summaryOf(indexes.map((i) => findings[i])) }))
    .sort((a, b) =>
      rank(a) - rank(b) ||
      b.summary.error + b.summary.warning - (a.summary.error + a.summary.warning) ||
      b.summary.error - a.summary.error ||
      b.summary.info - a.summary.info ||
      (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The groups a report shows: none unless `--group-by` asked for them. */
export function reportGroups(findings: readonly Finding[], ctx: FormatContext, views: DerivedViews = {}): FindingGroup[] | undefined {
  return ctx.groupBy ? groupFindings(findings, ctx.groupBy, views.teams) : undefined;
}
