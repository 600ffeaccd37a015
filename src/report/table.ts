/** Human-readable terminal output: one table per severity, then what was not assessed and why. */
import { describeScenario } from '../model/scenario.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { AuditResult, CoverageEntry, Finding } from '../engine/result.js';
import type { Severity } from '../rule-contract/define-rule.js';
import { ruleHelpPointer } from './links.js';
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
  type FormatContext,
  type Formatter,
} from './types.js';
import { ownerFix, ownerText, ruleCounts, topOwners } from './owners.js';
import { reportGroups, type FindingGroup } from './groups.js';

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Up to this many findings, each gets its fix under it without `--fix`. */
export const FIXES_SHOWN_UP_TO = 5;

/** Narrower than this, the message no longer fits beside the other columns and goes under its row. */
const MIN_MESSAGE_WIDTH = 40;

/** Indent of a message printed under its row. */
const STACK_INDENT = '    ';

/** Column separator width (`PLAIN_CHARS.middle`). */
export const GAP = 2;

/** Borderless columns separated by two spaces, like `kubectl get`; no cli-table3 styling. */
const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

export function severityColor(c: ChalkInstance, s: Severity): ChalkInstance {
  return s === 'error' ? c.red : s === 'warning' ? c.yellow : c.blue;
}

/** One line per cell: tables stay aligned even if a message contains a newline. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** Visible width of plain text (one column per code point). */
export function textWidth(text: string): number {
  return [...text].length;
}

/** Rows without padding on the last column: trailing blanks only make golden files fragile. */
export function plainTable(c: ChalkInstance, head: readonly string[], rows: readonly string[][], colWidths?: readonly number[]): string {
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    ...(colWidths ? { colWidths: [...colWidths], wordWrap: true } : {}),
  });
  table.push(...rows);
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

/** The owners with the most error and warning findings, and where each one's fixes go. */
function topOwnersBlock(c: ChalkInstance, findings: readonly Finding[]): string | undefined {
  const top = topOwners(findings);
  if (top.length === 0) return undefined;
  const rows = top.map((t) => [oneLine(ownerText(t.owner)), String(t.error), String(t.warning), ruleCounts(t), oneLine(ownerFix(t.owner))]);
  return `${c.bold(`Top owners blocking dual-stack (${top.length})`)}\n${plainTable(c, ['OWNER', 'ERRORS', 'WARNINGS', 'RULES', 'FIX'], rows)}`;
}

function findingsTable(c: ChalkInstance, ctx: FormatContext, severity: Severity, findings: readonly Finding[], withFixes: boolean, withOwner: boolean): string {
  const rows: Row[] = findings.map((f) => ({
    code: f.code,
    ruleId: f.ruleId,
    object: oneLine(objectText(f.object)),
    ...(withOwner ? { owner: f.owner ? oneLine(ownerText(f.owner)) : '' } : {}),
    location: oneLine(locationText(f)),
    message: oneLine(bareMessage(f.message)),
    fix: withFixes ? `fix: ${oneLine(bareMessage(f.fix))} (${ruleHelpPointer(ctx.links, f.ruleId)})` : undefined,
  }));
  const head = ['RULE', 'OBJECT', ...(withOwner ? ['OWNER'] : []), 'LOCATION', 'MESSAGE'];
  // Wrap only the message column, and only on a terminal: piped output stays one line per finding.
  const fixed = [
    Math.max(textWidth('RULE'), ...rows.map((r) => textWidth(`${r.code} ${r.ruleId}`))),
    Math.max(textWidth('OBJECT'), ...rows.map((r) => textWidth(r.object))),
    ...(withOwner ? [Math.max(textWidth('OWNER'), ...rows.map((r) => textWidth(r.owner ?? '')))] : []),
    Math.max(textWidth('LOCATION'), ...rows.map((r) => textWidth(r.location))),
  ];
  const messageWidth = ctx.width !== undefined ? ctx.width - fixed.reduce((a, b) => a + b + GAP, 0) : undefined;
  if (ctx.width !== undefined && messageWidth !== undefined && messageWidth < MIN_MESSAGE_WIDTH) {
    return stackedTable(c, severity, rows, ctx.width, withOwner);
  }
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
    ...(messageWidth !== undefined ? { colWidths: [...fixed, messageWidth], wordWrap: true } : {}),
  });
  for (const r of rows) {
    table.push([
      `${severityColor(c, severity)(r.code)} ${c.dim(r.ruleId)}`,
      r.object,
      ...(withOwner ? [r.owner ?? ''] : []),
      c.dim(r.location),
      r.fix !== undefined ? `${r.message}\n${c.dim(r.fix)}` : r.message,
    ]);
  }
  // cli-table3 pads the last column too; trailing blanks only make golden files fragile.
  return table.toString().split('\n').map((l) => l.trimEnd()).join('\n');
}

interface Row {
  readonly code: string;
  readonly ruleId: string;
  readonly object: string;
  /** Set when the table has an OWNER column. */
  readonly owner?: string;
  readonly location: string;
  readonly message: string;
  readonly fix: string | undefined;
}

/** Greedy word wrap to `width` columns; a word longer than the line keeps a line of its own. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && textWidth(line) + 1 + textWidth(word) > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** For a terminal too narrow for the message column: rule, object and location on one line, the message and fix wrapped under it. */
function stackedTable(c: ChalkInstance, severity: Severity, rows: readonly Row[], width: number, withOwner: boolean): string {
  const table = new Table({
    head: ['RULE', 'OBJECT', ...(withOwner ? ['OWNER'] : []), 'LOCATION'].map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
  });
  for (const r of rows) table.push([`${severityColor(c, severity)(r.code)} ${c.dim(r.ruleId)}`, r.object, ...(withOwner ? [r.owner ?? ''] : []), c.dim(r.location)]);
  // Each cell is one line, so line i + 1 of the table is row i.
  const [header, ...lines] = table.toString().split('\n').map((l) => l.trimEnd());
  const textWidthLeft = Math.max(MIN_MESSAGE_WIDTH, width - STACK_INDENT.length);
  const under = (r: Row) => [
    ...wrapText(r.message, textWidthLeft).map((l) => `${STACK_INDENT}${l}`),
    ...(r.fix !== undefined ? wrapText(r.fix, textWidthLeft).map((l) => `${STACK_INDENT}${c.dim(l)}`) : []),
  ];
  return [header, ...rows.flatMap((r, i) => [lines[i], ...under(r)])].join('\n');
}

function summaryLine(c: ChalkInstance, result: AuditResult): string {
  const s = result.summary;
  const counts = [
    s.error > 0 ? c.red(plural(s.error, 'error')) : plural(s.error, 'error'),
    s.warning > 0 ? c.yellow(plural(s.warning, 'warning')) : plural(s.warning, 'warning'),
    s.info > 0 ? c.blue(plural(s.info, 'info')) : plural(s.info, 'info'),
  ].join(', ');
  const extra = [
    result.notAssessed.length > 0 ? c.yellow(`${plural(result.notAssessed.length, 'rule')} not assessed`) : '',
    result.inputErrors.length > 0 ? c.red(plural(result.inputErrors.length, 'input error')) : '',
  ].filter((x) => x !== '');
  return [
    `${counts} (${s.suppressed} suppressed, ${s.baselined} baselined)`,
    ...extra,
    clusterText(result),
    ...(result.coverage.length > 0 ? [coverageText(c, result)] : []),
    `target: ${result.target}`,
    ...(result.scenario?.named ? [`scenario: ${describeScenario(result.scenario)}`] : []),
  ].join(' · ');
}

/** `cluster: dual` for manifests, `cluster kind-dev: dual` for one live cluster, `clusters: a dual, b ipv4` for several. */
function clusterText(result: AuditResult): string {
  if (result.clusters.length === 0) return `cluster: ${result.cluster.stack}`;
  if (result.clusters.length === 1) return `cluster ${result.clusters[0].name}: ${result.clusters[0].stack}`;
  return `clusters: ${result.clusters.map((k) => `${k.name} ${k.stack}`).join(', ')}`;
}

/** `coverage: complete` unless a cluster forbade a read; APIs not served are counted beside it, never as a gap. */
function coverageText(c: ChalkInstance, result: AuditResult): string {
  const { gaps, notServed } = coverageGroups(result);
  const served = notServed.length > 0 ? ` (${plural(notServed.length, 'API')} not served)` : '';
  return gaps.length === 0 ? `coverage: complete${served}` : c.yellow(`coverage: incomplete${served}`);
}

function coverageLine(k: CoverageEntry, withStatus: boolean): string {
  return `${k.cluster}: ${k.collection}${withStatus ? ` ${k.status}` : ''}${k.reason ? `: ${k.reason}` : ''}`;
}

/** Why nothing is listed, without ever implying a clean bill when something was not looked at. */
function noFindingsLine(c: ChalkInstance, result: AuditResult): string {
  const s = result.summary;
  const caveats = [
    s.suppressed > 0 ? `${s.suppressed} suppressed` : '',
    s.baselined > 0 ? `${s.baselined} baselined` : '',
    result.notAssessed.length > 0 ? `${plural(result.notAssessed.length, 'rule')} not assessed` : '',
    result.inputErrors.length > 0 ? plural(result.inputErrors.length, 'input error') : '',
  ].filter((x) => x !== '');
  const text = `No findings${caveats.length > 0 ? ` (${caveats.join(', ')})` : ''}`;
  return caveats.length > 0 ? c.yellow(text) : c.green(text);
}

/** One block per `--group-by` group with active findings: its label and counts, then its findings by severity. */
function groupBlock(c: ChalkInstance, ctx: FormatContext, result: AuditResult, g: FindingGroup, withFixes: boolean, withOwner: boolean): string | undefined {
  const active = g.findings.map((i) => result.findings[i]).filter(isActive);
  if (active.length === 0) return undefined;
  const counts = SEVERITY_ORDER.filter((s) => g.summary[s] > 0).map((s) => plural(g.summary[s], s)).join(', ');
  const tables = SEVERITY_ORDER.flatMap((severity) => {
    const rows = active.filter((f) => f.severity === severity);
    return rows.length > 0 ? [`${severityColor(c, severity)(`${HEADINGS[severity]} (${rows.length})`)}\n${findingsTable(c, ctx, severity, rows, withFixes, withOwner)}`] : [];
  });
  return [c.bold(`${oneLine(g.label)} — ${counts}`), ...tables].join('\n');
}

export const formatTable: Formatter = (result, ctx, views) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const blocks: string[] = [];
  const active = result.findings.filter(isActive);
  const withFixes = ctx.showFixes === true || active.length <= FIXES_SHOWN_UP_TO;

  if (active.length === 0) blocks.push(noFindingsLine(c, result));
  const owners = topOwnersBlock(c, active);
  if (owners) blocks.push(owners);
  // The OWNER column appears only when some listed finding is on a managed object.
  const withOwner = active.some((f) => f.owner);
  const groups = reportGroups(result.findings, ctx, views);
  if (groups) blocks.push(...groups.flatMap((g) => groupBlock(c, ctx, result, g, withFixes, withOwner) ?? []));
  else for (const severity of SEVERITY_ORDER) {
    const group = active.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    blocks.push(`${severityColor(c, severity).bold(`${HEADINGS[severity]} (${group.length})`)}\n${findingsTable(c, ctx, severity, group, withFixes, withOwner)}`);
  }
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length > 0) blocks.push([c.bold(`${title} (${lines.length})`), ...lines.map((l) => `  ${oneLine(l)}`)].join('\n'));
  };
  const coverage = coverageGroups(result);
  section('Coverage gaps', coverage.gaps.map((k) => coverageLine(k, true)));
  section('Not served by this version', coverage.notServed.map((k) => coverageLine(k, false)));
  section('Not read', coverage.unread.map((k) => coverageLine(k, true)));
  if (ctx.showNotAssessed) section('Not assessed', result.notAssessed.map((n) => `${n.ruleId} (${n.code})${n.cluster !== undefined ? ` in ${n.cluster}` : ''}: ${n.reason}`));
  else if (result.notAssessed.length > 0) blocks.push(`${c.bold(notAssessedSummary(result))}; --show-not-assessed lists them`);
  section('Tool notifications', result.notifications.map((n) => `${n.level}: ${n.message}`));
  section('Input errors', result.inputErrors.map((e) => `${fileLineText(e)}: ${e.message}`));
  section('Skipped inputs', result.notices.map((n) => `${fileLineText(n)}: ${n.message}`));
  blocks.push(summaryLine(c, result));
  return `${blocks.join('\n\n')}\n`;
};
