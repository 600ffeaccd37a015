/** FleetRuleTester: runs a cross-cluster rule over several clusters, each normalized into its own model. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FleetRule, Severity } from '../../src/rule-contract/define-rule.js';
import { runFleetRule, type RuleOutcome } from '../../src/engine/run.js';
import { normalize } from '../../src/model/normalize.js';
import { displayRef } from '../../src/model/objects.js';
import { objectsOf } from '../../src/model/collections.js';
import type { ClusterModel, ObjectRef } from '../../src/model/types.js';
import { parseManifestText } from '../../src/sources/manifests.js';
import type { RawObject } from '../../src/model/input.js';
import { ROOT } from './rule-tester.js';

/** `cluster: Kind ns/name`, the display fleet expectations use. */
export function fleetRef(ref: ObjectRef): string {
  return `${ref.cluster ?? 'input'}: ${displayRef(ref)}`;
}

export interface FleetExpectation {
  readonly messageId: string;
  /** `cluster: Kind namespace/name`. */
  readonly object: string;
  readonly severity?: Severity;
}

export interface FleetCase {
  readonly name: string;
  /** Objects per cluster name (kubeconfig context); each cluster becomes its own model. */
  readonly clusters: Readonly<Record<string, readonly Record<string, unknown>[]>>;
  /** `true`: every pair is connected (`--connected`); a list: `clusters:` groups of the config. */
  readonly connected?: boolean | readonly (readonly string[])[];
}

export interface FleetInvalidCase extends FleetCase {
  readonly expect: readonly FleetExpectation[];
  /** Clusters the rule reports as not assessed while still checking the others. */
  readonly notAssessedIn?: readonly string[];
}

/** Raw objects of one cluster, as a snapshot of that cluster would give them (file origin, cluster label). */
export function clusterRaw(cluster: string, objects: readonly Record<string, unknown>[]): RawObject[] {
  return objects.map((body, i) => ({
    apiVersion: String(body.apiVersion ?? ''),
    kind: String(body.kind ?? ''),
    body,
    origin: { kind: 'file', file: `${cluster}.yaml`, docIndex: i, position: { line: 1, column: 1 }, cluster },
  }));
}

export function fleetModels(byCluster: ReadonlyMap<string, readonly RawObject[]>): ClusterModel[] {
  return [...byCluster].map(([cluster, raw]) => {
    const { model, errors } = normalize(raw, { target: 'dual', cluster });
    expect(errors, 'test objects must be well-formed').toEqual([]);
    return model;
  });
}

function connectedFn(spec: FleetCase['connected']): (a: ClusterModel, b: ClusterModel) => boolean {
  if (spec === true) return () => true;
  const groups = Array.isArray(spec) ? spec : [];
  return (a, b) => groups.some((g) => g.includes(a.cluster ?? '') && g.includes(b.cluster ?? ''));
}

/** Wraps models so the collections a rule reads are recorded. */
function recording(model: ClusterModel, reads: Set<string>): ClusterModel {
  return new Proxy(model, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && !['target', 'scenario', 'availability', 'cluster'].includes(prop)) reads.add(prop);
      return Reflect.get(target, prop, receiver);
    },
  });
}

export function runFleet(rule: FleetRule, models: readonly ClusterModel[], connected: FleetCase['connected'], reads = new Set<string>()): RuleOutcome {
  const outcome = runFleetRule(rule, models.map((m) => recording(m, reads)), connectedFn(connected));
  if (outcome.kind === 'failed') throw new Error(`rule failed: ${outcome.message}`);
  return outcome;
}

function found(rule: FleetRule, outcome: RuleOutcome): FleetExpectation[] {
  if (outcome.kind !== 'ran') return [];
  return outcome.drafts.map((d) => ({ messageId: d.messageId, object: fleetRef(d.object.ref), severity: d.severity ?? rule.meta.defaultSeverity }));
}

function assertFound(actual: readonly FleetExpectation[], wanted: readonly FleetExpectation[]): void {
  const pick = (a: FleetExpectation, w: FleetExpectation) => ({ messageId: a.messageId, object: a.object, ...(w.severity ? { severity: a.severity } : {}) });
  expect(actual.length, `findings: ${JSON.stringify(actual)}`).toBe(wanted.length);
  const remaining = [...actual];
  for (const w of wanted) {
    const i = remaining.findIndex((a) => JSON.stringify(pick(a, w)) === JSON.stringify(w));
    expect(i, `expected ${JSON.stringify(w)} among ${JSON.stringify(remaining)}`).toBeGreaterThanOrEqual(0);
    remaining.splice(i, 1);
  }
}

const CONTEXT = /^#\s*context:\s*(\S+)\s*$/;
const CONNECTED = /^#\s*connected:\s*(.+?)\s*$/;
const EXPECT = /#\s*expect:\s*([\w, ]+)\s*$/;

/** A multi-cluster manifest text: `# context: NAME` lines start each cluster's objects; `# connected: a, b` declares a group. */
export interface FleetText {
  readonly byCluster: Map<string, RawObject[]>;
  readonly connected: string[][];
  /** `# expect: messageId` markers on `name:` lines, with the object they sit in. */
  readonly expected: FleetExpectation[];
}

export function parseFleetText(text: string, file: string): FleetText {
  const lines = text.split('\n');
  const contexts: { line: number; name: string }[] = [];
  const connected: string[][] = [];
  lines.forEach((l, i) => {
    const c = CONTEXT.exec(l);
    if (c) contexts.push({ line: i + 1, name: c[1] });
    const g = CONNECTED.exec(l);
    if (g) connected.push(g[1].split(',').map((s) => s.trim()).filter(Boolean));
  });
  const parsed = parseManifestText(text, file);
  expect(parsed.errors).toEqual([]);
  const clusterAt = (line: number): string => {
    const c = contexts.filter((x) => x.line <= line).at(-1);
    expect(c, `${file}:${line}: object before any "# context: NAME" line`).toBeDefined();
    return c!.name;
  };
  const byCluster = new Map<string, RawObject[]>();
  const starts: number[] = [];
  const labelled = parsed.objects.map((raw) => {
    const origin = raw.origin;
    if (origin.kind !== 'file') throw new Error('file origin expected');
    const line = origin.position.line;
    starts.push(line);
    const cluster = clusterAt(line);
    const copy: RawObject = { ...raw, origin: { kind: 'file', file: origin.file, docIndex: origin.docIndex, position: origin.position, ...(origin.locator ? { locator: origin.locator } : {}), cluster } };
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), copy]);
    return copy;
  });
  const expected: FleetExpectation[] = [];
  lines.forEach((l, i) => {
    const m = EXPECT.exec(l);
    if (!m || !/^\s*name:/.test(l)) return;
    let owner = -1;
    starts.forEach((s, idx) => { if (s <= i + 1 && (owner < 0 || s >= starts[owner])) owner = idx; });
    expect(owner, `${file}:${i + 1}: marker belongs to an object`).toBeGreaterThanOrEqual(0);
    const raw = labelled[owner];
    const m1 = normalize([raw], { target: 'dual', cluster: clusterAt(starts[owner]) }).model;
    const obj = objectsOf(m1)[0];
    const ref = obj?.ref ?? { apiVersion: raw.apiVersion, kind: raw.kind, name: String((raw.body.metadata as { name?: string })?.name), cluster: clusterAt(starts[owner]) };
    for (const id of m[1].split(',').map((s) => s.trim()).filter(Boolean)) expected.push({ messageId: id, object: fleetRef(ref) });
  });
  return { byCluster, connected, expected };
}

/** Registers valid/invalid cases and the `fixtures/rules/<id>/{pass,fail}-*.yaml` fixtures of a fleet rule. */
export function runFleetRuleTests(rule: FleetRule, tests: { valid: readonly FleetCase[]; invalid: readonly FleetInvalidCase[] }): void {
  const reads = new Set<string>();
  const hit = new Set<string>();
  const models = (c: FleetCase) => fleetModels(new Map(Object.entries(c.clusters).map(([k, v]) => [k, clusterRaw(k, v)])));
  describe(`${rule.meta.id} (${rule.meta.code})`, () => {
    it('has unique case names and at least one valid and one invalid case', () => {
      const names = [...tests.valid, ...tests.invalid].map((c) => c.name);
      expect(new Set(names).size).toBe(names.length);
      expect(tests.valid.length).toBeGreaterThan(0);
      expect(tests.invalid.length).toBeGreaterThan(0);
    });
    for (const c of tests.valid) {
      it(`valid: ${c.name}`, () => {
        const outcome = runFleet(rule, models(c), c.connected, reads);
        expect(outcome).toEqual({ kind: 'ran', drafts: [] });
      });
    }
    for (const c of tests.invalid) {
      it(`invalid: ${c.name}`, () => {
        const outcome = runFleet(rule, models(c), c.connected, reads);
        expect(outcome.kind).toBe('ran');
        const list = found(rule, outcome);
        assertFound(list, c.expect);
        for (const f of list) hit.add(f.messageId);
        const skipped = outcome.kind === 'ran' ? (outcome.skipped ?? []).map((s) => s.cluster) : [];
        expect(skipped).toEqual([...(c.notAssessedIn ?? [])]);
      });
    }
    const dir = join(ROOT, 'fixtures', 'rules', rule.meta.id);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^(pass|fail)-.*\.ya?ml$/.test(f)).sort() : [];
    for (const f of files) {
      it(`fixture: ${f}`, () => {
        const fleet = parseFleetText(readFileSync(join(dir, f), 'utf8'), `fixtures/rules/${rule.meta.id}/${f}`);
        if (f.startsWith('pass-')) expect(fleet.expected, 'a pass- fixture has no expect markers').toEqual([]);
        else expect(fleet.expected.length, 'a fail- fixture has expect markers').toBeGreaterThan(0);
        const outcome = runFleet(rule, fleetModels(fleet.byCluster), fleet.connected, reads);
        expect(outcome.kind).toBe('ran');
        const list = found(rule, outcome);
        assertFound(list, fleet.expected);
        for (const x of list) hit.add(x.messageId);
      });
    }
    afterAll(() => {
      expect([...hit].sort(), 'every messageId is exercised by an invalid case').toEqual(Object.keys(rule.meta.messages).sort());
      expect([...reads].sort(), 'collections read equal meta.requires').toEqual([...rule.meta.requires].sort());
    });
  });
}
