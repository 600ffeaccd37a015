/** The GitHub Action (action.yml): its script steps run against the local build, as the runner would run them. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/rule-tester.js';

interface Step { id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; if?: string; with?: Record<string, string> }
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string; required?: boolean }>;
  runs: { using: string; steps: Step[] };
};

const work = mkdtempSync(join(tmpdir(), 'dsaudit-action-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `${{ inputs.x }}` as the runner expands it: the given value, else the input's default. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => {
    expect(action.inputs, `undeclared input ${name}`).toHaveProperty(name);
    return inputs[name] ?? action.inputs[name].default ?? '';
  });
}

/** Runs every `run:` step except the dependency install (the local build stands in for it). */
function runAction(inputs: Record<string, string>, cwd: string) {
  const results = [];
  for (const step of action.runs.steps.filter((s) => s.run !== undefined && s.id !== 'install')) {
    expect(step.shell).toBe('bash');
    expect(step.run, 'inputs reach scripts through env, never spliced into the script').not.toMatch(/\$\{\{/);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v, inputs)]));
    // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', HOME: cwd, GITHUB_ACTION_PATH: ROOT, ...env },
      timeout: 60_000,
    });
    results.push({ id: step.id, code: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) break;
  }
  return results;
}

describe('action.yml', () => {
  it('is a composite action with files, fail-on and sarif inputs, uploading SARIF to code scanning even when the gate fails', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['files', 'fail-on', 'sarif']));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('${{ inputs.sarif }}');
    expect(upload?.if).toMatch(/^always\(\)/);
    expect(action.runs.steps.find((s) => s.id === 'install')?.run).toContain('npm ci --prefix "$GITHUB_ACTION_PATH"');
  });

  it('scans the given files, writes SARIF and fails the step on findings at fail-on', () => {
    const cwd = join(work, 'repo');
    cpSync(join(ROOT, 'fixtures', 'clusters', 'manifests-app'), join(cwd, 'k8s apps'), { recursive: true });
    const [scan] = runAction({ files: 'k8s apps\n' }, cwd);
    expect(scan.stderr).toBe('');
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/DS1\d\d/);
    const sarif = JSON.parse(readFileSync(join(cwd, 'dsaudit.sarif'), 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^k8s%20apps\//);
  });

  it('passes with fail-on never, takes extra args and a SARIF path', () => {
    const cwd = join(work, 'repo2');
    cpSync(join(ROOT, 'fixtures', 'clusters', 'manifests-app'), join(cwd, 'k8s'), { recursive: true });
    const [scan] = runAction({ files: 'k8s', 'fail-on': 'never', sarif: 'out/x.sarif', args: '--disable DS101' }, cwd);
    expect(scan.code, scan.stderr).toBe(2);
    expect(scan.stderr).toMatch(/out\/x\.sarif|ENOENT|director/i);
    const [again] = runAction({ files: 'k8s', 'fail-on': 'never', sarif: 'x.sarif', args: '--disable DS101' }, cwd);
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(readFileSync(join(cwd, 'x.sarif'), 'utf8')).not.toContain('"ruleId": "service-single-stack"');
    expect(existsSync(join(cwd, 'dsaudit.sarif'))).toBe(false);
  });
});
