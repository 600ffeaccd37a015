import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../src/engine/result.js';
import { FORMATTERS } from '../../src/report/index.js';
import { formatJson } from '../../src/report/json.js';
import { canonical } from '../helpers/report-fixtures.js';

const render = (r: AuditResult = canonical) => formatJson(r, { color: false });

describe('json formatter', () => {
  it('matches the golden file', async () => {
    await expect(render()).toMatchFileSnapshot('../../fixtures/report/expected.json');
  });

  it('is the json entry of the formatter map', () => {
    expect(FORMATTERS.json).toBe(formatJson);
  });

  it('keeps the public contract: key names and order', () => {
    const doc = JSON.parse(render());
    expect(Object.keys(doc)).toEqual(['tool', 'cluster', 'target', 'summary', 'findings', 'notAssessed', 'notifications', 'inputErrors', 'notices', 'coverage', 'clusters']);
    expect(Object.keys(doc.tool)).toEqual(['name', 'version']);
    expect(Object.keys(doc.cluster)).toEqual(['stack', 'evidence']);
    expect(Object.keys(doc.summary)).toEqual(['error', 'warning', 'info', 'suppressed', 'baselined']);
    const contract = ['ruleId', 'code', 'severity', 'family', 'message', 'object', 'path', 'location', 'suppressed', 'baselined', 'fingerprint'];
    for (const f of doc.findings) {
      // Contract keys appear in contract order; extras (messageId, ipFamily) may sit between them.
      expect(Object.keys(f).filter((k) => contract.includes(k))).toEqual(contract);
      expect(Object.keys(f.object).slice(0, 4)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
      if (f.location !== null) expect(Object.keys(f.location)).toEqual(['file', 'line', 'column']);
      if (f.suppressed !== null) expect(Object.keys(f.suppressed)).toEqual(['kind', 'reason']);
    }
    for (const n of doc.notAssessed) expect(Object.keys(n).filter((k) => k !== 'cluster')).toEqual(['ruleId', 'code', 'reason', 'cause']);
    // notServed is an extra, after the contract keys, only on absent entries of APIs the server does not serve.
    for (const c of doc.coverage) expect(Object.keys(c).filter((k) => k !== 'notServed')).toEqual(['cluster', 'collection', 'status', 'reason']);
    expect(doc.coverage.filter((c: { notServed?: boolean }) => c.notServed === true).map((c: { collection: string }) => c.collection)).toEqual(['serviceCIDRs']);
    for (const c of doc.clusters) expect(Object.keys(c)).toEqual(['name', 'stack', 'evidence']);
    for (const e of doc.inputErrors) expect(Object.keys(e)).toEqual(['file', 'line', 'message']);
  });

  it('keeps the finding order it was given and carries every finding, suppressed and baselined included', () => {
    const doc = JSON.parse(render());
    expect(doc.findings.map((f: { fingerprint: string }) => f.fingerprint)).toEqual(canonical.findings.map((f) => f.fingerprint));
    expect(doc.findings.some((f: { suppressed: unknown }) => f.suppressed !== null)).toBe(true);
    expect(doc.findings.some((f: { baselined: boolean }) => f.baselined)).toBe(true);
  });

  it('uses null for absent contract values and only adds object.cluster / ipFamily when set', () => {
    const doc = JSON.parse(render());
    const node = doc.findings.find((f: { object: { kind: string } }) => f.object.kind === 'Node');
    expect(node.location).toBeNull();
    expect(node.object.namespace).toBeNull();
    expect(node.object.cluster).toBe('prod-eu-west-1');
    const cm = doc.findings.find((f: { object: { kind: string } }) => f.object.kind === 'ConfigMap');
    expect('cluster' in cm.object).toBe(false);
    expect('ipFamily' in cm).toBe(false);
  });

  it('is deterministic: 2-space indent, trailing newline, no timestamps, no undefined', () => {
    const out = render();
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toMatch(/^ {2}"tool"/);
    expect(render(structuredClone(canonical))).toBe(out);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(out).not.toContain('undefined');
  });

  it('gives every finding its fix and where to read about its rule', () => {
    const doc = JSON.parse(render());
    expect(doc.findings.map((f: { fix: string }) => f.fix)).toEqual(canonical.findings.map((f) => f.fix));
    expect(doc.findings[0].help).toBe('dsaudit explain cluster-not-dual-stack');
    const linked = JSON.parse(formatJson(canonical, { color: false, links: { version: '1.2.3', tree: 'https://github.com/o/d/blob/v1.2.3' } }));
    expect(linked.findings[0].help).toBe('https://github.com/o/d/blob/v1.2.3/docs/rules/cluster-not-dual-stack.md');
  });
});
