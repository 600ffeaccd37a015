import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFleetRule, type FleetRule } from '../../src/rule-contract/define-rule.js';
import { runRule } from '../../src/engine/run.js';
import { RULES } from '../../rules/index.js';
import { proseSections, ruleDocPage, rulesMarkdownTable } from '../../src/report/rule-docs.js';
import { RULES_END, RULES_START } from '../../src/report/readme.js';
import { parseManifestText } from '../../src/sources/manifests.js';
import { modelOf, ROOT } from '../helpers/rule-tester.js';
import { fleetModels, parseFleetText, runFleet } from '../helpers/fleet-tester.js';

/** Fleet rules compare clusters: their examples split objects into clusters with `# context: NAME` lines. */
function runFleetExample(rule: FleetRule, text: string, file: string) {
  const fleet = parseFleetText(text, file);
  return runFleet(rule, fleetModels(fleet.byCluster), fleet.connected);
}

function blocks(markdown: string, tag: 'fail' | 'pass'): string[] {
  return [...markdown.matchAll(new RegExp('```yaml ' + tag + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
}

describe.each(RULES.map((r) => [r.meta.id, r] as const))('docs of %s', (id, rule) => {
  const prose = readFileSync(join(ROOT, 'rules', `${id}.md`), 'utf8');

  it('prose page has the required sections and no duplicated metadata', () => {
    expect(prose.startsWith(`# ${id}\n`)).toBe(true);
    const s = proseSections(prose);
    for (const h of ['Why', 'Examples', 'When not to use it']) expect(s.has(h), `## ${h}`).toBe(true);
    expect(prose).not.toContain(rule.meta.description);
  });

  it('"yaml fail" examples fire and "yaml pass" examples do not', () => {
    const fail = blocks(prose, 'fail');
    const pass = blocks(prose, 'pass');
    expect(fail.length).toBeGreaterThan(0);
    expect(pass.length).toBeGreaterThan(0);
    for (const [tag, list] of [['fail', fail], ['pass', pass]] as const) {
      for (const text of list) {
        const parsed = parseManifestText(text, `${id}.md`);
        expect(parsed.errors).toEqual([]);
        const outcome = isFleetRule(rule) ? runFleetExample(rule, text, `${id}.md`) : runRule(rule, modelOf(parsed.objects));
        expect(outcome.kind).toBe('ran');
        if (outcome.kind !== 'ran') continue;
        if (tag === 'fail') expect(outcome.drafts.length, text).toBeGreaterThan(0);
        else expect(outcome.drafts, text).toEqual([]);
      }
    }
  });

  it('docs/rules page is generated from the metadata and prose (npm run docs)', () => {
    const page = join(ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(page), 'run `npm run docs`').toBe(true);
    expect(readFileSync(page, 'utf8')).toBe(ruleDocPage(rule.meta, prose));
  });
});

describe('generated docs', () => {
  it('docs/rules has no page for a rule that does not exist', () => {
    const pages = readdirSync(join(ROOT, 'docs', 'rules')).map((f) => f.replace(/\.md$/, '')).sort();
    expect(pages).toEqual(RULES.map((r) => r.meta.id).sort());
  });

  it('the README rule table equals `dsaudit rules -o markdown`', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf(RULES_START) + RULES_START.length, readme.indexOf(RULES_END));
    expect(section).toBe(`\n${rulesMarkdownTable(RULES.map((r) => r.meta))}`);
  });
});
