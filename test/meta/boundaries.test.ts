import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/rule-tester.js';

/** The project's own statement of its layers (docs/layers.json). */
interface Layer {
  readonly name: string;
  readonly path: string;
  readonly mayImport: readonly string[];
  readonly packages: readonly string[];
}
const LAYERS: readonly Layer[] = JSON.parse(readFileSync(join(ROOT, 'docs', 'layers.json'), 'utf8')).layers;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  return [
    ...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
}

function layerOf(file: string): Layer | undefined {
  return LAYERS.find((l) => (l.path.endsWith('/') ? file.startsWith(l.path) : file === l.path));
}

/** The package part of a bare specifier: `yaml`, `@kubernetes/client-node`, `node:fs/promises`. */
function packageOf(spec: string): string {
  if (spec.startsWith('node:')) return spec;
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every import of `file` (relative to ROOT) that its layer may not make. */
export function violations(file: string, text: string): string[] {
  const own = layerOf(file);
  if (!own) return [`${file} belongs to no layer of docs/layers.json`];
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.js$/, '.ts');
      const to = layerOf(target);
      if (!to) out.push(`${file} imports ${spec}, which belongs to no layer`);
      else if (to !== own && !own.mayImport.includes(to.name)) out.push(`${file} (${own.name}) imports ${spec} (${to.name})`);
    } else if (!own.packages.includes(packageOf(spec))) {
      out.push(`${file} (${own.name}) imports the package ${spec}`);
    }
  }
  return out;
}

const FILES = [...tsFiles(join(ROOT, 'src')), ...tsFiles(join(ROOT, 'rules'))].map((f) => relative(ROOT, f)).sort();

describe('import boundaries (docs/layers.json)', () => {
  it('names every layer it allows once, and only layers it declares', () => {
    const names = LAYERS.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const l of LAYERS) for (const m of l.mayImport) expect(names, `${l.name} may import ${m}`).toContain(m);
  });

  it('no module imports across a layer boundary or reaches a package its layer may not use', () => {
    const found = FILES.flatMap((f) => violations(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the layers form no cycle', () => {
    const seen = new Set<string>();
    const visit = (name: string, path: readonly string[]): void => {
      expect(path, `cycle ${[...path, name].join(' -> ')}`).not.toContain(name);
      if (seen.has(name)) return;
      for (const next of LAYERS.find((l) => l.name === name)!.mayImport) visit(next, [...path, name]);
      seen.add(name);
    };
    for (const l of LAYERS) visit(l.name, []);
  });

  it('catches a forbidden import (the check itself can fail)', () => {
    expect(violations('src/model/normalize.ts', "import type { RawObject } from '../sources/types.js';\n")).toEqual([
      "src/model/normalize.ts (model) imports ../sources/types.js (sources)",
    ]);
    expect(violations('src/engine/run.ts', "import chalk from 'chalk';\n")).toEqual(['src/engine/run.ts (engine) imports the package chalk']);
    expect(violations('rules/x.ts', "import { parseCidr } from '../src/net/index.js';\n")).toEqual(['rules/x.ts (rules) imports ../src/net/index.js (net)']);
    expect(violations('src/report/json.ts', "export { x } from '../cli/io.js';\n")).toEqual(['src/report/json.ts (report) imports ../cli/io.js (cli)']);
  });
});
