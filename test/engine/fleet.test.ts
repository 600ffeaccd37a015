import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText, resolveConfig, type EffectiveConfig } from '../../src/engine/config.js';
import { defineRule, isFleetRule, type Rule } from '../../src/rule-contract/define-rule.js';
import { Registry } from '../../src/engine/registry.js';
import { connectedBy, runAudit, runRule } from '../../src/engine/run.js';
import { normalize } from '../../src/model/normalize.js';
import type { ClusterModel } from '../../src/model/types.js';
import { formatJson } from '../../src/report/json.js';
import type { Availability, CollectionName } from '../../src/model/input.js';
import { kubeadmConfigMap, node, svc } from '../helpers/builders.js';
import { clusterRaw } from '../helpers/fleet-tester.js';

/** A cluster rule: one finding per single-stack Service. */
const perService = defineRule({
  id: 'test-service-single-stack',
  code: 'DS901',
  title: 'Test',
  description: 'Test.',
  rationale: 'Test.',
  remediation: 'Test.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services'],
  sources: ['test'],
  messages: { single: (d: { name: string }) => `Service ${d.name} is single-stack` },
  *check(ctx) {
    for (const s of ctx.model.services) if (s.ipFamilyPolicy === 'SingleStack') yield ctx.finding(s, 'single', { name: s.ref.name });
  },
});

/** A fleet rule: one finding per pair of clusters, on the later one, error when connected. */
const pairs = defineRule({
  id: 'test-cluster-pairs',
  code: 'DS902',
  title: 'Test',
  description: 'Test.',
  rationale: 'Test.',
  remediation: 'Test.',
  family: 'cidr',
  defaultSeverity: 'warning',
  requires: ['nodes'],
  scope: 'fleet',
  sources: ['test'],
  messages: { pair: (d: { other: string }) => `paired with ${d.other}` },
  *check(ctx) {
    for (let i = 0; i < ctx.clusters.length; i++) {
      for (let j = 0; j < i; j++) {
        const [a, b] = [ctx.clusters[j], ctx.clusters[i]];
        const anchor = b.nodes[0];
        if (!anchor) {
          ctx.notAssessedIn(b, 'no node to anchor on');
          continue;
        }
        yield ctx.finding(anchor, 'pair', { other: a.cluster ?? '' }, { severity: ctx.connected(a, b) ? 'error' : 'warning', key: a.cluster });
      }
    }
  },
});

const failing = defineRule({
  id: 'test-fleet-throws',
  code: 'DS903',
  title: 'Test',
  description: 'Test.',
  rationale: 'Test.',
  remediation: 'Test.',
  family: 'cidr',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  scope: 'fleet',
  sources: ['test'],
  messages: { never: () => 'never' },
  *check() {
    throw new Error('boom');
  },
});

const RULES = [perService, pairs, failing] as Rule[];

function config(extra: Partial<EffectiveConfig> = {}): EffectiveConfig {
  return { ...resolveConfig(new Registry(RULES), {}, {}), ...extra };
}

function cluster(name: string, objects: Record<string, unknown>[], availability?: Partial<Record<CollectionName, Availability>>): ClusterModel {
  return normalize(clusterRaw(name, objects), { target: 'dual', cluster: name, ...(availability ? { availability } : {}) }).model;
}

const east = () => cluster('prod-east', [node('e1', ['10.244.1.0/24']), svc({ name: 'web' }), kubeadmConfigMap('10.244.0.0/16,fd00::/56', '10.96.0.0/16,fd01::/112')]);
const west = () => cluster('prod-west', [node('w1', ['10.244.1.0/24']), svc({ name: 'api', policy: 'PreferDualStack' })]);
const forbidden: Availability = { status: 'forbidden', reason: 'services is forbidden: cannot list resource "services"' };
const locked = () => cluster('locked', [node('l1', [])], { services: forbidden });

describe('fleet rules', () => {
  it('are declared with scope fleet', () => {
    expect(isFleetRule(pairs)).toBe(true);
    expect(isFleetRule(perService)).toBe(false);
    expect(pairs.meta.scope).toBe('fleet');
  });

  it('do not run, and are not listed, when there is only one cluster', () => {
    const result = runAudit({ model: east(), rules: RULES, config: config() });
    expect(result.rules.map((r) => r.id)).toEqual(['test-service-single-stack']);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['test-service-single-stack']);
  });

  it('see every cluster at once; connected pairs come from clusters groups or --connected', () => {
    const models = [west(), east()];
    const apart = runAudit({ models, rules: [pairs], config: config() });
    expect(apart.findings.map((f) => [f.object.cluster, f.message, f.severity])).toEqual([['prod-west', 'paired with prod-east', 'warning']]);
    const grouped = runAudit({ models, rules: [pairs], config: config({ clusterGroups: [{ name: 'prod', members: ['prod-east', 'prod-west'] }] }) });
    expect(grouped.findings.map((f) => f.severity)).toEqual(['error']);
    const other = runAudit({ models, rules: [pairs], config: config({ clusterGroups: [{ name: 'eu', members: ['prod-east', 'staging'] }] }) });
    expect(other.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(runAudit({ models, rules: [pairs], config: config({ connected: true }) }).findings.map((f) => f.severity)).toEqual(['error']);
  });

  it('leave out clusters missing an input, and report them as not assessed there', () => {
    const noNodes = cluster('bare', [svc({ name: 'x' })]);
    const result = runAudit({ models: [east(), noNodes, west()], rules: [pairs], config: config() });
    expect(result.notAssessed).toEqual([{ ruleId: 'test-cluster-pairs', code: 'DS902', reason: 'no Node objects in the input', cause: 'missing', cluster: 'bare' }]);
    expect(result.findings).toHaveLength(1);
  });

  it('can report one cluster as not assessed and go on', () => {
    const empty = cluster('zz-empty', [], { nodes: { status: 'present' } });
    const result = runAudit({ models: [east(), empty], rules: [pairs], config: config() });
    expect(result.notAssessed).toEqual([{ ruleId: 'test-cluster-pairs', code: 'DS902', reason: 'no node to anchor on', cause: 'undeclared', cluster: 'zz-empty' }]);
  });

  it('are isolated when they throw', () => {
    const result = runAudit({ models: [east(), west()], rules: [failing], config: config() });
    expect(result.notAssessed).toEqual([{ ruleId: 'test-fleet-throws', code: 'DS903', reason: 'the rule failed: boom', cause: 'failed' }]);
    expect(result.notifications[0]).toMatchObject({ level: 'error', ruleId: 'test-fleet-throws' });
  });

  it('see a fleet of one through runRule', () => {
    expect(runRule(pairs, east())).toEqual({ kind: 'ran', drafts: [] });
  });
});

describe('runs over several clusters', () => {
  it('run cluster rules once per cluster and label what was not assessed with the cluster', () => {
    const result = runAudit({ models: [locked(), west(), east()], rules: [perService], config: config() });
    expect(result.findings.map((f) => `${f.object.cluster} ${f.object.name}`)).toEqual(['prod-east web']);
    expect(result.notAssessed).toEqual([{ ruleId: 'test-service-single-stack', code: 'DS901', reason: forbidden.reason, cause: 'forbidden', cluster: 'locked' }]);
  });

  it('keep the single-cluster shape when there is one cluster', () => {
    const result = runAudit({ model: locked(), rules: [perService], config: config() });
    expect(result.notAssessed).toEqual([{ ruleId: 'test-service-single-stack', code: 'DS901', reason: forbidden.reason, cause: 'forbidden' }]);
  });

  it('report coverage per cluster for named clusters only, and each cluster’s state', () => {
    const result = runAudit({ models: [west(), locked()], rules: RULES, config: config() });
    expect([...new Set(result.coverage.map((c) => c.cluster))]).toEqual(['locked', 'prod-west']);
    expect(result.coverage.find((c) => c.cluster === 'locked' && c.collection === 'services')).toEqual({ cluster: 'locked', collection: 'services', status: 'forbidden', reason: forbidden.reason });
    expect(result.coverage.find((c) => c.cluster === 'prod-west' && c.collection === 'nodes')).toEqual({ cluster: 'prod-west', collection: 'nodes', status: 'present' });
    expect(result.clusters.map((c) => c.name)).toEqual(['locked', 'prod-west']);
    const manifests = normalize(clusterRaw('x', [svc()]).map((r) => ({ ...r, origin: { ...r.origin, cluster: undefined } })), { target: 'dual' }).model;
    const single = runAudit({ model: manifests, rules: RULES, config: config() });
    expect(single.coverage).toEqual([]);
    expect(single.clusters).toEqual([]);
  });

  it('give one overall state only when every cluster agrees, and label the evidence', () => {
    const result = runAudit({ models: [east(), west()], rules: RULES, config: config() });
    expect(result.clusters.map((c) => c.stack)).toEqual(['dual', 'ipv4']);
    expect(result.cluster.stack).toBe('unknown');
    expect(result.cluster.evidence.every((e) => /^prod-(east|west): /.test(e.source))).toBe(true);
  });

  it('are deterministic whatever the order the clusters were read in', () => {
    const a = formatJson(runAudit({ models: [east(), west(), locked()], rules: RULES, config: config() }), { color: false });
    const b = formatJson(runAudit({ models: [locked(), west(), east()], rules: RULES, config: config() }), { color: false });
    expect(a).toBe(b);
  });
});

describe('connectedBy', () => {
  it('connects members of one group, or everything with --connected', () => {
    const [a, b] = [east(), west()];
    expect(connectedBy({ connected: false, clusterGroups: [] })(a, b)).toBe(false);
    expect(connectedBy({ connected: true, clusterGroups: [] })(a, b)).toBe(true);
    expect(connectedBy({ connected: false, clusterGroups: [{ name: 'g', members: ['prod-west', 'prod-east'] }] })(a, b)).toBe(true);
  });
});

describe('clusters groups in .dsaudit.yaml', () => {
  it('parses name and members', () => {
    const file = parseConfigText('clusters:\n  - name: prod\n    members: [prod-east, prod-west]\n', '.dsaudit.yaml');
    expect(file.clusters).toEqual([{ name: 'prod', members: ['prod-east', 'prod-west'] }]);
    expect(resolveConfig(new Registry(RULES), file, { connected: true })).toMatchObject({ clusterGroups: file.clusters, connected: true });
  });

  it.each([
    ['clusters: prod', /clusters must be a list/],
    ['clusters: [{members: [a]}]', /needs a name/],
    ['clusters: [{name: prod}]', /needs members/],
    ['clusters: [{name: prod, members: [a, 1]}]', /needs members/],
    ['clusters: [{name: prod, members: [a], peers: [b]}]', /unknown key "peers"/],
  ])('rejects %s', (text, message) => {
    expect(() => parseConfigText(text, '.dsaudit.yaml')).toThrow(ConfigError);
    expect(() => parseConfigText(text, '.dsaudit.yaml')).toThrow(message);
  });
});
