import { describe, expect, it } from 'vitest';
import { clusterChangePlan } from '../../src/plan/change-plan.js';
import { proposeRanges } from '../../src/plan/plan-ranges.js';
import { progressText } from '../../src/report/change-plan.js';
import { controlPlanePod, externalNetwork, IPV4_KUBEADM, node, svc } from '../helpers/builders.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

const nodes = (n: number) => Array.from({ length: n }, (_, i) => node(`n${i}`, [`10.244.${i % 256}.0/24`], { addresses: [`192.0.2.${(i % 250) + 1}`] }));

describe('ranges proposed for a family the cluster lacks', () => {
  it('start at the kubeadm dual-stack example ranges', () => {
    const model = modelOf(rawObjects([IPV4_KUBEADM, ...nodes(3)]));
    expect(proposeRanges(model, 'IPv6', ['pods', 'services'])).toEqual([
      { role: 'pods', cidr: 'fd00:10:244::/56', size: '256 node ranges of /64' },
      { role: 'services', cidr: 'fd00:10:96::/112', size: '65,536 addresses' },
    ]);
  });

  it('step past a range already taken (an external network here), and past each other', () => {
    const model = modelOf(rawObjects([IPV4_KUBEADM, externalNetwork('lab', ['fd00:10:244::/48']), ...nodes(3)]));
    const [pods] = proposeRanges(model, 'IPv6', ['pods']);
    expect(pods.cidr).toBe('fd00:10:245::/56');
  });

  it('grow the pod range with the nodes: room for twice as many', () => {
    const model = modelOf(rawObjects([IPV4_KUBEADM, ...nodes(300)]));
    expect(proposeRanges(model, 'IPv6', ['pods'])[0]).toEqual({ role: 'pods', cidr: 'fd00:10:244::/54', size: '1,024 node ranges of /64' });
  });
});

describe('progress', () => {
  it('reads as the count, the unit and a floored percent', () => {
    expect(progressText({ done: 312, total: 400, unit: 'Services dual-stack', percent: 78 })).toBe('312 of 400 Services dual-stack — 78 %');
  });

  it('a Service patched in place counts as done on the next run, and its step is kept as done', () => {
    const before = modelOf(rawObjects([
      controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }),
      svc({ name: 'web', clusterIPs: ['10.96.0.20'] }),
    ]));
    const after = modelOf(rawObjects([
      controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }),
      svc({ name: 'web', policy: 'PreferDualStack', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'] }),
    ]));
    const services = (m: typeof before) => clusterChangePlan(m, 'dual', []).sections.find((s) => s.name === 'services')!;
    expect(services(before).steps.map((s) => s.status)).toEqual(['todo']);
    expect(services(after).steps.map((s) => s.status)).toEqual(['done']);
    expect(services(after).progress).toEqual({ done: 1, total: 1, unit: 'Services dual-stack', percent: 100 });
  });
});

describe('the rollback section of a forward plan', () => {
  it('has a step for each rollback rule with findings, the DNS, ServiceCIDR and CNI hazards included', () => {
    const model = modelOf(rawObjects([
      controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }),
      svc({ name: 'kube-dns', namespace: 'kube-system', policy: 'PreferDualStack', clusterIPs: ['10.96.0.10', 'fd00:10:96::a'] }),
    ]));
    const finding = (code: string, ruleId: string) => ({
      ruleId, code, message: `${code} message`, fix: `${code} fix`, suppressed: undefined, baselined: false,
      object: { kind: 'Service', name: 'kube-dns', namespace: 'kube-system' },
    });
    const plan = clusterChangePlan(model, 'dual', [finding('DS303', 'service-secondary-family-removed'), finding('DS308', 'dns-family-removed'), finding('DS307', 'service-cidr-family-removed'), finding('DS310', 'cni-family-removed')]);
    const rollback = plan.sections.find((s) => s.name === 'rollback')!;
    expect(rollback.steps.map((s) => s.resolves[0]?.code)).toEqual(['DS303', 'DS307', 'DS308', 'DS310']);
  });
});
