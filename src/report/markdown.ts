/** GitHub-flavoured Markdown for PR comments and `$GITHUB_STEP_SUMMARY`. */
import { describeScenario } from '../model/scenario.js';
import type { AuditResult, CoverageEntry, Finding } from '../engine/result.js';
import { ruleDocUrl } from './links.js';
import { SEVERITY_ORDER, bareMessage, coverageGroups, fileLineText, isActive, locationText, notAssessedSummary, objectText, plural, type Formatter } from './types.js';
import { ownerFix, ownerText, ruleCounts, topOwners } from './owners.js';
import { reportGroups } from './groups.js';

/**
 * Text from manifests and messages is data, not Markdown: escape what would change rendering
 * (table pipes, emphasis, links, inline HTML) and fold newlines so a table row stays one row.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*_[\]|#]/g, (ch) => `\\${ch}`)
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

function codeCell(f: Finding, helpUris: ReadonlyMap<string, string>): string {
  const uri = helpUris.get(f.ruleId);
  return uri ? `[${f.code}](${uri} "${f.ruleId}")` : f.code;
}

function findingsTable(findings: readonly Finding[], helpUris: ReadonlyMap<string, string>): string[] {
  // The Owner column appears only when some listed finding is on a managed object.
  const withOwner = findings.some((f) => f.owner);
  const owner = (f: Finding) => (withOwner ? ` ${f.owner ? escapeMarkdown(ownerText(f.owner)) : ''} |` : '');
  return [
    `| Severity | Code | Object |${withOwner ? ' Owner |' : ''} Location | Message | Fix |`,
    `|---|---|---|${withOwner ? '---|' : ''}---|---|---|`,
    ...findings.map((f) =>
      `| ${f.severity} | ${codeCell(f, helpUris)} | ${escapeMarkdown(objectText(f.object))} |${owner(f)} ${escapeMarkdown(locationText(f))} | ${escapeMarkdown(bareMessage(f.message))} | ${escapeMarkdown(bareMessage(f.fix))} |`),
  ];
}

/** The owners with the most error and warning findings: the platform team's list of whom to chase, and where. */
function topOwnersSection(findings: readonly Finding[]): string[] {
  const top = topOwners(findings);
  if (top.length === 0) return [];
  return [
    '### Top owners blocking dual-stack',
    '',
    '| Owner | Errors | Warnings | Rules | Fix |',
    '|---|---:|---:|---|---|',
    ...top.map((t) => `| ${escapeMarkdown(ownerText(t.owner))} | ${t.error} | ${t.warning} | ${escapeMarkdown(ruleCounts(t))} | ${escapeMarkdown(ownerFix(t.owner))} |`),
    '',
  ];
}

/** `Cluster: **dual**` for manifests; the name and state of each cluster for live and snapshot runs. */
function clusterHeader(result: AuditResult): string {
  if (result.clusters.length === 0) return `Cluster: **${result.cluster.stack}**`;
  const list = result.clusters.map((c) => `${escapeMarkdown(c.name)} **${c.stack}**`).join(', ');
  return `${result.clusters.length === 1 ? 'Cluster' : 'Clusters'}: ${list}`;
}

export const formatMarkdown: Formatter = (result, ctx, views) => {
  const s = result.summary;
  const helpUris = new Map(result.rules.flatMap((r) => {
    const uri = ruleDocUrl(ctx.links, r.id);
    return uri ? [[r.id, uri] as const] : [];
  }));
  const active = result.findings.filter(isActive);
  const out: string[] = [
    '## dsaudit: dual-stack readiness',
    '',
    `${clusterHeader(result)} · target: **${result.target}**${result.scenario?.named ? ` · scenario: **${describeScenario(result.scenario)}**` : ''}`,
    '',
    '| Errors | Warnings | Info | Suppressed | Baselined | Not assessed | Input errors |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.error} | ${s.warning} | ${s.info} | ${s.suppressed} | ${s.baselined} | ${result.notAssessed.length} | ${result.inputErrors.length} |`,
    '',
  ];

  out.push(...topOwnersSection(active));
  const groups = reportGroups(result.findings, ctx, views);
  if (active.length > 0 && groups) {
    // One section per --group-by group with active findings, in the groups' order.
    for (const g of groups) {
      const listed = g.findings.map((i) => result.findings[i]).filter(isActive);
      if (listed.length === 0) continue;
      const counts = SEVERITY_ORDER.filter((s) => g.summary[s] > 0).map((s) => plural(g.summary[s], s)).join(', ');
      out.push(`### ${escapeMarkdown(g.label)} (${counts})`, '', ...findingsTable(listed, helpUris), '');
    }
  } else if (active.length > 0) {
    out.push('### Findings', '', ...findingsTable(active, helpUris), '');
  } else {
    const caveat = result.notAssessed.length > 0 ? ` (${plural(result.notAssessed.length, 'rule')} not assessed, see below)` : '';
    out.push(`No findings${caveat}.`, '');
  }
  const hidden = result.findings.filter((f) => !isActive(f));
  if (hidden.length > 0) {
    out.push(
      '<details><summary>Suppressed and baselined findings (' + hidden.length + ')</summary>',
      '',
      '| Severity | Code | Object | Location | Message |',
      '|---|---|---|---|---|',
      ...hidden.map((f) => {
        const why = f.suppressed ? `suppressed by ${f.suppressed.kind}: ${f.suppressed.reason}` : 'baselined';
        return `| ${f.severity} | ${codeCell(f, helpUris)} | ${escapeMarkdown(objectText(f.object))} | ${escapeMarkdown(locationText(f))} | ${escapeMarkdown(bareMessage(f.message))} (${escapeMarkdown(why)}) |`;
      }),
      '',
      '</details>',
      '',
    );
  }

  const list = (title: string, items: readonly string[]) => {
    if (items.length > 0) out.push(`### ${title}`, '', ...items.map((i) => `- ${i}`), '');
  };
  if (result.coverage.length > 0) {
    const { gaps, notServed, unread } = coverageGroups(result);
    const item = (c: CoverageEntry, status: string) => `- ${escapeMarkdown(c.cluster)}: **${escapeMarkdown(c.collection)}** ${status}${c.reason ? `: ${escapeMarkdown(c.reason)}` : ''}`;
    out.push('### Coverage', '');
    const clusters = plural(result.clusters.length, 'cluster');
    if (gaps.length === 0 && notServed.length + unread.length === 0) out.push(`Complete: every collection dsaudit reads was read from ${clusters}.`, '');
    else if (gaps.length === 0) out.push(`Complete: no read was refused in ${clusters}.`, '');
    else out.push(...gaps.map((c) => item(c, 'forbidden')), '');
    if (notServed.length > 0) out.push('Not served by this version (no gap):', '', ...notServed.map((c) => item(c, 'not served')), '');
    if (unread.length > 0) out.push('Not read:', '', ...unread.map((c) => item(c, 'absent')), '');
  }
  if (result.notAssessed.length > 0) {
    // One line by default (the list is long on manifest-only runs); the list stays one click away.
    out.push(
      '### Not assessed',
      '',
      `<details><summary>${escapeMarkdown(notAssessedSummary(result))}</summary>`,
      '',
      ...result.notAssessed.map((n) => `- **${escapeMarkdown(n.ruleId)}** (${escapeMarkdown(n.code)})${n.cluster !== undefined ? ` in ${escapeMarkdown(n.cluster)}` : ''}: ${escapeMarkdown(n.reason)}`),
      '',
      '</details>',
      '',
    );
  }
  list('Tool notifications', result.notifications.map((n) => `**${n.level}**: ${escapeMarkdown(n.message)}`));
  list('Input errors', result.inputErrors.map((e) => `${escapeMarkdown(fileLineText(e))}: ${escapeMarkdown(e.message)}`));
  list('Skipped inputs', result.notices.map((n) => `${escapeMarkdown(fileLineText(n))}: ${escapeMarkdown(n.message)}`));

  out.push(`<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)}</sub>`);
  return `${out.join('\n')}\n`;
};
