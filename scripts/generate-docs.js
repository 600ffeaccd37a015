#!/usr/bin/env node
// Regenerates docs/rules/<id>.md and the README rule table from rule metadata (run after `npm run build`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../dist/rules/index.js';
import { ruleDocPage, rulesMarkdownTable } from '../dist/src/report/rule-docs.js';
import { readRuleProse } from '../dist/src/sources/rule-docs.js';
import { replaceReadmeRules } from '../dist/src/report/readme.js';

const root = join(import.meta.dirname, '..');
mkdirSync(join(root, 'docs', 'rules'), { recursive: true });
for (const rule of RULES) {
  writeFileSync(join(root, 'docs', 'rules', `${rule.meta.id}.md`), ruleDocPage(rule.meta, readRuleProse(rule.meta.id) ?? ''));
}
const readmePath = join(root, 'README.md');
writeFileSync(readmePath, replaceReadmeRules(readFileSync(readmePath, 'utf8'), rulesMarkdownTable(RULES.map((r) => r.meta))));
console.log(`generated ${RULES.length} rule pages and the README rule table`);
