/** GitHub-flavoured Markdown for PR comments and `$GITHUB_STEP_SUMMARY`. */
import type { AuditResult, Finding } from '../engine/result.js';
import { bareMessage, fileLineText, isActive, locationText, objectText, plural, type Formatter } from './types.js';

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
  return [
    '| Severity | Code | Object | Location | Message |',
    '|---|---|---|---|---|',
    ...findings.map((f) =>
      `| ${f.severity} | ${codeCell(f, helpUris)} | ${escapeMarkdown(objectText(f.object))} | ${escapeMarkdown(locationText(f))} | ${escapeMarkdown(bareMessage(f.message))} |`),
  ];
}

export const formatMarkdown: Formatter = (result) => {
  const s = result.summary;
  const helpUris = new Map(result.rules.map((r) => [r.id, r.helpUri]));
  const active = result.findings.filter(isActive);
  const out: string[] = [
    '## dsaudit: dual-stack readiness',
    '',
    `Cluster: **${result.cluster.stack}** · target: **${result.target}**`,
    '',
    '| Errors | Warnings | Info | Suppressed | Baselined | Not assessed | Input errors |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${s.error} | ${s.warning} | ${s.info} | ${s.suppressed} | ${s.baselined} | ${result.notAssessed.length} | ${result.inputErrors.length} |`,
    '',
  ];

  if (active.length > 0) {
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
  list('Not assessed', result.notAssessed.map((n) => `**${escapeMarkdown(n.ruleId)}** (${escapeMarkdown(n.code)}): ${escapeMarkdown(n.reason)}`));
  list('Tool notifications', result.notifications.map((n) => `**${n.level}**: ${escapeMarkdown(n.message)}`));
  list('Input errors', result.inputErrors.map((e) => `${escapeMarkdown(fileLineText(e))}: ${escapeMarkdown(e.message)}`));
  list('Skipped inputs', result.notices.map((n) => `${escapeMarkdown(fileLineText(n))}: ${escapeMarkdown(n.message)}`));

  out.push(`<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)}</sub>`);
  return `${out.join('\n')}\n`;
};
