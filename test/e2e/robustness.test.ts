import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';

const DIR = 'fixtures/robustness';

/** Each bad input, scanned together with good.yaml: its expected file:line prefix on stderr. */
const BAD: readonly [string, RegExp][] = [
  ['invalid-yaml.yaml', /^dsaudit: fixtures\/robustness\/invalid-yaml\.yaml:8: .*/m],
  ['truncated.json', /^dsaudit: fixtures\/robustness\/truncated\.json:\d+: .*/m],
  ['spec-null.yaml', /^dsaudit: fixtures\/robustness\/spec-null\.yaml:6: Service nothing: spec must be a mapping/m],
  ['wrong-types.yaml', /^dsaudit: fixtures\/robustness\/wrong-types\.yaml:7: Service typed: spec\.ipFamilies must be a list of strings, got string "IPv4"$/m],
  ['billion-laughs.yaml', /^dsaudit: fixtures\/robustness\/billion-laughs\.yaml:\d+: .*alias/im],
];

function assertGoodStillAudited(stdout: string): void {
  const out = JSON.parse(stdout);
  expect(out.findings.some((f: { ruleId: string; object: { name: string } }) => f.ruleId === 'exposed-service-single-stack' && f.object.name === 'edge')).toBe(true);
}

describe('bad input never crashes', () => {
  it.each(BAD)('%s: one-line error with file:line, exit 2, good input still audited', (file, pattern) => {
    const r = dsaudit(['scan', '-f', `${DIR}/good.yaml`, '-f', `${DIR}/${file}`, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    assertGoodStillAudited(r.stdout);
    const out = JSON.parse(r.stdout);
    expect(out.inputErrors.length).toBeGreaterThan(0);
    expect(out.inputErrors[0].file).toBe(`${DIR}/${file}`);
  });

  it('numbers where strings belong are errors with the line', () => {
    const r = dsaudit(['scan', '-f', `${DIR}/wrong-types.yaml`, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/wrong-types\.yaml:15: .*metadata\.name must be a string, got number 12345/);
  });

  it('an empty file is not an error and audits nothing', () => {
    const r = dsaudit(['scan', '-f', `${DIR}/empty.yaml`, '-f', `${DIR}/good.yaml`, '-o', 'json']);
    expect(r.code).toBe(1);
    assertGoodStillAudited(r.stdout);
  });

  it('a binary file is a one-line error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-bin-'));
    writeFileSync(join(dir, 'blob.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0xff, 0xfe]));
    const r = dsaudit(['scan', '-f', join(dir, 'blob.yaml'), '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/blob\.yaml.*binary/);
  });

  it('a missing path is a one-line error and the rest is audited', () => {
    const r = dsaudit(['scan', '-f', 'does/not/exist.yaml', '-f', `${DIR}/good.yaml`, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^dsaudit: does\/not\/exist\.yaml: /m);
    assertGoodStillAudited(r.stdout);
  });

  it('unknown kinds and non-Kubernetes documents are skipped quietly', () => {
    const r = dsaudit(['scan', '-f', 'fixtures/clusters/manifests-app', '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).notices.some((n: { file: string }) => n.file.endsWith('values.yaml'))).toBe(true);
  });
});

describe('flags are validated whatever the source', () => {
  it('a bad live flag value is a one-line usage error when scanning files too', () => {
    const cases: [string[], RegExp][] = [
      [['scan', '--request-timeout', 'abc'], /--request-timeout: invalid duration "abc"/],
      [['scan', '--chunk-size', '0'], /--chunk-size: expected a positive whole number/],
      [['baseline', '--chunk-size', 'many'], /--chunk-size: expected a positive whole number/],
      [['scan', '--max-configmaps', '-1'], /--max-configmaps: expected a whole number, 0 or more/],
      [['cidrs', '--max-configmaps', 'all'], /--max-configmaps: expected a whole number, 0 or more/],
      [['scan', '-n', 'Not_A_Namespace'], /--namespace: "Not_A_Namespace" is not a namespace name/],
      [['cidrs', '--request-timeout', '5 minutes'], /--request-timeout: invalid duration/],
    ];
    for (const [args, message] of cases) {
      const r = dsaudit([...args, '-f', `${DIR}/good.yaml`]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^dsaudit: error: ${message.source}.*\\n$`));
    }
  });
});

describe('deeply nested input', () => {
  const head = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  k: ';
  it('YAML nested deeper than the limit is one error at its line, the other files still audited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-deep-'));
    writeFileSync(join(dir, 'flow.yaml'), `${head}${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    writeFileSync(join(dir, 'just-over.yaml'), `${head}\n${'['.repeat(501)}${']'.repeat(501)}\n`);
    const block = Array.from({ length: 501 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('');
    writeFileSync(join(dir, 'block.yaml'), `a: 1\n---\n${block}`);
    const r = dsaudit(['scan', '-f', dir, '-f', `${DIR}/good.yaml`, '-o', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean).sort()).toEqual([
      `dsaudit: ${dir}/block.yaml:503: nesting deeper than 500 levels`,
      `dsaudit: ${dir}/flow.yaml:5: nesting deeper than 500 levels`,
      `dsaudit: ${dir}/just-over.yaml:6: nesting deeper than 500 levels`,
    ]);
    assertGoodStillAudited(r.stdout);
  });

  it('YAML at the limit and deep JSON (parsed without recursion) are audited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-deep-'));
    writeFileSync(join(dir, 'at-limit.yaml'), `apiVersion: v1\nkind: List\nitems: ${'['.repeat(499)}${']'.repeat(499)}\n`);
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    writeFileSync(join(dir, 'deep.json'), `{"apiVersion":"v1","kind":"Service","metadata":{"name":"deep","namespace":"d"},"spec":{"type":"NodePort","x":${deep},"ports":[{"port":80}]}}`);
    const r = dsaudit(['scan', '-f', dir, '-f', `${DIR}/good.yaml`, '-o', 'json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).findings.some((f: { object: { name: string } }) => f.object.name === 'deep')).toBe(true);
    assertGoodStillAudited(r.stdout);
  });
});

describe('symbolic links inside a scanned directory', () => {
  it('linked directories are skipped with a notice whatever their name; linked files are read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-links-'));
    for (const d of ['scan', 'elsewhere', 'more']) mkdirSync(join(dir, d));
    copyFileSync(`${DIR}/good.yaml`, join(dir, 'elsewhere', 'good.yaml'));
    copyFileSync('fixtures/clusters/manifests-app/services.yaml', join(dir, 'more', 'services.yaml'));
    symlinkSync('../elsewhere', join(dir, 'scan', 'looks-like.yaml'));
    symlinkSync('../more', join(dir, 'scan', 'more'));
    symlinkSync('../elsewhere/good.yaml', join(dir, 'scan', 'linked-file.yaml'));
    const r = dsaudit(['scan', '-f', 'scan', '-o', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.inputErrors).toEqual([]);
    expect(out.notices.filter((n: { message: string }) => /symbolic link/.test(n.message)).map((n: { file: string }) => n.file)).toEqual(['scan/looks-like.yaml', 'scan/more']);
    assertGoodStillAudited(r.stdout);
    // Named on the command line, a linked directory is followed.
    const named = JSON.parse(dsaudit(['scan', '-f', 'scan/more', '-o', 'json'], { cwd: dir }).stdout);
    expect(named.findings.length).toBeGreaterThan(0);
  });
});
