/** RuleTester: runs one rule on inline objects or fixture files and demands exact findings (ESLint-grade strictness). */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Rule, Severity } from '../../src/rule-contract/define-rule.js';
import { draftSeverity, runRule } from '../../src/engine/run.js';
import { configDocumentRef, normalize } from '../../src/model/normalize.js';
import { FieldReader } from '../../src/model/reader.js';
import { displayRef } from '../../src/model/objects.js';
import { objectsOf } from '../../src/model/collections.js';
import type { ClusterModel, Family, ScenarioTarget } from '../../src/model/types.js';
import { requestStack } from '../../src/model/scenario.js';
import { parseManifestText } from '../../src/sources/manifests.js';
import type { RawObject } from '../../src/model/input.js';

export const ROOT = join(import.meta.dirname, '..', '..');

export interface CaseOptions {
  /** `--target`, including the what-if targets `ipv6-primary` and `ipv6-only`. */
  readonly target?: ScenarioTarget;
  /** `--rollback-to`: the family kept. */
  readonly rollbackTo?: Family;
  /** `--new-primary`. */
  readonly newPrimary?: Family;
  readonly serviceCidrs?: readonly string[];
  readonly podCidrs?: readonly string[];
  /** `externalNetworks:` entries as in `.dsaudit.yaml`. */
  readonly externalNetworks?: readonly { readonly name?: string; readonly cidr: string; readonly severity?: Severity }[];
}

export interface Expectation {
  readonly messageId: string;
  /** `Kind namespace/name` or `Kind name`. */
  readonly object: string;
  readonly severity?: Severity;
  readonly path?: string;
  /** The finding's fix as the engine reports it (the rule's remediation when the rule gives none). */
  readonly fix?: string;
  /** A heuristic rule's confidence in the finding. */
  readonly confidence?: string;
}

export interface ValidCase extends CaseOptions {
  readonly name: string;
  readonly objects: readonly Record<string, unknown>[];
}

export interface InvalidCase extends ValidCase {
  readonly expect: readonly Expectation[];
}

export interface NotAssessedCase extends ValidCase {
  readonly notAssessed: true;
}

/** Turns plain objects into raw objects as a file source would. */
export function rawObjects(objects: readonly Record<string, unknown>[], file = 'inline.yaml'): RawObject[] {
  return objects.map((body, i) => ({
    apiVersion: String(body.apiVersion ?? ''),
    kind: String(body.kind ?? ''),
    body,
    origin: { kind: 'file', file, docIndex: i, position: { line: 1, column: 1 } },
  }));
}

export function modelOf(raw: readonly RawObject[], opts: CaseOptions = {}): ClusterModel {
  const scenario = { target: opts.target ?? 'dual', ...(opts.rollbackTo ? { rollbackTo: opts.rollbackTo } : {}), ...(opts.newPrimary ? { newPrimary: opts.newPrimary } : {}) } as const;
  const { model, errors } = normalize(raw, {
    target: requestStack(scenario, opts.target !== undefined),
    scenario,
    overrides: {
      serviceCidrs: opts.serviceCidrs ?? [],
      podCidrs: opts.podCidrs ?? [],
      externalNetworks: (opts.externalNetworks ?? []).map((e) => ({ ...e, source: '.dsaudit.yaml' })),
    },
  });
  expect(errors, 'test objects must be well-formed').toEqual([]);
  return model;
}

/** Wraps a model so every top-level collection the rule reads is recorded (Istio's CheckMetadataInputs). */
function recording(model: ClusterModel, reads: Set<string>): ClusterModel {
  return new Proxy(model, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !['target', 'scenario', 'availability', 'cluster'].includes(prop)) reads.add(prop);
      return Reflect.get(target, prop, receiver);
    },
  });
}

type Outcome = { kind: 'findings'; list: Expectation[] } | { kind: 'notAssessed'; reason: string };

function execute(rule: Rule, model: ClusterModel, reads: Set<string>): Outcome {
  const missing =
    rule.meta.requires.find((r) => model.availability[r].status !== 'present') ??
    rule.meta.uses?.find((r) => model.availability[r].status === 'forbidden');
  if (missing || (rule.meta.targets && !rule.meta.targets.includes(model.target))) return { kind: 'notAssessed', reason: missing ?? 'target' };
  const outcome = runRule(rule, recording(model, reads));
  if (outcome.kind === 'failed') throw new Error(`rule failed: ${outcome.message}`);
  if (outcome.kind === 'notAssessed') return { kind: 'notAssessed', reason: outcome.reason };
  return {
    kind: 'findings',
    list: outcome.drafts.map((d) => ({ messageId: d.messageId, object: displayRef(d.object.ref), severity: draftSeverity(rule.meta, d, model), path: d.path, fix: d.fix ?? rule.meta.remediation, ...(d.confidence ? { confidence: d.confidence } : {}) })),
  };
}

function sortExp(list: readonly Expectation[]): Expectation[] {
  return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function pick(actual: Expectation, wanted: Expectation): Expectation {
  return {
    messageId: actual.messageId,
    object: actual.object,
    ...(wanted.severity !== undefined ? { severity: actual.severity } : {}),
    ...(wanted.path !== undefined ? { path: actual.path } : {}),
    ...(wanted.fix !== undefined ? { fix: actual.fix } : {}),
    ...(wanted.confidence !== undefined ? { confidence: actual.confidence } : {}),
  };
}

/** Matches actual findings to expectations as a set; only the fields an expectation names are compared. */
function assertFindings(actual: readonly Expectation[], wanted: readonly Expectation[]): void {
  expect(actual.length, `findings: ${JSON.stringify(actual)}`).toBe(wanted.length);
  const remaining = [...actual];
  for (const w of sortExp(wanted)) {
    const idx = remaining.findIndex((a) => JSON.stringify(pick(a, w)) === JSON.stringify(w));
    expect(idx, `expected ${JSON.stringify(w)} among ${JSON.stringify(remaining)}`).toBeGreaterThanOrEqual(0);
    remaining.splice(idx, 1);
  }
}

export interface RuleTests {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
  readonly notAssessed?: readonly NotAssessedCase[];
}

/** Registers the cases plus the meta checks: unique names, every messageId hit, reads === requires. */
export function runRuleTests(rule: Rule, tests: RuleTests): void {
  const reads = new Set<string>();
  const hit = new Set<string>();
  const names = [...tests.valid, ...tests.invalid, ...(tests.notAssessed ?? [])].map((c) => c.name);
  describe(`${rule.meta.id} (${rule.meta.code})`, () => {
    it('has unique case names and at least one valid and one invalid case', () => {
      expect(new Set(names).size).toBe(names.length);
      expect(tests.valid.length).toBeGreaterThan(0);
      expect(tests.invalid.length).toBeGreaterThan(0);
    });
    for (const c of tests.valid) {
      it(`valid: ${c.name}`, () => {
        const out = execute(rule, modelOf(rawObjects(c.objects), c), reads);
        expect(out).toEqual({ kind: 'findings', list: [] });
      });
    }
    for (const c of tests.invalid) {
      it(`invalid: ${c.name}`, () => {
        expect(c.expect.length, 'an invalid case lists at least one expectation').toBeGreaterThan(0);
        const out = execute(rule, modelOf(rawObjects(c.objects), c), reads);
        expect(out.kind).toBe('findings');
        if (out.kind !== 'findings') return;
        assertFindings(out.list, c.expect);
        for (const f of out.list) hit.add(f.messageId);
      });
    }
    for (const c of tests.notAssessed ?? []) {
      it(`not assessed: ${c.name}`, () => {
        expect(execute(rule, modelOf(rawObjects(c.objects), c), reads).kind).toBe('notAssessed');
      });
    }
    fixtureTests(rule, reads, hit);
    afterAll(() => {
      expect([...hit].sort(), 'every messageId is exercised by an invalid case').toEqual(Object.keys(rule.meta.messages).sort());
      const declared = [...rule.meta.requires, ...(rule.meta.uses ?? [])].filter((r) => reads.size > 0 || r !== 'clusterNetwork');
      expect([...reads].sort(), 'collections read equal meta.requires + meta.uses').toEqual([...new Set(declared)].sort());
    });
  });
}

const MARKER = /#\s*expect:\s*([\w, ]+)\s*$/;

/** Header comments: `# cluster: <fixture cluster>` layers a cluster snapshot; `# options: {json}`. */
function fixtureHeader(text: string): { cluster?: string; options: CaseOptions } {
  let cluster: string | undefined;
  let options: CaseOptions = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    const c = /^#\s*cluster:\s*(\S+)/.exec(line);
    if (c) cluster = c[1];
    const o = /^#\s*options:\s*(\{.*\})\s*$/.exec(line);
    if (o) options = JSON.parse(o[1]);
  }
  return { cluster, options };
}

/** Expected findings from `# expect: id` markers on `name:` lines, paired with the object of that document. */
function markers(raw: readonly RawObject[], text: string): Expectation[] {
  const lines = text.split('\n');
  const out: Expectation[] = [];
  const starts = raw.map((r) => (r.origin.kind === 'file' ? r.origin.position.line : 0));
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m || !/^\s*name:/.test(line)) return;
    const lineNo = i + 1;
    let owner = -1;
    starts.forEach((s, idx) => { if (s <= lineNo && (owner < 0 || s >= starts[owner])) owner = idx; });
    expect(owner, `marker on line ${lineNo} belongs to an object`).toBeGreaterThanOrEqual(0);
    const ref = normalize([raw[owner]], { target: 'dual' }).model;
    const obj = objectsOf(ref)[0];
    const display = displayRef(obj ? obj.ref : configDocumentRef(raw[owner], new FieldReader(raw[owner], ''), { defaultNamespace: 'default' }));
    for (const id of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push({ messageId: id, object: display });
  });
  return out;
}

export function loadClusterFixture(name: string): RawObject[] {
  const dir = join(ROOT, 'fixtures', 'clusters', name);
  const out: RawObject[] = [];
  for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x) && !x.startsWith('expected')).sort()) {
    const parsed = parseManifestText(readFileSync(join(dir, f), 'utf8'), `fixtures/clusters/${name}/${f}`);
    expect(parsed.errors).toEqual([]);
    out.push(...parsed.objects);
  }
  return out;
}

function fixtureTests(rule: Rule, reads: Set<string>, hit: Set<string>): void {
  const dir = join(ROOT, 'fixtures', 'rules', rule.meta.id);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^(pass|fail)-.*\.ya?ml$/.test(f)).sort() : [];
  for (const f of files) {
    it(`fixture: ${f}`, () => {
      const text = readFileSync(join(dir, f), 'utf8');
      const parsed = parseManifestText(text, `fixtures/rules/${rule.meta.id}/${f}`);
      expect(parsed.errors).toEqual([]);
      const header = fixtureHeader(text);
      const base = header.cluster ? loadClusterFixture(header.cluster) : [];
      const wanted = markers(parsed.objects, text);
      if (f.startsWith('pass-')) expect(wanted, 'a pass- fixture has no expect markers').toEqual([]);
      else expect(wanted.length, 'a fail- fixture has expect markers').toBeGreaterThan(0);
      const out = execute(rule, modelOf([...base, ...parsed.objects], header.options), reads);
      expect(out.kind).toBe('findings');
      if (out.kind !== 'findings') return;
      assertFindings(out.list, wanted);
      for (const x of out.list) hit.add(x.messageId);
    });
  }
}
