/** Renderings of the diff between two readings of a cluster (`dsaudit diff`): terminal, Markdown, JSON. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ClusterDiff, DiffChange, DiffChangeKind, DiffGap } from '../plan/diff.js';
import type { PlanProgress } from '../plan/plan-types.js';
import { progressText } from './change-plan.js';
import type { FormatContext, ViewFormatter } from './types.js';

const HEADINGS: Readonly<Record<DiffChangeKind, string>> = {
  lost: 'Regressions',
  gained: 'Became dual-stack or gained a family',
  'new-single': 'New single-family objects',
};
const KINDS: readonly DiffChangeKind[] = ['lost', 'gained', 'new-single'];

function label(d: ClusterDiff): string {
  return d.before === d.after ? (d.before ? `cluster ${d.before}` : 'manifests') : `${d.before ?? 'manifests'} → ${d.after ?? 'manifests'}`;
}

function progressLine(before: PlanProgress | null, after: PlanProgress | null): string {
  return `${before ? progressText(before) : '—'} → ${after ? progressText(after) : '—'}`;
}

/** `pods: forbidden in AFTER (reason)`. */
function gapText(g: DiffGap): string {
  return `${g.collection}: ${g.status} in ${g.side === 'before' ? 'BEFORE' : 'AFTER'} (${g.reason})`;
}

/** The closing verdict: regressions, else whether "no regressions" can be said at all. */
function verdict(d: ClusterDiff): string {
  const regressions = `${d.regressions} regression${d.regressions === 1 ? '' : 's'}`;
  if (d.complete) return d.regressions > 0 ? regressions : 'No regressions';
  const missing = [...new Set(d.notCompared.filter((g) => g.status === 'forbidden').map((g) => g.collection))].join(', ');
  return `Incomplete: ${d.regressions > 0 ? regressions : 'no regression found'} in what both readings hold; ${missing} could not be read and were not compared`;
}

function byFamily(changes: readonly DiffChange[]): [string, DiffChange[]][] {
  const out = new Map<string, DiffChange[]>();
  for (const c of changes) {
    const list = out.get(c.family);
    if (list) list.push(c);
    else out.set(c.family, [c]);
  }
  return [...out.entries()];
}

function table(d: ClusterDiff, c: ChalkInstance): string {
  const lines = [
    c.bold(`Diff of ${label(d)} (plan --to ${d.goal})`),
    `Plan steps done: ${d.steps.before.done} of ${d.steps.before.total} → ${d.steps.after.done} of ${d.steps.after.total}`,
    ...d.progress.map((p) => `${p.title}: ${progressLine(p.before, p.after)}`),
  ];
  if (d.notCompared.length > 0) {
    lines.push('', c.yellow.bold(`Not compared (${d.notCompared.length})`));
    for (const g of d.notCompared) lines.push(`  ${g.status === 'forbidden' ? c.red('✖') : c.yellow('•')} ${gapText(g)}`);
  }
  for (const kind of KINDS) {
    const changes = d.changes.filter((x) => x.kind === kind);
    if (changes.length === 0) continue;
    lines.push('', (kind === 'lost' ? c.red.bold : c.bold)(`${HEADINGS[kind]} (${changes.length})`));
    for (const [family, list] of byFamily(changes)) {
      lines.push(`  ${family}`);
      for (const x of list) lines.push(`    ${kind === 'lost' ? c.red('✖') : kind === 'gained' ? c.green('✔') : c.yellow('•')} ${x.message}`);
    }
  }
  lines.push('', d.regressions > 0 || !d.complete ? c.red(verdict(d)) : c.green(verdict(d)));
  return `${lines.join('\n')}\n`;
}

function md(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

function markdown(d: ClusterDiff): string {
  const out = [
    `## Dual-stack diff of ${md(label(d))} (plan --to ${d.goal})`,
    '',
    '| Measure | Before | After |',
    '|---|---|---|',
    `| Plan steps done | ${d.steps.before.done} of ${d.steps.before.total} | ${d.steps.after.done} of ${d.steps.after.total} |`,
    ...d.progress.map((p) => `| ${md(p.title)} | ${p.before ? md(progressText(p.before)) : '—'} | ${p.after ? md(progressText(p.after)) : '—'} |`),
  ];
  if (d.notCompared.length > 0) {
    out.push('', `### Not compared (${d.notCompared.length})`, '');
    for (const g of d.notCompared) out.push(`- ${md(gapText(g))}`);
  }
  for (const kind of KINDS) {
    const changes = d.changes.filter((x) => x.kind === kind);
    if (changes.length === 0) continue;
    out.push('', `### ${HEADINGS[kind]} (${changes.length})`);
    for (const [family, list] of byFamily(changes)) {
      out.push('', `**${family}**`, '');
      for (const x of list) out.push(`- ${md(x.message)}`);
    }
  }
  out.push('', d.regressions > 0 || !d.complete ? `**${md(verdict(d))}**` : 'No regressions.');
  return `${out.join('\n')}\n`;
}

/** The diff as a plain object with a fixed key order. */
export function diffJson(d: ClusterDiff): unknown {
  return {
    before: d.before,
    after: d.after,
    goal: d.goal,
    regressions: d.regressions,
    steps: { before: { ...d.steps.before }, after: { ...d.steps.after } },
    progress: d.progress.map((p) => ({ section: p.section, title: p.title, before: p.before ? { ...p.before } : null, after: p.after ? { ...p.after } : null })),
    changes: d.changes.map((x) => ({ kind: x.kind, family: x.family, object: x.object, message: x.message })),
    notCompared: d.notCompared.map((g) => ({ collection: g.collection, side: g.side, status: g.status, reason: g.reason })),
    complete: d.complete,
  };
}

/** The diff in each format that can show it (`dsaudit diff -o`). */
export const DIFF_FORMATTERS = {
  table: (d: ClusterDiff, ctx: FormatContext) => table(d, new Chalk({ level: ctx.color ? 1 : 0 })),
  markdown: (d: ClusterDiff) => markdown(d),
  json: (d: ClusterDiff) => `${JSON.stringify(diffJson(d), null, 2)}\n`,
} as const satisfies Record<string, ViewFormatter<ClusterDiff>>;
