import rule from '../../rules/node-pod-cidr-conflict.js';
import { controlPlanePod, DUAL_KUBEADM, node } from '../helpers/builders.js';
import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/engine/run.js';
import { modelOf, rawObjects, runRuleTests } from '../helpers/rule-tester.js';

const kcm = (cidrs: string, allocate = 'true') => controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': allocate, 'cluster-cidr': cidrs });
const outsiders = Array.from({ length: 21 }, (_, i) => node(`old-${String(i).padStart(2, '0')}`, [`10.96.${i}.0/24`]));

runRuleTests(rule, {
  valid: [
    { name: 'distinct podCIDRs inside the cluster range', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']), node('n2', ['10.244.2.0/24', 'fd00:10:244:2::/64'])] },
    { name: 'no node holds a podCIDR', objects: [DUAL_KUBEADM, node('n1', [])] },
    { name: 'without node CIDR allocation outside ranges are harmless', objects: [kcm('10.244.0.0/16', 'false'), node('n1', ['10.250.0.0/24'])] },
    { name: 'an IPv4-mapped IPv6 podCIDR is not read as a second copy of the IPv4 one', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', '::ffff:10.244.1.0/120'])] },
    { name: 'no cluster range to compare with', objects: [node('n1', ['10.244.1.0/24']), node('n2', ['10.244.2.0/24'])] },
  ],
  invalid: [
    {
      name: 'two nodes with the same podCIDR',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24']), node('n2', ['10.244.1.0/24'])],
      expect: [{ messageId: 'overlap', object: 'Node n2', severity: 'error', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'the same podCIDR after an entry that does not parse is named by its index as written',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24']), node('n2', ['not-a-cidr', '10.244.1.0/24'])],
      expect: [{ messageId: 'overlap', object: 'Node n2', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'a podCIDR nested in another node\'s',
      objects: [DUAL_KUBEADM, node('n1', ['10.244.0.0/23']), node('n2', ['10.244.1.0/24'])],
      expect: [{ messageId: 'overlap', object: 'Node n2' }],
    },
    {
      name: 'IPv6 podCIDR after the cluster CIDR shrank to IPv4',
      objects: [kcm('10.244.0.0/16'), node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64'])],
      expect: [{ messageId: 'outside', object: 'Node n1', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'podCIDR outside the cluster range',
      objects: [kcm('10.244.0.0/16,fd00:10:244::/56'), node('n1', ['10.245.1.0/24', 'fd00:10:244:1::/64'])],
      expect: [{ messageId: 'outside', object: 'Node n1', path: 'spec.podCIDRs[0]' }],
    },
    {
      name: 'more than 20 nodes outside are summarized',
      objects: [kcm('10.244.0.0/16'), ...outsiders],
      expect: [{ messageId: 'outsideMany', object: 'Node old-00' }],
    },
  ],
});

describe('node-pod-cidr-conflict at 100,000 nodes', () => {
  it('finds exactly the planted conflicts (the sweep keeps this O(n log n); timing is in the benchmark)', () => {
    const name = (i: number) => `node-${String(i).padStart(5, '0')}`;
    const cidrOf = (i: number) => `10.${i >> 12}.${(i >> 4) & 255}.${(i & 15) << 4}/28`;
    const objects = Array.from({ length: 100_000 }, (_, i) => node(name(i), [cidrOf(i)]));
    objects[99_999] = node(name(99_999), [cidrOf(0)]);
    objects[99_998] = node(name(99_998), ['10.0.0.32/27']);
    objects[99_997] = node(name(99_997), ['11.0.0.0/28']);
    const model = modelOf(rawObjects([kcm('10.0.0.0/8'), ...objects]));
    const outcome = runRule(rule, model);
    expect(outcome.kind).toBe('ran');
    if (outcome.kind !== 'ran') return;
    expect(outcome.drafts.map((d) => `${d.messageId} ${d.object.ref.name} ${d.message}`).sort()).toEqual([
      'outside node-99997 podCIDR 11.0.0.0/28 lies outside the IPv4 cluster range 10.0.0.0/8 (kube-controller-manager (Pod kube-system/kube-controller-manager-cp1) --cluster-cidr); kube-controller-manager will not start while this node exists',
      'overlap node-00002 podCIDR 10.0.0.32/28 overlaps podCIDR 10.0.0.32/27 of Node node-99998',
      'overlap node-00003 podCIDR 10.0.0.48/28 overlaps podCIDR 10.0.0.32/27 of Node node-99998',
      'overlap node-99999 podCIDR 10.0.0.0/28 overlaps podCIDR 10.0.0.0/28 of Node node-00000',
    ]);
  });
});
