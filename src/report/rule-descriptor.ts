/** The single mapping from rule metadata to a SARIF `reportingDescriptor` (`tool.driver.rules[]`). */
import type * as Sarif from 'sarif';
import type { RuleMeta, Severity } from '../rule-contract/define-rule.js';
import { ruleDocUrl, type ProjectLinks } from './links.js';

/** dsaudit severity → SARIF level (`info` is SARIF `note`). */
export function sarifLevel(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/** `service-single-stack` → `ServiceSingleStack` (SARIF2012 wants a Pascal-case `name`). */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * GitHub shows `help`, not `helpUri`, so the why and the fix travel inside the descriptor. The
 * Markdown keeps the metadata text verbatim: it is written as prose, not as Markdown source. Without a
 * repository in package.json there is no `helpUri`, and the help points to the offline `dsaudit explain`.
 */
export function toSarifDescriptor(meta: RuleMeta, links?: ProjectLinks): Sarif.ReportingDescriptor {
  const helpUri = ruleDocUrl(links, meta.id);
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.description },
    help: {
      text: `${meta.rationale}\n\nHow to fix: ${meta.remediation}\n\n${helpUri ? `Documentation: ${helpUri}` : `Examples and options: dsaudit explain ${meta.code}`}`,
      markdown: [
        `## Why`,
        '',
        meta.rationale,
        '',
        `## How to fix`,
        '',
        meta.remediation,
        '',
        helpUri
          ? `See [${meta.code} ${meta.id}](${helpUri}) for examples and options.`
          : `Run \`dsaudit explain ${meta.code}\` for examples and options.`,
      ].join('\n'),
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: sarifLevel(meta.defaultSeverity) },
    properties: {
      tags: [meta.family, 'dual-stack'],
      code: meta.code,
      family: meta.family,
    },
  };
}
