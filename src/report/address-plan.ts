/** Renderings of the address plan (`dsaudit cidrs`, `scan -o json`): terminal tree with usage bars, Markdown, JSON. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { AddressPlan, ClusterAddressPlan, FamilyPlan, PlanRange, PlanUsage } from '../plan/address-plan.js';
import type { FormatContext, ViewFormatter } from './types.js';


const BAR_WIDTH = 10;
/** Collisions listed in table and Markdown output; JSON has them all. */
export const MAX_LISTED_COLLISIONS = 50;

/** `██████░░░░` for 61%: the filled share of a fixed width, clamped to it. */
export function usageBar(percent: number, width = BAR_WIDTH): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent * width) / 100)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function num(text: string | number): string {
  return BigInt(text).toLocaleString('en-US');
}

export function usageText(u: PlanUsage | null): { bar: string; percent: string; detail: string } {
  if (!u) return { bar: '', percent: '', detail: '' };
  if (u.total === null) return { bar: '', percent: '', detail: `${num(u.used)} ${u.unit}, capacity unknown` };
  return { bar: u.percent === null ? '' : usageBar(u.percent), percent: u.percent === null ? '' : `${u.percent}%`, detail: `${num(u.used)} of ${num(u.total)} ${u.unit}` };
}

function sourceText(r: PlanRange): string {
  const label = r.role === 'node' ? `Node ${r.label}` : r.role === 'external' ? `${r.label} (${r.sources[0]})` : r.label;
  return r.role !== 'node' && r.sources.length > 1 ? `${label} (+${r.sources.length - 1} more)` : label;
}

interface Row {
  readonly tree: string;
  readonly range?: PlanRange;
  /** A `… N more node ranges` line. */
  readonly hidden?: number;
}

/** Flattens the forest depth-first with box-drawing prefixes; hidden node ranges become a last pseudo-child. */
function rows(ranges: readonly PlanRange[], hidden: number, prefix = '', root = true): Row[] {
  const out: Row[] = [];
  const total = ranges.length + (hidden > 0 ? 1 : 0);
  ranges.forEach((r, i) => {
    const last = i === total - 1;
    const branch = root ? '' : last ? '└─ ' : '├─ ';
    out.push({ tree: `${prefix}${branch}`, range: r });
    out.push(...rows(r.children, r.hiddenNodeRanges, root ? '' : `${prefix}${last ? '   ' : '│  '}`, false));
  });
  if (hidden > 0) out.push({ tree: `${prefix}${root ? '' : '└─ '}`, hidden });
  return out;
}

export function hiddenText(n: number): string {
  return `… ${num(n)} more node range${n === 1 ? '' : 's'} (the fullest are listed)`;
}

function pad(plain: string, styled: string, width: number): string {
  return styled + ' '.repeat(Math.max(0, width - plain.length));
}

function roleColor(c: ChalkInstance, role: string): ChalkInstance {
  return role === 'pods' ? c.green : role === 'services' ? c.cyan : role === 'external' ? c.magenta : c.white;
}

function barColor(c: ChalkInstance, percent: number): ChalkInstance {
  return percent >= 95 ? c.red : percent >= 80 ? c.yellow : c.green;
}

export function familyHeading(f: FamilyPlan): string {
  return f.nodeMask ? `${f.family} · node mask /${f.nodeMask.size} (${f.nodeMask.source})` : f.family;
}

function familyTable(c: ChalkInstance, f: FamilyPlan): string {
  const list = rows(f.ranges, f.hiddenNodeRanges);
  const cells = list.map((row) => {
    if (row.hidden !== undefined) return { row, range: `${row.tree}${hiddenText(row.hidden)}`, role: '', usage: null, source: '' };
    const r = row.range!;
    const u = usageText(r.usage);
    return { row, range: `${row.tree}${r.cidr}`, role: r.role, usage: u, source: sourceText(r) };
  });
  const wRange = Math.max('RANGE'.length, ...cells.filter((x) => x.row.hidden === undefined).map((x) => x.range.length));
  const wRole = Math.max('ROLE'.length, ...cells.map((x) => x.role.length));
  const detailWidth = Math.max(0, ...cells.map((x) => x.usage?.detail.length ?? 0));
  const wUsage = Math.max('USAGE'.length, BAR_WIDTH + 6 + detailWidth);
  const lines = [c.bold(familyHeading(f)), `${c.bold('RANGE'.padEnd(wRange))}  ${c.bold('ROLE'.padEnd(wRole))}  ${c.bold('USAGE'.padEnd(wUsage))}  ${c.bold('SOURCE')}`];
  for (const x of cells) {
    if (x.row.hidden !== undefined) { lines.push(c.dim(x.range)); continue; }
    const r = x.row.range!;
    const u = x.usage ?? usageText(null);
    const usagePlain = u.bar ? `${u.bar} ${u.percent.padStart(4)}  ${u.detail}` : u.detail;
    const usageStyled = u.bar ? `${barColor(c, r.usage?.percent ?? 0)(u.bar)} ${u.percent.padStart(4)}  ${u.detail}` : c.dim(u.detail);
    const rangePlain = x.range;
    const rangeStyled = `${c.dim(x.row.tree)}${r.cidr}`;
    lines.push(`${pad(rangePlain, rangeStyled, wRange)}  ${pad(x.role, roleColor(c, x.role)(x.role), wRole)}  ${pad(usagePlain, usageStyled, wUsage)}  ${c.dim(x.source)}`.trimEnd());
  }
  if (f.collisions.length > 0) {
    lines.push(c.red.bold(`Collisions (${f.collisions.length})`));
    for (const col of f.collisions.slice(0, MAX_LISTED_COLLISIONS)) lines.push(`  ${c.red('✖')} ${col.message}`);
    if (f.collisions.length > MAX_LISTED_COLLISIONS) lines.push(c.dim(`  … ${num(f.collisions.length - MAX_LISTED_COLLISIONS)} more`));
  }
  return lines.join('\n');
}

export const EMPTY = 'No pod, Service or external ranges declared: nothing to map (add control-plane flags, kubeadm or kind config, Nodes, --pod-cidr/--service-cidr or --external-cidr).';

function clusterTable(p: ClusterAddressPlan, c: ChalkInstance, titled: boolean): string {
  const title = titled && p.cluster ? [c.bold.underline(`Cluster ${p.cluster}`)] : [];
  return [...title, ...(p.families.length === 0 ? [EMPTY] : p.families.map((f) => familyTable(c, f)))].join('\n\n');
}

/** The terminal rendering; colour comes only from the injected Chalk instance (level 0 for none). */
export function renderAddressPlanTable(plan: AddressPlan, c: ChalkInstance): string {
  if (plan.clusters.length === 0) return `${EMPTY}\n`;
  const titled = plan.clusters.length > 1 || plan.clusters.some((p) => p.cluster !== null);
  return `${plan.clusters.map((p) => clusterTable(p, c, titled)).join('\n\n')}\n`;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The Markdown rendering for a pull request or a wiki page. */
export function renderAddressPlanMarkdown(plan: AddressPlan): string {
  const parts = plan.clusters.map(clusterMarkdown);
  return `${(parts.length > 0 ? parts : ['## Address plan\n\n' + EMPTY]).join('\n\n')}\n`;
}

function clusterMarkdown(plan: ClusterAddressPlan): string {
  const out = [`## Address plan${plan.cluster ? ` of ${escapeCell(plan.cluster)}` : ''}`, ''];
  if (plan.families.length === 0) return [...out, EMPTY].join('\n');
  for (const f of plan.families) {
    out.push(`### ${familyHeading(f)}`, '', '| Range | Role | Usage | Source |', '|---|---|---|---|');
    const walk = (ranges: readonly PlanRange[], hidden: number, depth: number) => {
      const indent = depth === 0 ? '' : `${'&nbsp;&nbsp;'.repeat(depth)}↳ `;
      for (const r of ranges) {
        const u = usageText(r.usage);
        const usage = u.bar ? `\`${u.bar}\` ${u.percent} · ${u.detail}` : u.detail;
        out.push(`| ${indent}\`${r.cidr}\` | ${r.role} | ${usage} | ${escapeCell(r.sources.join('; '))} |`);
        walk(r.children, r.hiddenNodeRanges, depth + 1);
      }
      if (hidden > 0) out.push(`| ${indent}${hiddenText(hidden)} | | | |`);
    };
    walk(f.ranges, f.hiddenNodeRanges, 0);
    out.push('');
    if (f.collisions.length > 0) {
      out.push(`**Collisions (${f.collisions.length})**`, '');
      for (const col of f.collisions.slice(0, MAX_LISTED_COLLISIONS)) out.push(`- ${escapeCell(col.message)}`);
      if (f.collisions.length > MAX_LISTED_COLLISIONS) out.push(`- … ${num(f.collisions.length - MAX_LISTED_COLLISIONS)} more`);
      out.push('');
    }
  }
  return out.join('\n').trimEnd();
}

function rangeJson(r: PlanRange): unknown {
  return {
    cidr: r.cidr,
    prefix: r.prefix,
    addresses: r.addresses,
    role: r.role,
    label: r.label,
    sources: [...r.sources],
    usage: r.usage ? { used: r.usage.used, total: r.usage.total, unit: r.usage.unit, percent: r.usage.percent } : null,
    hiddenNodeRanges: r.hiddenNodeRanges,
    children: r.children.map(rangeJson),
  };
}

/** The plan as a plain object with a fixed key order (embedded in `scan -o json` as `addressPlan`). */
export function addressPlanJson(plan: AddressPlan): unknown {
  return { clusters: plan.clusters.map(clusterJson) };
}

function clusterJson(plan: ClusterAddressPlan): unknown {
  return {
    cluster: plan.cluster,
    families: plan.families.map((f) => ({
      family: f.family,
      nodeMask: f.nodeMask ? { size: f.nodeMask.size, source: f.nodeMask.source } : null,
      ranges: f.ranges.map(rangeJson),
      hiddenNodeRanges: f.hiddenNodeRanges,
      collisions: f.collisions.map((c) => ({
        kind: c.kind,
        a: { cidr: c.a.cidr, role: c.a.role, label: c.a.label },
        b: { cidr: c.b.cidr, role: c.b.role, label: c.b.label },
        message: c.message,
      })),
    })),
  };
}

/** The address plan in each format that can show it alone (`dsaudit cidrs -o`). */
export const ADDRESS_PLAN_FORMATTERS = {
  table: (plan: AddressPlan, ctx: FormatContext) => renderAddressPlanTable(plan, new Chalk({ level: ctx.color ? 1 : 0 })),
  markdown: (plan: AddressPlan) => renderAddressPlanMarkdown(plan),
  json: (plan: AddressPlan) => `${JSON.stringify(addressPlanJson(plan), null, 2)}\n`,
} as const satisfies Record<string, ViewFormatter<AddressPlan>>;
