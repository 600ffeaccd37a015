/** Rule documentation rendered from metadata plus the rule's prose page: `dsaudit rules`, `explain`, docs/ and the README table. */
import Table from 'cli-table3';
import type { RuleMeta } from '../rule-contract/define-rule.js';
import { ruleDocUrl, type ProjectLinks } from './links.js';

/** Sections of a rule's prose page, keyed by `## Heading`. */
export function proseSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let buf: string[] = [];
  const flush = () => { if (current) out.set(current, buf.join('\n').trim()); };
  for (const line of markdown.split('\n')) {
    const m = /^## (.+)$/.exec(line);
    if (m) { flush(); current = m[1].trim(); buf = []; } else if (current) buf.push(line);
  }
  flush();
  return out;
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** The rule table for the README and `dsaudit rules -o markdown`. */
export function rulesMarkdownTable(rules: readonly RuleMeta[]): string {
  const rows = [...rules].sort((a, b) => (a.code < b.code ? -1 : 1)).map((r) =>
    `| ${r.code} | [${r.id}](docs/rules/${r.id}.md) | ${r.family} | ${r.defaultSeverity} | ${escapeCell(r.title)} |`);
  return ['| Code | Rule | Family | Severity | What it finds |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}

/** `dsaudit rules -o json`; `helpUri` only when package.json names a repository. */
export function rulesJson(rules: readonly RuleMeta[], links?: ProjectLinks): string {
  const list = [...rules].sort((a, b) => (a.code < b.code ? -1 : 1)).map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    family: r.family,
    defaultSeverity: r.defaultSeverity,
    description: r.description,
    rationale: r.rationale,
    remediation: r.remediation,
    requires: r.requires,
    uses: r.uses ?? [],
    targets: r.targets ?? ['dual', 'ipv4', 'ipv6'],
    ...(ruleDocUrl(links, r.id) ? { helpUri: ruleDocUrl(links, r.id) } : {}),
    sources: r.sources,
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** The generated page `docs/rules/<id>.md`. */
export function ruleDocPage(meta: RuleMeta, prose: string): string {
  const s = proseSections(prose);
  const parts = [
    `# ${meta.code} ${meta.id}`,
    '',
    `<!-- Generated from rules/${meta.id}.ts and rules/${meta.id}.md by \`npm run docs\`; do not edit. -->`,
    '',
    `**${meta.title}** · family \`${meta.family}\` · default severity \`${meta.defaultSeverity}\` · reads ${[...meta.requires, ...(meta.uses ?? [])].map((r) => `\`${r}\``).join(', ')}${meta.targets ? ` · targets ${meta.targets.join(', ')}` : ''}`,
    '',
    meta.description,
    '',
    '## Why',
    '',
    meta.rationale,
    ...(s.get('Why') ? ['', s.get('Why')!] : []),
    '',
    '## How to fix',
    '',
    meta.remediation,
    ...(s.get('How to fix') ? ['', s.get('How to fix')!] : []),
    '',
    '## Examples',
    '',
    s.get('Examples') ?? '',
    '',
    '## Options',
    '',
    s.get('Options') ?? 'This rule has no options.',
    '',
    '## When not to use it',
    '',
    s.get('When not to use it') ?? '',
    '',
    '## Sources',
    '',
    ...meta.sources.map((src) => `- ${src}`),
    '',
  ];
  return parts.join('\n');
}

/** `dsaudit explain`: what, why, how to fix, an example. */
export function explainText(meta: RuleMeta, prose: string | undefined, links?: ProjectLinks): string {
  const docs = ruleDocUrl(links, meta.id);
  const s = prose ? proseSections(prose) : new Map<string, string>();
  const example = s.get('Examples');
  return [
    `${meta.code} ${meta.id} — ${meta.title}`,
    `family: ${meta.family}   default severity: ${meta.defaultSeverity}   reads: ${[...meta.requires, ...(meta.uses ?? [])].join(', ')}`,
    '',
    'What it checks',
    `  ${meta.description}`,
    '',
    'Why it matters',
    `  ${meta.rationale}`,
    '',
    'How to fix',
    `  ${meta.remediation}`,
    ...(example ? ['', 'Example', example.split('\n').map((l) => `  ${l}`).join('\n')] : []),
    '',
    'Sources',
    ...meta.sources.map((x) => `  - ${x}`),
    ...(docs ? ['', `Docs: ${docs}`] : []),
    '',
  ].join('\n');
}

/** Plain-text rule list for the terminal. */
export function rulesTable(rules: readonly RuleMeta[]): string {
  const table = new Table({ head: ['CODE', 'RULE', 'FAMILY', 'SEVERITY', 'WHAT IT FINDS'], style: { head: [], border: [] } });
  for (const r of [...rules].sort((a, b) => (a.code < b.code ? -1 : 1))) table.push([r.code, r.id, r.family, r.defaultSeverity, r.title]);
  return `${table.toString()}\n`;
}
