import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import { ROOT } from '../helpers/rule-tester.js';

interface Expected {
  exitCode: number;
  stack: string;
  /** `owner` is `via Kind ns/name` of the finding's owner, for findings on managed objects. */
  findings: { ruleId: string; messageId: string; object: string; severity: string; suppressed?: boolean; owner?: string }[];
  notAssessed: string[];
}

const clustersDir = join(ROOT, 'fixtures', 'clusters');
const names = readdirSync(clustersDir).filter((n) => statSync(join(clustersDir, n)).isDirectory()).sort();

describe.each(names)('fixtures/clusters/%s end to end', (name) => {
  const expected: Expected = JSON.parse(readFileSync(join(clustersDir, `${name}.expected.json`), 'utf8'));

  it('JSON findings, coverage and exit code match the expectation', () => {
    const r = dsaudit(['scan', '-f', `fixtures/clusters/${name}`, '-o', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(reportSchemaErrors(out)).toEqual([]);
    type Ref = { kind: string; namespace?: string | null; name: string };
    const text = (o: Ref) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
    const actual = out.findings.map((f: { ruleId: string; messageId: string; object: Ref; severity: string; suppressed: unknown; owner?: Ref & { via: string } }) => ({
      ruleId: f.ruleId,
      messageId: f.messageId,
      object: text(f.object),
      severity: f.severity,
      ...(f.suppressed ? { suppressed: true } : {}),
      ...(f.owner ? { owner: `${f.owner.via} ${text(f.owner)}` } : {}),
    }));
    const key = (x: object) => JSON.stringify(x);
    expect(actual.map(key).sort()).toEqual(expected.findings.map(key).sort());
    expect(out.cluster.stack).toBe(expected.stack);
    expect(out.notAssessed.map((n: { ruleId: string }) => n.ruleId).sort()).toEqual([...expected.notAssessed].sort());
    expect(r.code).toBe(expected.exitCode);
  });

  it('table output matches the golden file', async () => {
    const r = dsaudit(['scan', '-f', `fixtures/clusters/${name}`, '--color', 'never']);
    expect(r.code).toBe(expected.exitCode);
    await expect(r.stdout).toMatchFileSnapshot(join(clustersDir, `${name}.expected.table.txt`));
  });
});
