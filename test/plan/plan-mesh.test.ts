import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { defaultRegistry } from '../../src/engine/registry.js';
import { runAudit } from '../../src/engine/run.js';
import type { ClusterModel } from '../../src/model/types.js';
import { clusterChangePlan, type PlanGoal } from '../../src/plan/change-plan.js';
import { VIEW_FORMATTERS } from '../../src/report/index.js';
import { controlPlanePod, node, svc } from '../helpers/builders.js';
import { DUAL_ON, istiod, meshConfig, meshedDeployment, meshedPod } from '../helpers/istio.js';
import { planSchemaErrors } from '../helpers/report-schema.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

const DUAL_CLUSTER = [
  controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }),
  node('n1', ['10.244.0.0/24', 'fd00:10:244::/64']),
  svc({ name: 'web', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'], ipFamilyPolicy: 'PreferDualStack', ipFamilies: ['IPv4', 'IPv6'] }),
];

/** The plan with the findings of every rule, as `dsaudit plan` builds it. */
function planOf(model: ClusterModel, goal: PlanGoal = 'dual') {
  const result = runAudit({ models: [model], rules: defaultRegistry().rules, config: resolveConfig(defaultRegistry(), {}, { target: goal === 'ipv6-primary' ? 'dual' : goal }), inputErrors: [], notices: [] });
  return clusterChangePlan(model, goal, result.findings);
}

function meshSection(model: ClusterModel, goal: PlanGoal = 'dual') {
  const plan = planOf(model, goal);
  return { plan, mesh: plan.sections.find((s) => s.name === 'mesh') };
}

describe('the mesh section of the plan', () => {
  it('is absent when the cluster has no mesh', () => {
    const { plan, mesh } = meshSection(modelOf(rawObjects(DUAL_CLUSTER)));
    expect(mesh).toBeUndefined();
    expect(plan.sections.map((s) => s.name)).not.toContain('mesh');
  });

  it('orders istiod, the proxy defaults, then restarts, after the Services and before verification, with proxy progress and the findings each resolves', () => {
    const model = modelOf(rawObjects([
      ...DUAL_CLUSTER,
      istiod(),
      meshConfig({}),
      meshedDeployment('cart'),
      meshedDeployment('pinned', { annotations: { 'proxy.istio.io/config': 'proxyMetadata:\n  ISTIO_DUAL_STACK: "false"\n' } }),
      meshedDeployment('orders', { env: DUAL_ON }),
    ]));
    const { plan, mesh } = meshSection(model);
    const names = plan.sections.map((s) => s.name);
    expect(names.indexOf('mesh')).toBe(names.indexOf('verify') - 1);
    expect(names.indexOf('mesh')).toBeGreaterThan(names.indexOf('services') === -1 ? names.indexOf('workloads') : names.indexOf('services'));
    expect(mesh!.steps.map((s) => [s.title.split(/ \(|, after/)[0], s.status])).toEqual([
      ['Enable ISTIO_DUAL_STACK on istiod', 'todo'],
      ['Mesh proxy defaults: meshConfig.defaultConfig.proxyMetadata.ISTIO_DUAL_STACK: "true"', 'todo'],
      ['Restart meshed workloads so every proxy starts with ISTIO_DUAL_STACK', 'todo'],
    ]);
    const [cp, defaults, restart] = mesh!.steps;
    expect(cp.resolves.map((r) => r.code)).toEqual(['DS401']);
    expect(cp.actions[0]).toMatchObject({ object: 'Deployment istio-system/istiod', command: 'kubectl set env deployment/istiod -n istio-system -c discovery ISTIO_DUAL_STACK=true' });
    expect(defaults.resolves.map((r) => r.code)).toEqual(['DS402']);
    expect(restart.progress).toEqual({ done: 1, total: 3, unit: 'proxies dual-stack', percent: 33 });
    expect(restart.resolves).toEqual([{ code: 'DS402', ruleId: 'istio-proxy-not-dual-stack', count: 2 }]);
    expect(restart.actions.map((a) => [a.object, a.command ?? 'no command'])).toEqual([
      ['Deployment shop/cart', 'kubectl rollout restart deployment/cart -n shop'],
      // Its own annotation keeps it off through a restart: the action says so instead of a restart command.
      ['Deployment shop/pinned', 'no command'],
    ]);
    expect(restart.actions[1].text).toContain('overrides the mesh defaults');
    // The published plan schema knows the section.
    expect(planSchemaErrors(JSON.parse(VIEW_FORMATTERS.changePlan.json({ goal: 'dual', scenario: 'none named', clusters: [plan] })))).toEqual([]);
  });

  it('a proxy injected before the defaults were on is still to restart; once every proxy runs with the switch the section is done', () => {
    const objects = (second: Record<string, unknown>) => [...DUAL_CLUSTER, istiod(DUAL_ON), meshConfig(DUAL_ON), meshedPod('cart-1', ['10.244.0.5', 'fd00:10:244::5'], { env: DUAL_ON }), second];
    // Injection copies proxyMetadata into the istio-proxy env: a Pod without it was injected before.
    const half = meshSection(modelOf(rawObjects(objects(meshedPod('cart-2', ['10.244.0.6']))))).mesh!;
    expect(half.steps.map((s) => s.status)).toEqual(['done', 'done', 'todo']);
    expect(half.steps[2].progress).toEqual({ done: 1, total: 2, unit: 'proxies dual-stack', percent: 50 });
    expect(half.steps[2].actions[0].text).toContain('a bare Pod is not recreated');
    const all = meshSection(modelOf(rawObjects(objects(meshedPod('cart-2', ['10.244.0.6', 'fd00:10:244::6'], { env: DUAL_ON }))))).mesh!;
    expect(all.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(all.steps[2].progress).toEqual({ done: 2, total: 2, unit: 'proxies dual-stack', percent: 100 });
  });

  it('is absent from a plan to one family', () => {
    const model = modelOf(rawObjects([...DUAL_CLUSTER, istiod(), meshedDeployment('cart')]));
    expect(meshSection(model, 'ipv4').mesh).toBeUndefined();
  });
});
