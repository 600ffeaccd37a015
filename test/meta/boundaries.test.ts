import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/rule-tester.js';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
}

const all = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'rules'))].map((f) => ({ file: relative(ROOT, f), imports: imports(f) }));

describe('import boundaries', () => {
  it('rules import only src/rule-api (index.ts may import the Rule type and rule modules)', () => {
    for (const { file, imports: list } of all.filter((f) => f.file.startsWith('rules/'))) {
      for (const i of list) {
        const ok = i === '../src/rule-api.js' || (file === 'rules/index.ts' && (i.startsWith('./') || i === '../src/engine/define-rule.js'));
        expect(ok, `${file} imports ${i}`).toBe(true);
      }
    }
  });

  const only = (pkg: string, allowed: (file: string) => boolean) => {
    for (const { file, imports: list } of all) if (list.includes(pkg)) expect(allowed(file), `${file} imports ${pkg}`).toBe(true);
  };

  it('only src/report imports chalk and cli-table3', () => {
    only('chalk', (f) => f.startsWith('src/report/'));
    only('cli-table3', (f) => f.startsWith('src/report/'));
  });

  it('only src/net imports ipaddr.js', () => only('ipaddr.js', (f) => f.startsWith('src/net/')));

  it('only src/sources imports @kubernetes/client-node', () => only('@kubernetes/client-node', (f) => f.startsWith('src/sources/')));

  it('file system and network access stay in src/sources and src/cli', () => {
    for (const mod of ['node:fs', 'fs', 'node:fs/promises', 'node:http', 'node:https', 'node:net']) {
      only(mod, (f) => f.startsWith('src/sources/') || f.startsWith('src/cli/'));
    }
  });
});
