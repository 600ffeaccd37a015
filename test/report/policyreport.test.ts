import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { AuditResult, Finding } from '../../src/engine/result.js';
import { FORMATTERS } from '../../src/report/index.js';
import { projectLinks } from '../../src/report/links.js';
import { formatPolicyReport } from '../../src/report/policyreport.js';
import { POLICY_REPORT_CRD_SCHEMA } from '../helpers/policyreport-crd.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const render = (r: AuditResult = canonical) => formatPolicyReport(r, { color: false });
const docs = (text: string) => parseAllDocuments(text).map((d) => {
  expect(d.errors).toEqual([]);
  return d.toJS() as { kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; summary: Record<string, number>; results: Array<Record<string, any>> };
});
const validate = new Ajv({ allErrors: true, strict: false }).compile(POLICY_REPORT_CRD_SCHEMA);

function expectValid(text: string) {
  for (const doc of docs(text)) {
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    if (doc.kind === 'PolicyReport') expect(doc.metadata.namespace).toBeTruthy();
    else expect(doc.metadata.namespace).toBeUndefined();
  }
}

describe('policyreport formatter', () => {
  it('is registered as -o policyreport', () => {
    expect(FORMATTERS.policyreport).toBe(formatPolicyReport);
  });

  it('matches the golden file', async () => {
    await expect(render()).toMatchFileSnapshot('../../fixtures/report/expected.policyreport.yaml');
  });

  it('is valid against the wgpolicyk8s.io/v1alpha2 CRD schema (required fields, enums, string properties)', () => {
    expectValid(render());
    expectValid(render(cleanResult()));
  });

  it('the schema check fails on what the CRD rejects', () => {
    const [doc] = docs(render());
    expect(validate({ ...doc, results: [{ ...doc.results[0], result: 'warning' }] })).toBe(false);
    expect(validate({ ...doc, results: [{ ...doc.results[0], severity: 'error' }] })).toBe(false);
    expect(validate({ ...doc, results: [{ ...doc.results[0], properties: { line: 3 } }] })).toBe(false);
    const { policy: _, ...noPolicy } = doc.results[0];
    expect(validate({ ...doc, results: [noPolicy] })).toBe(false);
  });

  it('puts namespaced objects in their namespace, cluster-scoped ones and not-assessed rules in the ClusterPolicyReport', () => {
    const out = docs(render());
    expect(out[0].kind).toBe('ClusterPolicyReport');
    for (const doc of out) {
      for (const r of doc.results) {
        expect(r.policy).toBe('dsaudit');
        for (const res of r.resources ?? []) expect(res.namespace).toBe(doc.metadata.namespace);
      }
    }
    const namespaces = out.filter((d) => d.kind === 'PolicyReport').map((d) => d.metadata.namespace);
    expect(namespaces).toEqual([...new Set(canonical.findings.flatMap((f) => (f.object.namespace ? [f.object.namespace] : [])))].sort());
    const skips = out[0].results.filter((r) => r.properties.notAssessed === 'true');
    expect(skips.map((r) => r.rule).sort()).toEqual(canonical.notAssessed.map((n) => n.ruleId).sort());
    expect(skips.every((r) => r.result === 'skip' && r.properties.reason)).toBe(true);
  });

  it('maps severities and outcomes: error fails, warning and info warn, suppressed and baselined skip', () => {
    const all = docs(render()).flatMap((d) => d.results);
    const byFingerprint = new Map(all.map((r) => [r.properties.fingerprint, r]));
    const expected = (f: Finding) => (f.suppressed || f.baselined ? 'skip' : f.severity === 'error' ? 'fail' : 'warn');
    for (const f of canonical.findings) {
      const r = byFingerprint.get(f.fingerprint)!;
      expect(r, f.fingerprint).toBeDefined();
      expect([r.rule, r.result, r.severity, r.properties.code, r.properties.path]).toEqual([f.ruleId, expected(f), { error: 'high', warning: 'medium', info: 'low' }[f.severity], f.code, f.path]);
      // The finding's own fix (object-specific where the rule gives one), never the formatter's guess.
      expect(r.properties.fix).toBe(f.fix);
    }
  });

  it('summary counts equal the results of each report', () => {
    for (const doc of docs(render())) {
      const count = (v: string) => doc.results.filter((r) => r.result === v).length;
      expect(doc.summary).toEqual({ pass: count('pass'), fail: count('fail'), warn: count('warn'), error: count('error'), skip: count('skip') });
    }
  });

  it('a clean manifest run still gives one (empty) ClusterPolicyReport, so a rerun replaces an older one', () => {
    const out = docs(render(cleanResult({ clusters: [] })));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'ClusterPolicyReport', metadata: { name: 'dsaudit' }, summary: { fail: 0, warn: 0 }, results: [] });
  });

  it('names one set of reports per cluster when the result covers several', () => {
    const two = cleanResult({
      clusters: [{ name: 'prod-east', stack: 'dual', evidence: [] }, { name: 'arn:aws:eks:eu-west-1:1:cluster/West', stack: 'ipv4', evidence: [] }],
      notAssessed: [{ ruleId: 'service-endpoints-missing-family', code: 'DS104', reason: 'forbidden', cluster: 'prod-east' }],
    });
    const out = docs(render(two));
    expect(out.map((d) => [d.kind, d.metadata.name, d.metadata.annotations?.['dsaudit.io/cluster']])).toEqual([
      ['ClusterPolicyReport', 'dsaudit-arn-aws-eks-eu-west-1-1-cluster-west', 'arn:aws:eks:eu-west-1:1:cluster/West'],
      ['ClusterPolicyReport', 'dsaudit-prod-east', 'prod-east'],
    ]);
    expectValid(render(two));
  });

  it('is deterministic and points at the rule page only when package.json names a repository', () => {
    expect(render()).toBe(render({ ...canonical }));
    expect(render()).not.toMatch(/https?:\/\/|\d{4}-\d{2}-\d{2}T/);
    const linked = formatPolicyReport(canonical, { color: false, links: projectLinks({ repository: 'acme/dsaudit' }, '0.1.0') });
    expect(linked).toContain('help: https://github.com/acme/dsaudit/blob/v0.1.0/docs/rules/');
  });
});
