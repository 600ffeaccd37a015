/**
 * The self-contained HTML report: one file, no scripts, no fonts, no network (a CSP forbids every
 * fetch). The address map is drawn to scale with nested boxes, findings are grouped by severity and by
 * owner or namespace, coverage and not-assessed rules share one panel, and it prints as it reads.
 */
import type { Finding } from '../engine/result.js';
import type { AddressPlan, ClusterAddressPlan, FamilyPlan, PlanCollision, PlanRange } from '../plan/address-plan.js';
import { EMPTY, familyHeading, hiddenText, MAX_LISTED_COLLISIONS, usageText } from './address-plan.js';
import { ruleHelpPointer } from './links.js';
import { ownerKey, ownerText } from './owners.js';
import {
  SEVERITY_ORDER,
  bareMessage,
  coverageGroups,
  fileLineText,
  isActive,
  locationText,
  notAssessedSummary,
  objectText,
  plural,
  type Formatter,
  type ViewFormatter,
} from './types.js';

const HEADINGS = { error: 'Errors', warning: 'Warnings', info: 'Info' } as const;

/** A share of the parent smaller than this is drawn at this width on the scale strip, so it stays visible. */
const MIN_SHARE = 0.5;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --pods: #2e7d32; --services: #00838f; --node: #6d6d6d; --external: #8e24aa; --line: #d0d0d0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; } h4 { font-size: 13px; margin: 12px 0 4px; color: #444; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.summary { color: #444; } .summary b.error { color: var(--error); } .summary b.warning { color: var(--warning); } .summary b.info { color: var(--info); }
.family { border: 1px solid var(--line); border-radius: 6px; padding: 8px; margin: 8px 0 16px; }
.range { border: 1px solid var(--line); border-left: 4px solid var(--node); border-radius: 4px; padding: 4px 6px; margin: 3px 0; background: #fafafa; overflow: hidden; min-width: 0; }
.range.pods { border-left-color: var(--pods); } .range.services { border-left-color: var(--services); } .range.external { border-left-color: var(--external); }
.range.collides { outline: 2px solid var(--error); outline-offset: -2px; }
.range > .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.range .role { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
.range .warn { color: var(--error); font-weight: 600; }
.clusters { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.clusters > .cluster-map { flex: 1 1 420px; min-width: 0; }
.children { display: flex; flex-wrap: wrap; gap: 4px; }
.children > .range { flex: 1 1 260px; }
.scale { height: 6px; background: #ececec; border-radius: 3px; margin: 3px 0; overflow: hidden; }
.scale > span { display: block; height: 100%; background: #9e9e9e; }
.range.pods > .scale > span { background: var(--pods); } .range.services > .scale > span { background: var(--services); } .range.external > .scale > span { background: var(--external); }
.usage { display: flex; align-items: center; gap: 6px; font-size: 12px; color: #444; }
.bar { display: inline-block; width: 120px; height: 8px; background: #e6e6e6; border-radius: 4px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--pods); }
.bar.high > span { background: var(--warning); } .bar.full > span { background: var(--error); }
.hidden { font-size: 12px; color: #666; padding: 2px 6px; }
.collisions li { color: var(--error); }
.finding { border-left: 4px solid var(--line); padding: 4px 10px; margin: 6px 0; break-inside: avoid; }
.finding.error { border-left-color: var(--error); } .finding.warning { border-left-color: var(--warning); } .finding.info { border-left-color: var(--info); }
.finding .where { color: #555; font-size: 12.5px; } .finding .fix { color: #333; font-size: 13px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; }
.panel ul { margin: 4px 0 8px; padding-left: 20px; }
footer { margin-top: 28px; color: #777; font-size: 12px; }
@media print { body { padding: 0; max-width: none; } * { print-color-adjust: exact; -webkit-print-color-adjust: exact; } h2 { break-after: avoid; } .range { break-inside: avoid; } }
`;

function page(title: string, body: readonly string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Nothing may be fetched: the report is one file that works offline and leaks nothing when opened.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

// ---- address map -------------------------------------------------------------------------------

/** Share of the parent, in percent, that a child's size takes (exact to 1/10000). */
function share(child: PlanRange, parent: PlanRange): number {
  const p = BigInt(parent.addresses);
  const c = BigInt(child.addresses);
  if (p === 0n) return 100;
  return Math.min(100, Number((c * 10000n) / p) / 100);
}

/** A strip the width of the parent with the child's share of it filled: the range drawn to scale. */
function scaleHtml(percent: number): string {
  const text = percent >= 0.01 ? `${percent}% of the parent range` : 'under 0.01% of the parent range';
  return `<div class="scale" role="img" aria-label="${text}" title="${text}"><span style="width:${Math.max(MIN_SHARE, percent)}%"></span></div>`;
}

function usageHtml(r: PlanRange): string {
  const u = usageText(r.usage);
  if (u.detail === '') return '';
  const percent = r.usage?.percent ?? null;
  const bar =
    percent === null
      ? ''
      : `<span class="bar${percent >= 95 ? ' full' : percent >= 80 ? ' high' : ''}" role="img" aria-label="${percent}% used"><span style="width:${Math.min(100, percent)}%"></span></span> ${escapeHtml(u.percent)}`;
  return `<div class="usage">${bar} <span>${escapeHtml(u.detail)}</span></div>`;
}

function rangeHtml(r: PlanRange, colliding: ReadonlySet<string>, percent: number | null): string {
  const hit = colliding.has(r.cidr);
  const children = r.children.map((ch) => rangeHtml(ch, colliding, share(ch, r)));
  if (r.hiddenNodeRanges > 0) children.push(`<div class="hidden">${escapeHtml(hiddenText(r.hiddenNodeRanges))}</div>`);
  return [
    `<div class="range ${r.role}${hit ? ' collides' : ''}" data-cidr="${escapeHtml(r.cidr)}" data-role="${r.role}" title="${escapeHtml(`${r.cidr} · ${r.addresses} addresses · ${r.sources.join('; ')}`)}">`,
    `<div class="head"><code>${escapeHtml(r.cidr)}</code><span class="role">${escapeHtml(r.role)}</span><span>${escapeHtml(r.role === 'node' ? `Node ${r.label}` : r.label)}</span>${hit ? '<span class="warn" title="collides">⚠ collision</span>' : ''}</div>`,
    ...(percent !== null ? [scaleHtml(percent)] : []),
    usageHtml(r),
    ...(children.length > 0 ? [`<div class="children">${children.join('')}</div>`] : []),
    '</div>',
  ].join('');
}

function collisionCidrs(collisions: readonly PlanCollision[]): Set<string> {
  const out = new Set<string>();
  for (const c of collisions) {
    if (c.a.role !== 'node address') out.add(c.a.cidr);
    out.add(c.b.cidr);
  }
  return out;
}

function familyHtml(f: FamilyPlan): string {
  const colliding = collisionCidrs(f.collisions);
  const listed = f.collisions.slice(0, MAX_LISTED_COLLISIONS);
  return [
    `<section class="family" data-family="${f.family}">`,
    `<h4>${escapeHtml(familyHeading(f))}</h4>`,
    ...f.ranges.map((r) => rangeHtml(r, colliding, null)),
    ...(f.hiddenNodeRanges > 0 ? [`<div class="hidden">${escapeHtml(hiddenText(f.hiddenNodeRanges))}</div>`] : []),
    ...(f.collisions.length > 0
      ? [
          `<p><b>Collisions (${f.collisions.length})</b></p><ul class="collisions">`,
          ...listed.map((c) => `<li class="collision">${escapeHtml(c.message)}</li>`),
          ...(f.collisions.length > listed.length ? [`<li>… ${f.collisions.length - listed.length} more</li>`] : []),
          '</ul>',
        ]
      : []),
    '</section>',
  ].join('\n');
}

function clusterMapHtml(p: ClusterAddressPlan): string {
  return [
    `<div class="cluster-map" data-cluster="${escapeHtml(p.cluster ?? '')}">`,
    ...(p.cluster ? [`<h3>Cluster ${escapeHtml(p.cluster)}</h3>`] : []),
    ...(p.families.length === 0 ? [`<p>${escapeHtml(EMPTY)}</p>`] : p.families.map(familyHtml)),
    '</div>',
  ].join('\n');
}

/** The address map section: every cluster side by side in audit order. */
function addressMapHtml(plan: AddressPlan): string {
  return [
    '<section id="address-map">',
    '<h2>Address map</h2>',
    '<p class="summary">Each box is a range; a box inside another is contained in it, and the grey strip under a nested range is the parent drawn to scale with the range\'s share of it filled. Bars show how full a range is; ⚠ and a red outline mark a collision.</p>',
    // Several clusters sit side by side (wrapping on narrow pages), so a fleet's allocations compare at a glance.
    ...(plan.clusters.length === 0 ? [`<p>${escapeHtml(EMPTY)}</p>`] : ['<div class="clusters">', ...plan.clusters.map(clusterMapHtml), '</div>']),
    '</section>',
  ].join('\n');
}

/** `dsaudit cidrs -o html`: the map alone. */
export const formatAddressPlanHtml: ViewFormatter<AddressPlan> = (plan) => page('dsaudit address map', ['<h1>dsaudit address map</h1>', addressMapHtml(plan)]);

// ---- findings ----------------------------------------------------------------------------------

/** Owner when the finding's object is managed, else its namespace, else cluster-scoped. */
function groupOf(f: Finding): { key: string; title: string } {
  if (f.owner) return { key: `owner:${ownerKey(f.owner)}`, title: ownerText(f.owner) };
  if (f.object.namespace) return { key: `ns:${f.object.namespace}`, title: `Namespace ${f.object.namespace}` };
  return { key: 'cluster', title: 'Cluster-scoped' };
}

function findingHtml(f: Finding, ctx: Parameters<Formatter>[1]): string {
  const where = [objectText(f.object), locationText(f)].filter((x) => x !== '').join(' · ');
  return [
    `<article class="finding ${f.severity}" data-fingerprint="${escapeHtml(f.fingerprint)}" data-rule="${escapeHtml(f.ruleId)}">`,
    `<div><b>${escapeHtml(f.code)}</b> <span class="mono">${escapeHtml(f.ruleId)}</span> — ${escapeHtml(bareMessage(f.message))}</div>`,
    `<div class="where">${escapeHtml(where)}</div>`,
    `<div class="fix">Fix: ${escapeHtml(bareMessage(f.fix))} <span class="where">(${escapeHtml(ruleHelpPointer(ctx.links, f.ruleId))})</span></div>`,
    '</article>',
  ].join('');
}

function findingsHtml(findings: readonly Finding[], ctx: Parameters<Formatter>[1]): string {
  if (findings.length === 0) return '<section id="findings"><h2>Findings</h2><p>No findings.</p></section>';
  const out = ['<section id="findings">', '<h2>Findings</h2>'];
  for (const severity of SEVERITY_ORDER) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`<section class="severity" data-severity="${severity}"><h3>${HEADINGS[severity]} (${group.length})</h3>`);
    const byGroup = new Map<string, { title: string; items: Finding[] }>();
    for (const f of group) {
      const g = groupOf(f);
      const entry = byGroup.get(g.key) ?? { title: g.title, items: [] };
      entry.items.push(f);
      byGroup.set(g.key, entry);
    }
    for (const { title, items } of byGroup.values()) {
      out.push(`<h4>${escapeHtml(title)} (${items.length})</h4>`, ...items.map((f) => findingHtml(f, ctx)));
    }
    out.push('</section>');
  }
  out.push('</section>');
  return out.join('\n');
}

// ---- coverage and not assessed ------------------------------------------------------------------

function coveragePanel(result: Parameters<Formatter>[0]): string {
  const { gaps, notServed, unread } = coverageGroups(result);
  const list = (title: string, items: readonly string[]) => (items.length > 0 ? [`<p><b>${escapeHtml(title)} (${items.length})</b></p><ul>`, ...items.map((i) => `<li>${escapeHtml(i)}</li>`), '</ul>'] : []);
  const line = (c: { cluster: string; collection: string; reason?: string }) => `${c.cluster}: ${c.collection}${c.reason ? ` — ${c.reason}` : ''}`;
  const coverage =
    result.coverage.length === 0
      ? ['<p>Coverage: manifests only; nothing was read from a cluster.</p>']
      : [
          `<p>Coverage: <b>${gaps.length === 0 ? 'complete' : 'incomplete'}</b>${notServed.length > 0 ? ` (${plural(notServed.length, 'API')} not served)` : ''}.</p>`,
          ...list('Coverage gaps', gaps.map(line)),
          ...list('Not served by this version', notServed.map(line)),
          ...list('Not read', unread.map(line)),
        ];
  const notAssessed =
    result.notAssessed.length === 0
      ? ['<p>Every enabled rule was assessed.</p>']
      : [`<p>${escapeHtml(notAssessedSummary(result))}</p><ul class="not-assessed">`, ...result.notAssessed.map((n) => `<li><b>${escapeHtml(n.code)}</b> ${escapeHtml(n.ruleId)}${n.cluster !== undefined ? ` in ${escapeHtml(n.cluster)}` : ''}: ${escapeHtml(n.reason)}</li>`), '</ul>'];
  return [
    '<section id="coverage" class="panel">',
    '<h2>Coverage and rules not assessed</h2>',
    ...coverage,
    ...notAssessed,
    ...list('Input errors', result.inputErrors.map((e) => `${fileLineText(e)}: ${e.message}`)),
    ...list('Tool notifications', result.notifications.map((n) => `${n.level}: ${n.message}`)),
    ...list('Skipped inputs', result.notices.map((n) => `${fileLineText(n)}: ${n.message}`)),
    '</section>',
  ].join('\n');
}

function summaryHtml(result: Parameters<Formatter>[0]): string {
  const s = result.summary;
  const clusters =
    result.clusters.length === 0 ? `cluster: ${result.cluster.stack}` : result.clusters.map((c) => `cluster ${c.name}: ${c.stack}`).join(', ');
  return `<p class="summary"><b class="error">${plural(s.error, 'error')}</b>, <b class="warning">${plural(s.warning, 'warning')}</b>, <b class="info">${plural(s.info, 'info')}</b> (${s.suppressed} suppressed, ${s.baselined} baselined) · ${escapeHtml(clusters)} · target: ${escapeHtml(result.target)}</p>`;
}

/** `scan -o html`: the whole report in one self-contained page. */
export const formatHtml: Formatter = (result, ctx, views) => {
  const active = result.findings.filter(isActive);
  return page('dsaudit report', [
    '<header>',
    '<h1>dsaudit dual-stack report</h1>',
    summaryHtml(result),
    '</header>',
    ...(views?.addressPlan ? [addressMapHtml(views.addressPlan)] : []),
    findingsHtml(active, ctx),
    coveragePanel(result),
    `<footer>${escapeHtml(result.tool.name)} ${escapeHtml(result.tool.version)}</footer>`,
  ]);
};
