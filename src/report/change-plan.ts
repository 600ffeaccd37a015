/** Renderings of the change plan (`dsaudit plan`): terminal checklist, Markdown change ticket, JSON. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { ChangePlan, ClusterChangePlan, PlanProgress, PlanStep, StepStatus } from '../plan/change-plan.js';
import type { FormatContext, ViewFormatter } from './types.js';

/** Actions listed per step in the terminal; Markdown lists more, JSON all. */
const TERMINAL_ACTIONS = 20;
const MARKDOWN_ACTIONS = 200;

/** `312 of 400 Services dual-stack — 78 %`. */
export function progressText(p: PlanProgress): string {
  return `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} ${p.unit} — ${p.percent} %`;
}

function goalText(plan: ChangePlan, p: ClusterChangePlan): string {
  const from = p.from.serviceFamilies.length > 0 ? p.from.serviceFamilies.join(', ') : p.from.podFamilies.join(', ') || 'families unknown';
  return `${from} → ${p.families.join(', ')} (--to ${plan.goal})`;
}

function stepCount(p: ClusterChangePlan): { done: number; total: number } {
  const steps = p.sections.filter((s) => s.name !== 'verify' && s.name !== 'rollback').flatMap((s) => s.steps);
  return { done: steps.filter((s) => s.status === 'done').length, total: steps.length };
}

const BOX: Readonly<Record<StepStatus, string>> = { done: '[x]', todo: '[ ]', check: '[?]' };

function resolvesText(s: PlanStep): string {
  return s.resolves.map((r) => `${r.code} ${r.ruleId} ×${r.count}`).join(', ');
}

function stepLines(c: ChalkInstance, s: PlanStep, limit: number): string[] {
  const box = s.status === 'done' ? c.green(BOX.done) : s.status === 'check' ? c.yellow(BOX.check) : BOX.todo;
  const title = s.status === 'done' ? c.dim(s.title) : s.title;
  const lines = [`  ${box} ${s.number}. ${title}${s.progress ? ` ${c.dim(`(${progressText(s.progress)})`)}` : ''}`];
  if (s.resolves.length > 0) lines.push(`        ${c.dim(`resolves ${resolvesText(s)}`)}`);
  for (const a of s.actions.slice(0, limit)) {
    lines.push(`        - ${a.object ? `${a.object}: ` : ''}${a.text}`);
    if (a.command) lines.push(`          ${c.cyan(`$ ${a.command}`)}`);
  }
  if (s.actions.length > limit) lines.push(c.dim(`        … ${(s.actions.length - limit).toLocaleString('en-US')} more (all in -o markdown and -o json)`));
  return lines;
}

function clusterTable(plan: ChangePlan, p: ClusterChangePlan, c: ChalkInstance): string {
  const n = stepCount(p);
  const lines = [
    c.bold(`Plan${p.cluster ? ` for cluster ${p.cluster}` : ''}: ${goalText(plan, p)}`),
    `Scenario evaluated: ${plan.scenario}`,
    `${p.complete ? c.green('Complete') : 'Progress'}: ${n.done} of ${n.total} steps done`,
  ];
  for (const section of p.sections) {
    lines.push('', c.bold(`${section.title}${section.progress ? ` — ${progressText(section.progress)}` : ''}`));
    for (const s of section.steps) lines.push(...stepLines(c, s, TERMINAL_ACTIONS));
  }
  return lines.join('\n');
}

/** The terminal rendering: numbered checkboxes, done steps kept and dimmed. */
export function renderChangePlanTable(plan: ChangePlan, c: ChalkInstance): string {
  if (plan.clusters.length === 0) return 'No input: nothing to plan.\n';
  return `${plan.clusters.map((p) => clusterTable(plan, p, c)).join('\n\n')}\n`;
}

function md(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/g, '\\$1');
}

function clusterMarkdown(plan: ChangePlan, p: ClusterChangePlan): string {
  const n = stepCount(p);
  const out = [
    `## Change plan${p.cluster ? ` for ${md(p.cluster)}` : ''}: ${md(goalText(plan, p))}`,
    '',
    `- Scenario evaluated: ${md(plan.scenario)}`,
    `- ${p.complete ? '**Complete**' : 'Progress'}: ${n.done} of ${n.total} steps done`,
  ];
  for (const section of p.sections) {
    out.push('', `### ${section.title}${section.progress ? ` — ${md(progressText(section.progress))}` : ''}`, '');
    for (const s of section.steps) {
      const box = s.status === 'done' ? '[x]' : '[ ]';
      const check = s.status === 'check' ? ' *(confirm)*' : '';
      out.push(`- ${box} **${s.number}.** ${md(s.title)}${check}${s.progress ? ` (${md(progressText(s.progress))})` : ''}`);
      if (s.resolves.length > 0) out.push(`  - resolves ${md(resolvesText(s))}`);
      for (const a of s.actions.slice(0, MARKDOWN_ACTIONS)) {
        out.push(`  - ${a.object ? `${md(a.object)}: ` : ''}${md(a.text)}`);
        if (a.command) out.push(`    \`\`\`sh\n    ${a.command}\n    \`\`\``);
      }
      if (s.actions.length > MARKDOWN_ACTIONS) out.push(`  - … ${(s.actions.length - MARKDOWN_ACTIONS).toLocaleString('en-US')} more (all in -o json)`);
    }
  }
  return out.join('\n');
}

/** The Markdown rendering: a change ticket with task-list checkboxes. */
export function renderChangePlanMarkdown(plan: ChangePlan): string {
  if (plan.clusters.length === 0) return '## Change plan\n\nNo input: nothing to plan.\n';
  return `${plan.clusters.map((p) => clusterMarkdown(plan, p)).join('\n\n')}\n`;
}

/** The plan as a plain object with a fixed key order (schema/dsaudit-plan.schema.json). */
export function changePlanJson(plan: ChangePlan): unknown {
  return {
    goal: plan.goal,
    scenario: plan.scenario,
    clusters: plan.clusters.map((p) => ({
      cluster: p.cluster,
      from: { stack: p.from.stack, serviceFamilies: [...p.from.serviceFamilies], podFamilies: [...p.from.podFamilies] },
      families: [...p.families],
      added: [...p.added],
      removed: [...p.removed],
      complete: p.complete,
      sections: p.sections.map((s) => ({
        name: s.name,
        title: s.title,
        progress: s.progress ? { ...s.progress } : null,
        steps: s.steps.map((st) => ({
          number: st.number,
          title: st.title,
          status: st.status,
          progress: st.progress ? { done: st.progress.done, total: st.progress.total, unit: st.progress.unit, percent: st.progress.percent } : null,
          resolves: st.resolves.map((r) => ({ code: r.code, ruleId: r.ruleId, count: r.count })),
          actions: st.actions.map((a) => ({ text: a.text, ...(a.command ? { command: a.command } : {}), ...(a.object ? { object: a.object } : {}) })),
        })),
      })),
    })),
  };
}

/** The change plan in each format that can show it (`dsaudit plan -o`). */
export const CHANGE_PLAN_FORMATTERS = {
  table: (plan: ChangePlan, ctx: FormatContext) => renderChangePlanTable(plan, new Chalk({ level: ctx.color ? 1 : 0 })),
  markdown: (plan: ChangePlan) => renderChangePlanMarkdown(plan),
  json: (plan: ChangePlan) => `${JSON.stringify(changePlanJson(plan), null, 2)}\n`,
} as const satisfies Record<string, ViewFormatter<ChangePlan>>;
