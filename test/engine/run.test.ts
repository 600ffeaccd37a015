import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText, resolveConfig } from '../../src/engine/config.js';
import { defineRule, type Rule } from '../../src/rule-contract/define-rule.js';
import { defaultRegistry, Registry } from '../../src/engine/registry.js';
import { gateFails, runAudit } from '../../src/engine/run.js';
import { normalize } from '../../src/model/normalize.js';
import { FORMATTERS } from '../../src/report/index.js';
import { svc } from '../helpers/builders.js';
import { rawObjects } from '../helpers/rule-tester.js';

const registry = defaultRegistry();
const config = (file = {}, cli = {}) => resolveConfig(registry, file, cli);
const model = (objects: Record<string, unknown>[]) => normalize(rawObjects(objects), { target: 'dual' }).model;

const everyService = defineRule({
  id: 'test-every-service',
  code: 'DS990',
  title: 'Test rule',
  description: 'Reports every Service.',
  rationale: 'For tests.',
  remediation: 'None.',
  family: 'config',
  defaultSeverity: 'warning',
  requires: ['services'],
  sources: ['test'],
  messages: { seen: (d: { name: string }) => `saw ${d.name}` },
  *check(ctx) {
    for (const s of ctx.model.services) yield ctx.finding(s, 'seen', { name: s.ref.name }, { path: 'spec.ipFamilyPolicy' });
  },
}) as unknown as Rule;

const throwing = defineRule({
  id: 'test-throws',
  code: 'DS991',
  title: 'Throws',
  description: 'Always throws.',
  rationale: 'For tests.',
  remediation: 'None.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['services'],
  sources: ['test'],
  messages: { never: () => 'never' },
  *check() {
    throw new Error('boom');
  },
}) as unknown as Rule;

const needsNodes = defineRule({
  id: 'test-needs-nodes',
  code: 'DS992',
  title: 'Needs nodes',
  description: 'Reads nodes.',
  rationale: 'For tests.',
  remediation: 'None.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['nodes'],
  sources: ['test'],
  messages: { node: () => 'node' },
  *check(ctx) {
    for (const n of ctx.model.nodes) yield ctx.finding(n, 'node', {});
  },
}) as unknown as Rule;

describe('runAudit', () => {
  it('isolates a throwing rule: a tool notification, the rule not assessed, the others still run', () => {
    const r = runAudit({ model: model([svc()]), rules: [throwing, everyService], config: config() });
    expect(r.findings.map((f) => f.ruleId)).toEqual(['test-every-service']);
    expect(r.notifications).toContainEqual({ level: 'error', message: 'rule test-throws (DS991) failed: boom', ruleId: 'test-throws' });
    expect(r.notAssessed).toContainEqual({ ruleId: 'test-throws', code: 'DS991', reason: 'the rule failed: boom', cause: 'failed' });
  });

  it('gives every finding a fix: the object-specific one the rule set, else the rule remediation', () => {
    const specific = defineRule({
      ...everyService.meta,
      id: 'test-specific-fix',
      code: 'DS989',
      *check(ctx) {
        for (const s of ctx.model.services) yield ctx.finding(s, 'seen', { name: s.ref.name }, { fix: `patch ${s.ref.name}` });
      },
    } as never) as unknown as Rule;
    const r = runAudit({ model: model([svc()]), rules: [everyService, specific], config: config() });
    expect(r.findings.map((f) => [f.code, f.fix])).toEqual([['DS990', 'None.'], ['DS989', 'patch web']]);
  });

  it('says why a rule was not assessed: a target it does not apply to is cause target', () => {
    const ipv4Only = defineRule({ ...everyService.meta, id: 'test-ipv4-only', code: 'DS988', targets: ['ipv4'], check: everyService.check } as never) as unknown as Rule;
    const r = runAudit({ model: model([svc()]), rules: [ipv4Only], config: config() });
    expect(r.notAssessed).toEqual([{ ruleId: 'test-ipv4-only', code: 'DS988', reason: 'not applicable to target dual', cause: 'target' }]);
  });

  it('reports rules whose inputs are missing as not assessed, never as passing', () => {
    const r = runAudit({ model: model([svc()]), rules: [needsNodes], config: config() });
    expect(r.findings).toEqual([]);
    expect(r.notAssessed).toEqual([{ ruleId: 'test-needs-nodes', code: 'DS992', reason: 'no Node objects in the input', cause: 'missing' }]);
  });

  it('keeps and marks suppressed findings (annotation and config) and reports unused suppressions', () => {
    const objects = [
      svc({ name: 'a', annotations: { 'dsaudit.io/ignore': 'DS990', 'dsaudit.io/ignore-reason': 'legacy' } }),
      svc({ name: 'b', namespace: 'kube-system' }),
      svc({ name: 'c', annotations: { 'dsaudit.io/ignore': 'DS101' } }),
    ];
    const cfg = resolveConfig(new Registry([...registry.rules, everyService]), { ignore: [{ rule: 'test-every-service', object: 'Service kube-system/*', reason: 'system' }, { rule: '*', object: 'Node *', reason: 'unused' }] }, {});
    const r = runAudit({ model: model(objects), rules: [everyService], config: cfg });
    expect(r.findings.map((f) => [f.object.name, f.suppressed])).toEqual([
      ['a', { kind: 'annotation', reason: 'legacy' }],
      ['c', null],
      ['b', { kind: 'config', reason: 'system' }],
    ]);
    expect(r.summary).toMatchObject({ warning: 1, suppressed: 2 });
    expect(r.notifications.map((n) => n.message)).toEqual([
      'config ignore entry 2 (rule *, object "Node *") matched no finding',
      'Service default/c: dsaudit.io/ignore "DS101" suppressed nothing',
    ]);
  });

  it('reports an unused ignore annotation on an object of any collection (MetalLB pools included)', () => {
    const pool = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'lb', namespace: 'metallb-system', annotations: { 'dsaudit.io/ignore': 'DS101' } }, spec: { addresses: ['10.0.0.0/24'] } };
    const r = runAudit({ model: model([pool]), rules: [everyService], config: config() });
    expect(r.notifications.map((n) => n.message)).toEqual(['IPAddressPool metallb-system/lb: dsaudit.io/ignore "DS101" suppressed nothing']);
  });

  it('marks baselined findings and leaves them out of the gate', () => {
    const first = runAudit({ model: model([svc()]), rules: [everyService], config: config() });
    const baseline = new Set(first.findings.map((f) => f.fingerprint));
    const again = runAudit({ model: model([svc(), svc({ name: 'new' })]), rules: [everyService], config: config({}, { failOn: 'warning' }) });
    expect(gateFails(again, 'warning')).toBe(true);
    const marked = runAudit({ model: model([svc(), svc({ name: 'new' })]), rules: [everyService], config: config(), baseline });
    expect(marked.findings.map((f) => [f.object.name, f.baselined])).toEqual([['new', false], ['web', true]]);
    expect(marked.summary).toMatchObject({ warning: 1, baselined: 1 });
  });

  it('fingerprints ignore lines and input order; output is identical for shuffled inputs', () => {
    const objects = [svc({ name: 'a' }), svc({ name: 'b', type: 'LoadBalancer' }), svc({ name: 'c', namespace: 'x' })];
    const raw = rawObjects(objects);
    const moved = raw.map((o, i) => ({ ...o, origin: { kind: 'file' as const, file: 'inline.yaml', docIndex: i, position: { line: 100 + i, column: 1 } } }));
    const a = runAudit({ model: normalize(raw, { target: 'dual' }).model, rules: registry.rules, config: config() });
    const b = runAudit({ model: normalize([...moved].reverse(), { target: 'dual' }).model, rules: registry.rules, config: config() });
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
    const c = runAudit({ model: normalize([...raw].reverse(), { target: 'dual' }).model, rules: registry.rules, config: config() });
    expect(FORMATTERS.json(c, { color: false })).toBe(FORMATTERS.json(a, { color: false }));
    expect(FORMATTERS.sarif(c, { color: false })).toBe(FORMATTERS.sarif(a, { color: false }));
  });
});

describe('configuration', () => {
  it('CLI beats the config file, which beats rule defaults; disable wins over enable', () => {
    const file = parseConfigText('rules:\n  DS101: error\n  exposed-service-single-stack: off\nfailOn: warning\n', '.dsaudit.yaml');
    const merged = config(file, { severity: ['DS101=info'], enable: ['DS102'], disable: ['DS103'] });
    expect(merged.severity.get('service-single-stack')).toBe('info');
    expect(merged.severity.has('exposed-service-single-stack')).toBe(false);
    expect(merged.severity.get('service-prefer-dual-stack-single')).toBe('off');
    expect(merged.failOn).toBe('warning');
    expect(config(file, { enable: ['DS103'], disable: ['DS103'] }).severity.get('service-prefer-dual-stack-single')).toBe('off');
    expect(config(file, { failOn: 'never' }).failOn).toBe('never');
  });

  it.each([
    ['rules:\n  DS999: off\n', /config rules: unknown rule "DS999"/],
    ['rules:\n  DS101: loud\n', /rules\.DS101 must be one of/],
    ['ignore:\n  - rule: DS101\n    object: "Service */*"\n', /ignore\[0\] needs a reason/],
    ['failOn: sometimes\n', /failOn must be one of/],
    ['colour: red\n', /unknown key "colour"/],
    ['rules: [\n', /\.dsaudit\.yaml:\d+: /],
  ])('rejects %j', (text, message) => {
    expect(() => config(parseConfigText(text, '.dsaudit.yaml'))).toThrow(message);
    expect(() => config(parseConfigText(text, '.dsaudit.yaml'))).toThrow(ConfigError);
  });

  it('rejects unknown names and malformed flags', () => {
    expect(() => config({}, { disable: ['nope'] })).toThrow('--disable: unknown rule "nope"');
    expect(() => config({}, { severity: ['DS101'] })).toThrow('expected RULE=LEVEL');
    expect(() => config({}, { target: 'dual-ish' })).toThrow('--target must be one of');
  });
});

describe('scenarios', () => {
  const dual = (o: Parameters<typeof normalize>[1]) => normalize(rawObjects([
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubeadm-config', namespace: 'kube-system' }, data: { ClusterConfiguration: 'kind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/16,fd00:10:244::/56\n  serviceSubnet: 10.96.0.0/16,fd00:10:96::/112\n' } },
    svc({ name: 'cart', policy: 'RequireDualStack', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'] }),
  ]), o).model;
  const ds301 = (cfg: ReturnType<typeof config>, m: ReturnType<typeof dual>) =>
    runAudit({ model: m, rules: registry.rules, config: cfg }).findings.find((f) => f.code === 'DS301');

  it('rollback hazards are info until a scenario is named, then at their own severity; a --severity setting wins', () => {
    const none = config();
    expect(ds301(none, dual({ target: none.target, scenario: none.scenario }))?.severity).toBe('info');
    const named = config({}, { rollbackTo: 'ipv4' });
    expect(named.target).toBe('ipv4');
    expect(named.scenario).toEqual({ target: 'dual', rollbackTo: 'IPv4' });
    const m = dual({ target: named.target, scenario: named.scenario });
    expect(ds301(named, m)?.severity).toBe('warning');
    expect(ds301(config({}, { rollbackTo: 'ipv4', severity: ['DS301=error'] }), m)?.severity).toBe('error');
    expect(ds301(config({}, { severity: ['DS301=warning'] }), dual({ target: 'dual' }))?.severity).toBe('warning');
  });

  it('the result says which scenario was evaluated', () => {
    const cfg = config({}, { target: 'ipv6-only' });
    expect(cfg.target).toBe('ipv6');
    const result = runAudit({ model: dual({ target: cfg.target, scenario: cfg.scenario }), rules: registry.rules, config: cfg });
    expect(result.scenario).toMatchObject({ target: 'ipv6-only', rollbackTo: 'IPv6', named: true, removedFamily: 'IPv4' });
    expect(result.target).toBe('ipv6');
  });

  it('flag values and contradictions are config errors', () => {
    expect(() => config({}, { rollbackTo: 'v4' })).toThrow(ConfigError);
    expect(() => config({}, { newPrimary: 'ipv5' })).toThrow(/--new-primary must be ipv4 or ipv6/);
    expect(() => config({}, { target: 'ipv6-only', rollbackTo: 'ipv4' })).toThrow(ConfigError);
    expect(() => config({ target: 'dual' }, { rollbackTo: 'ipv4' })).toThrow(/keeps both families/);
    expect(() => config({}, { target: 'ipv6-everywhere' })).toThrow(/ipv6-primary, ipv6-only/);
    expect(config({ target: 'ipv6-primary' }).scenario).toEqual({ target: 'ipv6-primary' });
    expect(() => parseConfigText('target: ipv6-only\n', '.dsaudit.yaml')).not.toThrow();
  });

  it('rollbackTo and newPrimary in the config file: validated and checked like the flags, the flags win', () => {
    const file = (text: string) => parseConfigText(text, '.dsaudit.yaml');
    const fromFile = config(file('rollbackTo: ipv4\n'));
    expect(fromFile.scenario).toEqual({ target: 'dual', rollbackTo: 'IPv4' });
    expect(fromFile.target).toBe('ipv4');
    expect(config(file('newPrimary: IPv6\n')).scenario).toEqual({ target: 'dual', newPrimary: 'IPv6' });
    expect(config(file('rollbackTo: ipv4\n'), { rollbackTo: 'ipv6' }).scenario).toEqual({ target: 'dual', rollbackTo: 'IPv6' });
    expect(config(file('newPrimary: ipv6\n'), { newPrimary: 'ipv4' }).scenario).toEqual({ target: 'dual', newPrimary: 'IPv4' });
    expect(() => file('rollbackTo: v4\n')).toThrow('.dsaudit.yaml: rollbackTo must be ipv4 or ipv6 (got "v4")');
    expect(() => file('newPrimary: [ipv6]\n')).toThrow(ConfigError);
    expect(() => config(file('target: dual\nrollbackTo: ipv4\n'))).toThrow('keeps both families, --rollback-to removes IPv6 (target, rollbackTo from the config file)');
    expect(() => config(file('rollbackTo: ipv4\n'), { newPrimary: 'ipv6' })).toThrow(/not IPv6 \(rollbackTo from the config file\)$/);
    expect(() => config(file('target: ipv6-only\n'), { rollbackTo: 'ipv4' })).toThrow(/keeps IPv4 \(target from the config file\)$/);
  });
});
