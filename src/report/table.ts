/** Human-readable terminal output: one table per severity, then what was not assessed and why. */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { AuditResult, Finding } from '../engine/result.js';
import type { Severity } from '../rule-contract/define-rule.js';
import {
  SEVERITY_ORDER,
  bareMessage,
  fileLineText,
  isActive,
  locationText,
  objectText,
  plural,
  type Formatter,
} from './types.js';
import { ownerFix, ownerText, ruleCounts, topOwners } from './owners.js';

const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** Borderless columns separated by two spaces, like `kubectl get`; no cli-table3 styling. */
const PLAIN_CHARS = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ',
};

function severityColor(c: ChalkInstance, s: Severity): ChalkInstance {
  return s === 'error' ? c.red : s === 'warning' ? c.yellow : c.blue;
}

/** One line per cell: tables stay aligned even if a message contains a newline. */
function oneLine(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ');
}

/** Rows without padding on the last column: trailing blanks only make golden files fragile. */
function plainTable(c: ChalkInstance, head: readonly string[], rows: readonly string[][]): string {
  const table = new Table({
    head: head.map((h) => c.bold(h)),
    chars: PLAIN_CHARS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
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

function findingsTable(c: ChalkInstance, severity: Severity, findings: readonly Finding[], withOwner: boolean): string {
  const rows = findings.map((f) => [
    severityColor(c, severity)(f.code),
    oneLine(objectText(f.object)),
    ...(withOwner ? [f.owner ? oneLine(ownerText(f.owner)) : ''] : []),
    c.dim(oneLine(locationText(f))),
    oneLine(bareMessage(f.message)),
  ]);
  return plainTable(c, ['CODE', 'OBJECT', ...(withOwner ? ['OWNER'] : []), 'LOCATION', 'MESSAGE'], rows);
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
    ...(result.coverage.length > 0 ? [coverageGaps(result).length === 0 ? 'coverage: complete' : c.yellow('coverage: incomplete')] : []),
    `target: ${result.target}`,
  ].join(' · ');
}

/** `cluster: dual` for manifests, `cluster kind-dev: dual` for one live cluster, `clusters: a dual, b ipv4` for several. */
function clusterText(result: AuditResult): string {
  if (result.clusters.length === 0) return `cluster: ${result.cluster.stack}`;
  if (result.clusters.length === 1) return `cluster ${result.clusters[0].name}: ${result.clusters[0].stack}`;
  return `clusters: ${result.clusters.map((k) => `${k.name} ${k.stack}`).join(', ')}`;
}

/** Collections a cluster did not let dsaudit read (forbidden) or does not serve (absent). */
function coverageGaps(result: AuditResult): string[] {
  return result.coverage
    .filter((k) => k.status !== 'present')
    .map((k) => `${k.cluster}: ${k.collection} ${k.status}${k.reason ? `: ${k.reason}` : ''}`);
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

export const formatTable: Formatter = (result, ctx) => {
  const c = new Chalk({ level: ctx.color ? 1 : 0 });
  const blocks: string[] = [];
  const active = result.findings.filter(isActive);

  if (active.length === 0) blocks.push(noFindingsLine(c, result));
  const owners = topOwnersBlock(c, active);
  if (owners) blocks.push(owners);
  // The OWNER column appears only when some listed finding is on a managed object.
  const withOwner = active.some((f) => f.owner);
  for (const severity of SEVERITY_ORDER) {
    const group = active.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    blocks.push(`${severityColor(c, severity).bold(`${HEADINGS[severity]} (${group.length})`)}\n${findingsTable(c, severity, group, withOwner)}`);
  }
  const section = (title: string, lines: readonly string[]) => {
    if (lines.length > 0) blocks.push([c.bold(`${title} (${lines.length})`), ...lines.map((l) => `  ${oneLine(l)}`)].join('\n'));
  };
  section('Coverage gaps', coverageGaps(result));
  section('Not assessed', result.notAssessed.map((n) => `${n.ruleId} (${n.code})${n.cluster !== undefined ? ` in ${n.cluster}` : ''}: ${n.reason}`));
  section('Tool notifications', result.notifications.map((n) => `${n.level}: ${n.message}`));
  section('Input errors', result.inputErrors.map((e) => `${fileLineText(e)}: ${e.message}`));
  section('Skipped inputs', result.notices.map((n) => `${fileLineText(n)}: ${n.message}`));
  blocks.push(summaryLine(c, result));
  return `${blocks.join('\n\n')}\n`;
};
