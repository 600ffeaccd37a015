/** Rule documentation rendered from metadata plus the rule's prose page: `dsaudit rules`, `explain`, docs/ and the README table. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { RuleMeta } from '../rule-contract/define-rule.js';
import { ruleDocUrl, type ProjectLinks } from './links.js';
import { GAP, plainTable, severityColor, textWidth, wrapText } from './table.js';

/** How terminal output is drawn: colors only on a color terminal, wrapping only to a known terminal width. */
export interface TerminalContext {
  readonly color: boolean;
  /** Terminal width in columns; undefined when piped (no wrapping). */
  readonly width?: number;
}

const PLAIN: TerminalContext = { color: false };

/** Narrower than this, the title column does not wrap and lines run long instead. */
const MIN_TITLE_WIDTH = 24;

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

/** `dsaudit explain`: what, why, how to fix, an example; code blocks as indented text, never markdown fences. */
export function explainText(meta: RuleMeta, prose: string | undefined, links?: ProjectLinks, term: TerminalContext = PLAIN): string {
  const c = new Chalk({ level: term.color ? 1 : 0 });
  const docs = ruleDocUrl(links, meta.id);
  const s = prose ? proseSections(prose) : new Map<string, string>();
  const example = s.get('Examples');
  const para = (text: string) => wrap(text, term.width, 2).map((l) => `  ${l}`);
  const heading = (text: string) => c.bold(text);
  return [
    `${c.bold(`${severityColor(c, meta.defaultSeverity)(meta.code)} ${meta.id}`)} — ${meta.title}`,
    ...wrap(`family: ${meta.family}   default severity: ${meta.defaultSeverity}   reads: ${[...meta.requires, ...(meta.uses ?? [])].join(', ')}`, term.width, 0).map((l) => c.dim(l)),
    '',
    heading('What it checks'),
    ...para(meta.description),
    '',
    heading('Why it matters'),
    ...para(meta.rationale),
    '',
    heading('How to fix'),
    ...para(meta.remediation),
    ...(example ? ['', heading('Example'), ...exampleLines(c, example, term.width)] : []),
    '',
    heading('Sources'),
    ...meta.sources.map((x) => `  - ${x}`),
    ...(docs ? ['', `Docs: ${docs}`] : []),
    '',
  ].join('\n');
}

/** The Examples section: prose wrapped, each fenced block under a label (`fails:`/`passes:`) and indented. */
function exampleLines(c: ChalkInstance, markdown: string, width: number | undefined): string[] {
  const out: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const m = /^\s*```(.*)$/.exec(line);
    if (m && fence === undefined) {
      fence = m[1].trim();
      const words = fence.split(/\s+/);
      const label = words.includes('fail') ? c.red('fails:') : words.includes('pass') ? c.green('passes:') : `${words[0] || 'code'}:`;
      out.push(`  ${label}`);
    } else if (m) {
      fence = undefined;
    } else if (fence !== undefined) {
      out.push(line === '' ? '' : `    ${c.dim(line)}`);
    } else if (line.trim() === '') {
      if (out.length > 0 && out[out.length - 1] !== '') out.push('');
    } else {
      out.push(...wrap(line.trim(), width, 2).map((l) => `  ${l}`));
    }
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function wrap(text: string, width: number | undefined, indent: number): string[] {
  return width !== undefined ? wrapText(text, Math.max(MIN_TITLE_WIDTH, width - indent)) : [text];
}

/** `dsaudit rules`: one borderless row per rule, as `scan` draws findings; titles wrap to a terminal's width. */
export function rulesTable(rules: readonly RuleMeta[], term: TerminalContext = PLAIN): string {
  const c = new Chalk({ level: term.color ? 1 : 0 });
  const sorted = [...rules].sort((a, b) => (a.code < b.code ? -1 : 1));
  const head = ['CODE', 'RULE', 'FAMILY', 'SEVERITY', 'WHAT IT FINDS'];
  const fixed = [
    Math.max(textWidth('CODE'), ...sorted.map((r) => textWidth(r.code))),
    Math.max(textWidth('RULE'), ...sorted.map((r) => textWidth(r.id))),
    Math.max(textWidth('FAMILY'), ...sorted.map((r) => textWidth(r.family))),
    Math.max(textWidth('SEVERITY'), ...sorted.map((r) => textWidth(r.defaultSeverity))),
  ];
  const titleWidth = term.width !== undefined ? term.width - fixed.reduce((a, b) => a + b + GAP, 0) : undefined;
  const widths = titleWidth !== undefined && titleWidth >= MIN_TITLE_WIDTH ? [...fixed, titleWidth] : undefined;
  const rows = sorted.map((r) => [severityColor(c, r.defaultSeverity)(r.code), r.id, c.dim(r.family), severityColor(c, r.defaultSeverity)(r.defaultSeverity), r.title]);
  return `${plainTable(c, head, rows, widths)}\n`;
}
