import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { RuleMeta } from '../../src/rule-contract/define-rule.js';
import type { AuditResult, Finding } from '../../src/engine/result.js';
import { pascalCase, toSarifDescriptor } from '../../src/report/rule-descriptor.js';
import { artifactLocation, formatSarif } from '../../src/report/sarif.js';
import { projectLinks } from '../../src/report/links.js';
import type { FormatContext } from '../../src/report/types.js';
import { canonical, cleanResult } from '../helpers/report-fixtures.js';

const clean = cleanResult();
const render = (r: AuditResult, ctx: FormatContext = { color: false }) => formatSarif(r, ctx);
const parse = (r: AuditResult) => JSON.parse(render(r)) as Sarif.Log;
const run = (r: AuditResult) => parse(r).runs[0];
const results = (r: AuditResult) => run(r).results ?? [];

describe('sarif formatter', () => {
  it('matches the golden file', async () => {
    await expect(render(canonical)).toMatchFileSnapshot('../../fixtures/report/expected.sarif');
  });

  it('is SARIF 2.1.0 with a schema and one run', () => {
    const log = parse(canonical);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver).toMatchObject({ name: 'dsaudit', version: '0.1.0', semanticVersion: '0.1.0' });
  });

  it('always has a results array, empty when clean', () => {
    expect(run(clean).results).toEqual([]);
    expect(run(clean).tool.driver.rules).toHaveLength(canonical.rules.length);
  });

  it('keeps every finding, suppressed and baselined included', () => {
    expect(results(canonical)).toHaveLength(canonical.findings.length);
  });

  it('lists driver rules sorted by id, and every result points at its rule by id and index', () => {
    const r = run({ ...canonical, rules: [...canonical.rules].reverse() });
    const rules = r.tool.driver.rules ?? [];
    expect(rules.map((d) => d.id)).toEqual(canonical.rules.map((m) => m.id).sort());
    for (const res of r.results ?? []) {
      expect(res.ruleIndex).toBeTypeOf('number');
      expect(rules[res.ruleIndex!].id).toBe(res.ruleId);
    }
  });

  it('uses only SARIF levels and maps info to note', () => {
    const levels = results(canonical).map((r) => r.level);
    for (const l of levels) expect(['none', 'note', 'warning', 'error']).toContain(l);
    expect(levels).toContain('note');
    expect(results(canonical).find((r) => r.ruleId === 'exposed-service-single-stack')?.level).toBe('note');
  });

  it('gives file findings a relative physical location and cluster findings logical locations only', () => {
    canonical.findings.forEach((f, i) => {
      const loc = results(canonical)[i].locations![0];
      expect(loc.logicalLocations?.[0].kind).toBe('object');
      if (f.location) {
        expect(loc.physicalLocation?.artifactLocation).toMatchObject({ uriBaseId: '%SRCROOT%' });
        expect(loc.physicalLocation?.artifactLocation?.uri).not.toMatch(/^(\/|file:)/);
        expect(loc.physicalLocation?.region).toEqual({ startLine: f.location.line, startColumn: f.location.column });
      } else {
        expect(loc.physicalLocation).toBeUndefined();
      }
    });
    const node = results(canonical).find((r) => r.ruleId === 'node-pod-cidrs-missing-family')!;
    expect(node.locations![0].logicalLocations![0]).toMatchObject({
      name: 'ip-10-0-3-17.eu-west-1.compute.internal',
      fullyQualifiedName: 'prod-eu-west-1/Node/ip-10-0-3-17.eu-west-1.compute.internal',
    });
    const web = results(canonical).find((r) => r.locations?.[0].logicalLocations?.[0].name === 'web')!;
    expect(web.locations![0].logicalLocations![0].fullyQualifiedName).toBe('default/Service/web');
  });

  it('turns file paths into URI references', () => {
    expect(artifactLocation('manifests/zahlungs dienste/größe.yaml')).toEqual({ uri: 'manifests/zahlungs%20dienste/gr%C3%B6%C3%9Fe.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('.\\apps\\web.yaml')).toEqual({ uri: 'apps/web.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/x.yaml')).toEqual({ uri: 'file:///srv/x.yaml' });
    expect(artifactLocation('C:\\work\\x.yaml')).toEqual({ uri: 'file:///C:/work/x.yaml' });
    expect(artifactLocation('<stdin>')).toBeUndefined();
  });

  it('marks suppressions (annotation → inSource, config → external) and baselined findings', () => {
    const byName = (n: string) => results(canonical).find((r) => r.locations?.[0].logicalLocations?.[0].name === n)!;
    expect(byName('metrics-server').suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'metrics-server is only scraped by the IPv4 API server' }]);
    expect(byName('prometheus').suppressions?.[0]).toMatchObject({ kind: 'external', status: 'accepted' });
    expect(byName('web').suppressions).toBeUndefined();
    expect(byName('payments-settlement-reconciliation-worker-eu-central-1-canary-b').baselineState).toBe('unchanged');
    expect(byName('web').baselineState).toBe('new');
    const noBaseline = { ...canonical, findings: canonical.findings.map((f) => ({ ...f, baselined: false })) };
    for (const r of results(noBaseline)) expect(r.baselineState).toBeUndefined();
  });

  it('carries the engine fingerprint as a partial fingerprint', () => {
    expect(results(canonical).map((r) => r.partialFingerprints?.['dsaudit/v1'])).toEqual(canonical.findings.map((f) => f.fingerprint));
  });

  it('reports not-assessed rules, tool notifications and input errors as tool execution notifications', () => {
    const inv = run(canonical).invocations![0];
    expect(inv.executionSuccessful).toBe(false);
    const notes = inv.toolExecutionNotifications ?? [];
    const notAssessed = notes.filter((n) => n.descriptor?.id === 'not-assessed');
    expect(notAssessed.map((n) => n.associatedRule?.id)).toEqual(['service-endpoints-missing-family']);
    expect(notAssessed[0].level).toBe('warning');
    const inputErrors = notes.filter((n) => n.descriptor?.id === 'input-error');
    expect(inputErrors).toHaveLength(2);
    expect(inputErrors[0].locations?.[0].physicalLocation?.artifactLocation?.uri).toBe('manifests/broken.yaml');
    expect(inputErrors[1].locations).toBeUndefined();
    expect(notes.filter((n) => !n.descriptor).map((n) => n.message.text)).toHaveLength(canonical.notifications.length);
    const descriptors = run(canonical).tool.driver.notifications ?? [];
    for (const n of notes) if (n.descriptor) expect(descriptors[n.descriptor.index!].id).toBe(n.descriptor.id);
    expect(run(clean).invocations![0]).toEqual({ executionSuccessful: true });
  });

  it('carries coverage and the audited clusters in run properties, only for live and snapshot runs', () => {
    const props = run(canonical).properties as Record<string, unknown>;
    expect(props.coverageComplete).toBe(false);
    expect(props.clusters).toEqual([{ name: 'prod-eu-west-1', stack: 'ipv4' }]);
    const coverage = props.coverage as { cluster: string; collection: string; status: string; reason?: string }[];
    expect(coverage).toHaveLength(canonical.coverage.length);
    expect(coverage.find((c) => c.collection === 'endpointSlices')).toMatchObject({ cluster: 'prod-eu-west-1', status: 'forbidden' });
    expect(coverage.find((c) => c.collection === 'nodes')).toEqual({ cluster: 'prod-eu-west-1', collection: 'nodes', status: 'present' });
    const manifests = run({ ...clean, coverage: [], clusters: [] }).properties as Record<string, unknown>;
    expect(Object.keys(manifests)).toEqual(['target', 'clusterStack']);
  });

  it('names the cluster of a rule not assessed in one cluster of several', () => {
    const notes = run({ ...clean, notAssessed: [{ ruleId: 'service-single-stack', code: 'DS101', reason: 'services is forbidden', cluster: 'prod-west' }] }).invocations![0].toolExecutionNotifications ?? [];
    expect(notes[0].message.text).toBe('Rule service-single-stack (DS101) was not assessed in cluster prod-west: services is forbidden.');
  });

  it('is deterministic and independent of input object identity and rule order', () => {
    const out = render(canonical);
    expect(render(structuredClone(canonical))).toBe(out);
    const shuffled: AuditResult = {
      ...structuredClone(canonical),
      rules: [...canonical.rules].reverse(),
      findings: [...canonical.findings].reverse().sort((a: Finding, b: Finding) => canonical.findings.indexOf(a) - canonical.findings.indexOf(b)),
    };
    expect(render(shuffled)).toBe(out);
    expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
    expect(out).not.toMatch(/"(\/|file:)/);
  });
});

describe('rule descriptor', () => {
  const meta = canonical.rules.find((r) => r.id === 'service-single-stack') as RuleMeta;

  it('maps RuleMeta fields one to one', () => {
    const links = projectLinks({ repository: 'github:acme/dsaudit' }, '1.2.3');
    const helpUri = 'https://github.com/acme/dsaudit/blob/v1.2.3/docs/rules/service-single-stack.md';
    const d = toSarifDescriptor(meta, links);
    expect(d).toMatchObject({
      id: 'service-single-stack',
      name: 'ServiceSingleStack',
      shortDescription: { text: meta.title },
      fullDescription: { text: meta.description },
      helpUri,
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['single-stack', 'dual-stack'], code: 'DS101', family: 'single-stack' },
    });
    expect(d.help?.text).toContain(meta.rationale);
    expect(d.help?.text).toContain(meta.remediation);
    expect(d.help?.markdown).toContain(`](${helpUri})`);
    expect(d.help?.markdown).toContain('## How to fix');
  });

  it('without a repository in package.json has no helpUri and points to dsaudit explain', () => {
    const d = toSarifDescriptor(meta, projectLinks({}, '1.2.3'));
    expect(d).not.toHaveProperty('helpUri');
    expect(d.help?.text).toContain('dsaudit explain DS101');
    expect(d.help?.markdown).toContain('`dsaudit explain DS101`');
    expect(JSON.stringify(d)).not.toMatch(/https?:/);
  });

  it('takes informationUri and rule links from the links it is given, and none without', () => {
    const withLinks = JSON.parse(render(canonical, { color: false, links: projectLinks({ homepage: 'https://dsaudit.example.org/' , repository: { type: 'git', url: 'git+https://gitlab.com/acme/tools.git', directory: 'packages/dsaudit' } }, '0.1.0') }));
    const driver = withLinks.runs[0].tool.driver;
    expect(driver.informationUri).toBe('https://dsaudit.example.org');
    expect(driver.rules[0].helpUri).toBe(`https://gitlab.com/acme/tools/blob/v0.1.0/packages/dsaudit/docs/rules/${driver.rules[0].id}.md`);
    const without = JSON.parse(render(canonical)).runs[0].tool.driver;
    expect(without).not.toHaveProperty('informationUri');
    expect(without.rules.every((r: { helpUri?: string }) => r.helpUri === undefined)).toBe(true);
  });

  it('maps severities to SARIF levels', () => {
    expect(toSarifDescriptor({ ...meta, defaultSeverity: 'info' }).defaultConfiguration?.level).toBe('note');
    expect(toSarifDescriptor({ ...meta, defaultSeverity: 'error' }).defaultConfiguration?.level).toBe('error');
  });

  it('PascalCases ids', () => {
    expect(pascalCase('node-pod-cidrs-missing-family')).toBe('NodePodCidrsMissingFamily');
  });
});
