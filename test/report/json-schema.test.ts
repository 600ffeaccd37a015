import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';
import { ROOT } from '../helpers/rule-tester.js';

const golden = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'report', 'expected.json'), 'utf8'));

describe('JSON Schema of scan -o json', () => {
  it('the golden JSON report is valid', () => {
    expect(reportSchemaErrors(golden)).toEqual([]);
  });

  it('a clean report, and one of several clusters with coverage, are valid', () => {
    expect(reportSchemaErrors(JSON.parse(formatJson(cleanResult(), { color: false })))).toEqual([]);
    const fleet = cleanResult({
      clusters: [{ name: 'east', stack: 'dual', evidence: [] }, { name: 'west', stack: 'ipv4', evidence: [] }],
      coverage: [{ cluster: 'east', collection: 'pods', status: 'forbidden', reason: 'RBAC' }, { cluster: 'west', collection: 'pods', status: 'present' }],
      notAssessed: [{ ruleId: 'pod-single-stack', code: 'DS106', reason: 'pods forbidden', cause: 'forbidden', cluster: 'east' }],
    });
    expect(reportSchemaErrors(JSON.parse(formatJson(fleet, { color: false })))).toEqual([]);
  });

  it('catches a renamed, a removed and an undeclared field', () => {
    const renamed = { ...golden, findings: golden.findings.map(({ ruleId, ...f }: { ruleId: string }) => ({ ...f, rule: ruleId })) };
    expect(reportSchemaErrors(renamed).join('\n')).toMatch(/ruleId|rule/);
    const { summary: _, ...removed } = golden;
    expect(reportSchemaErrors(removed).join('\n')).toContain('summary');
    expect(reportSchemaErrors({ ...golden, findingsCount: 3 }).join('\n')).toContain('findingsCount');
    expect(reportSchemaErrors({ ...golden, target: 'dualstack' })).not.toEqual([]);
  });

  it('canonical result renders to the golden (the schema sees what the formatter writes)', () => {
    expect(JSON.parse(formatJson(canonical, { color: false }))).toEqual(golden);
  });
});

describe('scenario in scan -o json', () => {
  const scenario = { target: 'ipv6-only', rollbackTo: 'IPv6', named: true, removedFamily: 'IPv4', primaryAfter: 'IPv6' } as const;

  it('says which scenario was evaluated, and the schema accepts it', () => {
    const doc = JSON.parse(formatJson(cleanResult({ scenario }), { color: false }));
    expect(doc.scenario).toEqual({ target: 'ipv6-only', rollbackTo: 'IPv6', newPrimary: null, named: true, removedFamily: 'IPv4', primaryAfter: 'IPv6', description: 'target ipv6-only: rollback to IPv6 (IPv4 removed)' });
    expect(reportSchemaErrors(doc)).toEqual([]);
    expect(reportSchemaErrors({ ...doc, scenario: { ...doc.scenario, rollbackTo: 'ipv4' } })).not.toEqual([]);
  });
});
