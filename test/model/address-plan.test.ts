import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAddressPlan, clusterPlan, MAX_LISTED_NODE_RANGES, type PlanRange } from '../../src/plan/address-plan.js';
import { normalize } from '../../src/model/normalize.js';
import { parseManifestText } from '../../src/sources/manifests.js';
import { DUAL_KUBEADM, kubeadmConfigMap, node, pod, svc } from '../helpers/builders.js';
import { rawObjects, ROOT } from '../helpers/rule-tester.js';

type Obj = Record<string, unknown>;
const model = (objects: Obj[], cluster?: string) => normalize(rawObjects(objects), { target: 'dual', ...(cluster ? { cluster } : {}) }).model;

function fixtureModel() {
  const file = 'fixtures/address-plan/dual-stack.yaml';
  const parsed = parseManifestText(readFileSync(join(ROOT, file), 'utf8'), file);
  expect(parsed.errors).toEqual([]);
  return normalize(parsed.objects, { target: 'dual' }).model;
}

/** `cidr role [used/total]` per range, nested as arrays. */
function outline(ranges: readonly PlanRange[]): unknown[] {
  return ranges.map((r) => {
    const head = `${r.cidr} ${r.role}${r.usage ? ` ${r.usage.used}/${r.usage.total}` : ''}`;
    return r.children.length ? { [head]: outline(r.children) } : head;
  });
}

describe('address plan', () => {
  it('nests every range per family, primary family first, with usage', () => {
    const plan = clusterPlan(fixtureModel());
    expect(plan.families.map((f) => f.family)).toEqual(['IPv4', 'IPv6']);
    expect(outline(plan.families[0].ranges)).toEqual([
      '10.96.0.0/16 services 3/65534',
      { '10.100.0.0/16 external': ['10.100.0.0/24 services 0/254'] },
      { '10.244.0.0/16 pods 3/256': ['10.244.0.0/24 node 0/253', '10.244.1.0/24 node 2/253', '10.244.2.0/30 node 1/1'] },
    ]);
    expect(outline(plan.families[1].ranges)).toEqual([
      '2001:db8:10::/48 external',
      'fd00:10:96::/112 services 2/65535',
      { 'fd00:10:244::/56 pods 3/256': ['fd00:10:244::/64 node 0/18446744073709551614', 'fd00:10:244:1::/64 node 2/18446744073709551614', 'fd00:10:244:2::/64 node 1/18446744073709551614'] },
    ]);
    expect(plan.families[0].nodeMask).toEqual({ size: 24, source: 'controller-manager default /24' });
    expect(plan.families[0].ranges[2].children[2].usage?.percent).toBe(100);
  });

  it('lists collisions between roles, never pods over their own node ranges', () => {
    const plan = clusterPlan(fixtureModel());
    expect(plan.families[0].collisions.map((c) => c.message)).toEqual([
      'external network on-prem 10.100.0.0/16 overlaps service range 10.100.0.0/24 (ServiceCIDR extra-v4 spec.cidrs)',
      'node address 10.96.7.22 (Node worker-2 InternalIP) lies inside service range 10.96.0.0/16 (kube-apiserver --service-cluster-ip-range (Pod kube-system/kube-apiserver-cp-1))',
    ]);
    expect(plan.families[1].collisions).toEqual([]);
  });

  it('reports pod/service overlaps and nodes sharing a podCIDR', () => {
    const plan = clusterPlan(model([kubeadmConfigMap('10.244.0.0/16', '10.244.128.0/20'), node('a', ['10.244.1.0/24']), node('b', ['10.244.1.0/24']), node('c', ['10.244.128.0/24'])]));
    expect(plan.families[0].collisions.map((c) => c.message)).toEqual([
      'pod range 10.244.0.0/16 (ConfigMap kube-system/kubeadm-config networking.podSubnet) overlaps service range 10.244.128.0/20 (ConfigMap kube-system/kubeadm-config networking.serviceSubnet)',
      'service range 10.244.128.0/20 (ConfigMap kube-system/kubeadm-config networking.serviceSubnet) overlaps node range 10.244.128.0/24 (Node c)',
      'node range 10.244.1.0/24 is held by 2 nodes: a, b',
    ]);
    expect(plan.families[0].ranges[0].children.map((r) => `${r.cidr} ${r.label}`)).toEqual(['10.244.1.0/24 a +1', '10.244.128.0/20 ConfigMap kube-system/kubeadm-config networking.serviceSubnet']);
  });

  it('lists only the fullest node ranges of a level and counts the others', () => {
    const nodes = Array.from({ length: 30 }, (_, i) => node(`n${String(i).padStart(2, '0')}`, [`10.244.${i}.0/24`]));
    const pods = Array.from({ length: 12 }, (_, i) => pod(`p${i}`, 'n07', [`10.244.7.${i + 1}`]));
    const plan = clusterPlan(model([DUAL_KUBEADM, ...nodes, ...pods]));
    const pods4 = plan.families[0].ranges.find((r) => r.role === 'pods')!;
    expect(pods4.usage).toEqual({ used: 30, total: '256', unit: 'node ranges', percent: 11 });
    expect(pods4.children.filter((r) => r.role === 'node')).toHaveLength(MAX_LISTED_NODE_RANGES);
    expect(pods4.hiddenNodeRanges).toBe(20);
    expect(pods4.children.map((r) => r.cidr)).toContain('10.244.7.0/24');
  });

  it('counts Service IPs once and ignores finished and host-network pods', () => {
    const plan = clusterPlan(model([
      DUAL_KUBEADM,
      node('n1', ['10.244.1.0/24']),
      svc({ name: 'a', clusterIPs: ['10.96.0.5'] }),
      svc({ name: 'b', clusterIPs: ['10.96.0.6', 'fd00:10:96::6'] }),
      pod('run', 'n1', ['10.244.1.5']),
      pod('done', 'n1', ['10.244.1.6'], { phase: 'Succeeded' }),
      pod('host', 'n1', ['10.244.1.7'], { hostNetwork: true }),
    ]));
    const v4 = plan.families[0].ranges;
    expect(v4.find((r) => r.role === 'services')?.usage?.used).toBe(2);
    expect(v4.find((r) => r.role === 'pods')?.children[0].usage?.used).toBe(1);
  });

  it('has no family without ranges, and one entry per cluster sorted by name', () => {
    expect(clusterPlan(model([])).families).toEqual([]);
    const plan = buildAddressPlan([model([DUAL_KUBEADM], 'prod'), model([kubeadmConfigMap('10.0.0.0/16', '10.1.0.0/16')], 'dev')]);
    expect(plan.clusters.map((c) => [c.cluster, c.families.map((f) => f.family)])).toEqual([['dev', ['IPv4']], ['prod', ['IPv4', 'IPv6']]]);
  });

  it('orders IPv6 first on an IPv6-primary cluster and shows capacity as unknown without a usable node mask', () => {
    const plan = clusterPlan(model([kubeadmConfigMap('fd00:10:244::/56,10.244.0.0/28', 'fd00:10:96::/112,10.96.0.0/16')]));
    expect(plan.families.map((f) => f.family)).toEqual(['IPv6', 'IPv4']);
    expect(plan.families[1].ranges.find((r) => r.role === 'pods')?.usage).toEqual({ used: 0, total: null, unit: 'node ranges', percent: null });
  });
});
