import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/engine/config.js';
import { defaultRegistry } from '../../src/engine/registry.js';
import { runAudit } from '../../src/engine/run.js';
import type { RawObject } from '../../src/model/input.js';
import type { ClusterModel } from '../../src/model/types.js';
import { clusterChangePlan, type PlanGoal } from '../../src/plan/change-plan.js';
import { VIEW_FORMATTERS } from '../../src/report/index.js';
import { controlPlanePod, corednsConfigMap, node, svc } from '../helpers/builders.js';
import { planSchemaErrors } from '../helpers/report-schema.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

const IPV4_CLUSTER = [
  controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16' }),
  node('n1', ['10.244.0.0/24']),
  svc({ name: 'web', clusterIPs: ['10.96.0.20'] }),
];
const DUAL_CLUSTER = [
  controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }),
  node('n1', ['10.244.0.0/24', 'fd00:10:244::/64']),
  svc({ name: 'web', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'], policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] }),
];
const KUBE_DNS_V4 = svc({ name: 'kube-dns', namespace: 'kube-system', clusterIPs: ['10.96.0.10'], families: ['IPv4'] });
const KUBE_DNS_DUAL = svc({ name: 'kube-dns', namespace: 'kube-system', clusterIPs: ['10.96.0.10', 'fd00:10:96::a'], policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] });
const KUBEADM_COREFILE = '.:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n    reload\n}\n';
const BLOCKING_COREFILE = '.:53 {\n    template IN AAAA .\n    kubernetes cluster.local in-addr.arpa\n    forward . /etc/resolv.conf\n}\n';

/** The plan with the findings of every rule, as `dsaudit plan` builds it. */
function planOf(model: ClusterModel, goal: PlanGoal = 'dual') {
  const result = runAudit({ models: [model], rules: defaultRegistry().rules, config: resolveConfig(defaultRegistry(), {}, { target: goal === 'ipv6-primary' ? 'dual' : goal }), inputErrors: [], notices: [] });
  return clusterChangePlan(model, goal, result.findings);
}

const dnsOf = (plan: ReturnType<typeof planOf>) => plan.sections.find((s) => s.name === 'dns');

describe('the DNS section of the plan', () => {
  it('is absent when the input has neither the cluster DNS Service nor the CoreDNS Corefile', () => {
    const plan = planOf(modelOf(rawObjects(DUAL_CLUSTER)));
    expect(plan.sections.map((s) => s.name)).not.toContain('dns');
  });

  it('orders the DNS Service, the AAAA suppression, then ip6.arpa, after the Services and before verification, each resolving its own findings', () => {
    const plan = planOf(modelOf(rawObjects([...IPV4_CLUSTER, KUBE_DNS_V4, corednsConfigMap(BLOCKING_COREFILE)])));
    const names = plan.sections.map((s) => s.name);
    expect(names.indexOf('dns')).toBe(names.indexOf('services') + 1);
    expect(names.indexOf('dns')).toBe(names.indexOf('verify') - 1);
    const dns = dnsOf(plan)!;
    expect(dns.title).toBe('Cluster DNS');
    expect(dns.progress).toEqual({ done: 0, total: 3, unit: 'DNS steps done', percent: 0 });
    const [service, aaaa, arpa] = dns.steps;
    expect(dns.steps.map((s) => s.status)).toEqual(['todo', 'todo', 'todo']);
    expect(service.title).toBe('Cluster DNS Service kube-system/kube-dns: dual-stack');
    expect(service.progress).toEqual({ done: 1, total: 2, unit: 'DNS Service families, primary first', percent: 50 });
    expect(service.resolves).toEqual([{ code: 'DS101', ruleId: 'service-single-stack', count: 1 }]);
    // A manifest is changed where it is kept, not patched.
    expect(service.actions).toEqual([{ object: 'Service kube-system/kube-dns', text: 'set ipFamilyPolicy: PreferDualStack in its manifest and apply it' }]);
    expect(aaaa.resolves).toEqual([{ code: 'DS116', ruleId: 'coredns-aaaa-suppressed', count: 1 }]);
    expect(aaaa.actions[0]).toEqual({ object: 'ConfigMap kube-system/coredns', text: 'Corefile line 2: remove "template IN AAAA ." (or scope its zones outside cluster.local)' });
    expect(arpa.resolves).toEqual([{ code: 'DS116', ruleId: 'coredns-aaaa-suppressed', count: 1 }]);
    expect(arpa.actions[0].text).toBe('Corefile line 3: "kubernetes cluster.local in-addr.arpa" → "kubernetes cluster.local in-addr.arpa ip6.arpa"');
    // The DNS Service is the DNS section's: the Services section does not list it a second time.
    const services = plan.sections.find((s) => s.name === 'services')!;
    expect(services.steps.flatMap((s) => s.actions.map((a) => a.object))).toEqual(['Service default/web']);
    expect(services.progress).toMatchObject({ done: 0, total: 1 });
  });

  it('is shown as done when nothing is left', () => {
    const dns = dnsOf(planOf(modelOf(rawObjects([...DUAL_CLUSTER, KUBE_DNS_DUAL, corednsConfigMap(KUBEADM_COREFILE)]))))!;
    expect(dns.steps.map((s) => s.status)).toEqual(['done', 'done', 'done']);
    expect(dns.steps.flatMap((s) => [...s.actions, ...s.resolves])).toEqual([]);
    expect(dns.progress).toEqual({ done: 3, total: 3, unit: 'DNS steps done', percent: 100 });
  });

  it('is built from the model without findings, as diff builds it', () => {
    const model = modelOf(rawObjects([...IPV4_CLUSTER, KUBE_DNS_V4, corednsConfigMap(BLOCKING_COREFILE)]));
    const dns = clusterChangePlan(model, 'dual', []).sections.find((s) => s.name === 'dns')!;
    expect(dns.steps.map((s) => [s.status, s.resolves.length, s.actions.length > 0])).toEqual([['todo', 0, true], ['todo', 0, true], ['todo', 0, true]]);
  });

  it('a Corefile without the DNS Service still gets its steps; a goal without IPv6 has none', () => {
    const model = modelOf(rawObjects([...DUAL_CLUSTER, corednsConfigMap(BLOCKING_COREFILE)]));
    expect(dnsOf(planOf(model))!.steps.map((s) => s.title.split(':')[0])).toEqual(['CoreDNS answers AAAA queries for cluster.local', 'CoreDNS kubernetes plugin serves ip6.arpa (reverse lookups of IPv6 Pod and Service addresses) in ConfigMap kube-system/coredns']);
    expect(dnsOf(planOf(modelOf(rawObjects([...IPV4_CLUSTER, corednsConfigMap(BLOCKING_COREFILE)])), 'ipv4'))).toBeUndefined();
  });

  it('read from a cluster: a ready edit command, and a restart when the Corefile has no reload plugin', () => {
    const raw: RawObject[] = rawObjects([...IPV4_CLUSTER, KUBE_DNS_V4, corednsConfigMap(BLOCKING_COREFILE)]).map((r) => ({ ...r, origin: { kind: 'cluster', cluster: 'prod' } }));
    const [service, aaaa] = dnsOf(planOf(modelOf(raw)))!.steps;
    expect(service.actions[0].command).toBe('kubectl patch service kube-dns -n kube-system --type merge -p \'{"spec":{"ipFamilyPolicy":"PreferDualStack"}}\'');
    expect(aaaa.actions.map((a) => a.command)).toEqual([undefined, 'kubectl edit configmap coredns -n kube-system', 'kubectl rollout restart deployment/coredns -n kube-system']);
  });

  it('a new primary family: the DNS Service is recreated, counted by family position', () => {
    const service = dnsOf(planOf(modelOf(rawObjects([...DUAL_CLUSTER, KUBE_DNS_DUAL])), 'ipv6-primary'))!.steps[0];
    expect(service.status).toBe('todo');
    expect(service.progress).toMatchObject({ done: 0, total: 2 });
    expect(service.actions[0].text).toContain('delete and recreate it with ipFamilyPolicy: PreferDualStack, ipFamilies: [IPv6, IPv4]');
  });

  it('a rollback: the DNS Service single-stack before the ranges change, and kubelet clusterDNS without its removed address', () => {
    const model = modelOf(rawObjects([...DUAL_CLUSTER, KUBE_DNS_DUAL, corednsConfigMap(BLOCKING_COREFILE)]), { rollbackTo: 'IPv4' });
    const plan = planOf(model, 'ipv4');
    const names = plan.sections.map((s) => s.name);
    expect(names.indexOf('dns')).toBe(names.indexOf('services') + 1);
    expect(names.indexOf('dns')).toBeLessThan(names.indexOf('control-plane'));
    const dns = dnsOf(plan)!;
    // Nothing to do in the Corefile on the way back: AAAA answers of a removed family are harmless.
    expect(dns.steps).toHaveLength(1);
    expect(dns.steps[0].title).toBe('Cluster DNS Service kube-system/kube-dns: without IPv6 (before the Service ranges change, like every Service)');
    expect(dns.steps[0].actions.map((a) => a.text)).toEqual([
      'set ipFamilyPolicy: SingleStack in its manifest and apply it',
      'kubelet clusterDNS must not list fd00:10:96::a: remove it from every kubelet\'s configuration first; Pods started before keep it in resolv.conf until they restart',
    ]);
    expect(dns.steps[0].resolves.map((r) => r.code)).toEqual(['DS303', 'DS308']);
  });

  it('renders in the table, markdown and JSON (the published schema knows the section)', () => {
    const plan = planOf(modelOf(rawObjects([...IPV4_CLUSTER, KUBE_DNS_V4, corednsConfigMap(BLOCKING_COREFILE)])));
    const view = { goal: 'dual' as const, scenario: 'none named', clusters: [plan] };
    const n = dnsOf(plan)!.steps[1].number;
    expect(VIEW_FORMATTERS.changePlan.table(view, { color: false } as never)).toContain(`Cluster DNS — 0 of 3 DNS steps done — 0 %\n  [ ] ${n - 1}. Cluster DNS Service kube-system/kube-dns: dual-stack`);
    expect(VIEW_FORMATTERS.changePlan.markdown(view, {} as never)).toContain(`### Cluster DNS — 0 of 3 DNS steps done — 0 %`);
    expect(planSchemaErrors(JSON.parse(VIEW_FORMATTERS.changePlan.json(view, {} as never)))).toEqual([]);
  });
});
