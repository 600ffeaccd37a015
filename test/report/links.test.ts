import { describe, expect, it } from 'vitest';
import { projectLinks, repositoryWebUrl, ruleDocUrl, ruleHelpPointer } from '../../src/report/links.js';
import { explainText, rulesJson } from '../../src/report/rule-docs.js';
import { formatMarkdown } from '../../src/report/markdown.js';
import { RULES } from '../../rules/index.js';
import { canonical } from '../helpers/report-fixtures.js';

describe('project links from package.json', () => {
  it.each([
    ['acme/dsaudit', 'https://github.com/acme/dsaudit'],
    ['github:acme/dsaudit', 'https://github.com/acme/dsaudit'],
    ['gitlab:acme/dsaudit', 'https://gitlab.com/acme/dsaudit'],
    ['https://github.com/acme/dsaudit', 'https://github.com/acme/dsaudit'],
    ['git+https://github.com/acme/dsaudit.git', 'https://github.com/acme/dsaudit'],
    ['git+ssh://git@github.com/acme/dsaudit.git', 'https://github.com/acme/dsaudit'],
    ['git@github.com:acme/dsaudit.git', 'https://github.com/acme/dsaudit'],
  ])('reads repository %s', (repository, url) => {
    expect(repositoryWebUrl(repository)?.url).toBe(url);
    expect(repositoryWebUrl({ type: 'git', url: repository })?.url).toBe(url);
  });

  it('derives versioned rule pages and the home page from an injected package.json', () => {
    const links = projectLinks({ repository: { type: 'git', url: 'git+https://github.com/acme/dsaudit.git' } }, '2.0.0');
    expect(links.home).toBe('https://github.com/acme/dsaudit');
    expect(ruleDocUrl(links, 'service-single-stack')).toBe('https://github.com/acme/dsaudit/blob/v2.0.0/docs/rules/service-single-stack.md');
    expect(projectLinks({ homepage: 'https://dsaudit.acme.dev', repository: 'acme/dsaudit' }, '2.0.0').home).toBe('https://dsaudit.acme.dev');
  });

  it('gives no link at all when package.json names none (or an unusable one)', () => {
    for (const pkg of [{}, { repository: '' }, { repository: 42 }, { homepage: 'not a url' }]) {
      const links = projectLinks(pkg, '0.1.0');
      expect(links.home).toBeUndefined();
      expect(ruleDocUrl(links, 'service-single-stack')).toBeUndefined();
      expect(ruleHelpPointer(links, 'DS101')).toBe('dsaudit explain DS101');
    }
  });

  it('rules -o json, explain and Markdown carry links only when there are links', () => {
    const meta = RULES.find((r) => r.meta.id === 'service-single-stack')!.meta;
    const links = projectLinks({ repository: 'acme/dsaudit' }, '0.1.0');
    expect(JSON.parse(rulesJson([meta]))[0]).not.toHaveProperty('helpUri');
    expect(JSON.parse(rulesJson([meta], links))[0].helpUri).toBe(ruleDocUrl(links, meta.id));
    expect(explainText(meta, undefined)).not.toContain('Docs:');
    expect(explainText(meta, undefined, links)).toContain(`Docs: ${ruleDocUrl(links, meta.id)}`);
    expect(formatMarkdown(canonical, { color: false })).not.toMatch(/\]\(https?:/);
    expect(formatMarkdown(canonical, { color: false, links })).toContain('](https://github.com/acme/dsaudit/blob/v0.1.0/docs/rules/');
  });
});

describe('one place for project addresses', () => {
  it('no source, deploy file, action or README hard-codes a project web address', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { ROOT } = await import('../helpers/rule-tester.js');
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    for (const file of [...files(join(ROOT, 'src')), ...files(join(ROOT, 'deploy')), join(ROOT, 'README.md'), join(ROOT, 'action.yml'), join(ROOT, 'Dockerfile')]) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/github\.com\/dsaudit|ghcr\.io\/dsaudit/);
    }
  });
});
