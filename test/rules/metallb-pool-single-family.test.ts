import { describe, expect, it } from 'vitest';
import rule from '../../rules/metallb-pool-single-family.js';
import { runRule } from '../../src/engine/run.js';
import { normalize } from '../../src/model/normalize.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { rawObjects, runRuleTests } from '../helpers/rule-tester.js';

/** A MetalLB IPAddressPool in metallb-system. */
function pool(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec };
}

const DUAL_POOL = pool('dual', { addresses: ['192.168.10.240-192.168.10.250', '2001:db8:10::/124'] });
const V4_POOL = pool('v4', { addresses: ['192.168.20.0/28'] });
const V6_POOL = pool('v6', { addresses: ['2001:db8:20::10-2001:db8:20::1f'] });

runRuleTests(rule, {
  valid: [
    { name: 'RequireDualStack Service with a dual pool', objects: [DUAL_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })] },
    { name: 'single-stack IPv4 Service with an IPv4 pool', objects: [DUAL_KUBEADM, V4_POOL, svc({ type: 'LoadBalancer' })] },
    {
      name: 'a Service of another load-balancer class',
      objects: [V4_POOL, { ...svc({ type: 'LoadBalancer', policy: 'RequireDualStack' }), spec: { type: 'LoadBalancer', ipFamilyPolicy: 'RequireDualStack', loadBalancerClass: 'service.k8s.aws/nlb', ports: [{ port: 80 }] } }],
    },
    {
      name: 'loadBalancerIPs lists both families',
      objects: [V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack', annotations: { 'metallb.io/loadBalancerIPs': '192.168.20.5,2001:db8:20::15' } })],
    },
    {
      name: 'a pool selected by Namespace labels counts as usable',
      objects: [pool('edge', { addresses: ['10.0.0.0/28', 'fd00:1::/124'], serviceAllocation: { namespaceSelectors: [{ matchLabels: { tier: 'edge' } }] } }), svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
    },
    { name: 'a Service naming a pool that is not in the input', objects: [V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack', annotations: { 'metallb.io/address-pool': 'gold' } })] },
    { name: 'ClusterIP Services are not MetalLB\'s', objects: [V4_POOL, svc({ policy: 'RequireDualStack' })] },
  ],
  invalid: [
    {
      name: 'RequireDualStack Service with only an IPv4 pool is an error',
      objects: [V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web', severity: 'error', path: 'spec.ipFamilies' }],
    },
    {
      name: 'PreferDualStack Service on a dual cluster is a warning',
      objects: [DUAL_KUBEADM, V4_POOL, svc({ type: 'LoadBalancer', policy: 'PreferDualStack' })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web', severity: 'warning' }],
    },
    {
      name: 'single-stack IPv6 Service with only IPv4 pools',
      objects: [DUAL_KUBEADM, V4_POOL, svc({ type: 'LoadBalancer', policy: 'SingleStack', families: ['IPv6'] })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web', severity: 'warning' }],
    },
    {
      name: 'an IPv6 pool with autoAssign false is not used',
      objects: [V4_POOL, pool('v6-manual', { addresses: ['2001:db8:30::/120'], autoAssign: false }), svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web' }],
    },
    {
      name: 'an IPv6 pool pinned to another namespace is not used',
      objects: [V4_POOL, pool('v6-team-b', { addresses: ['2001:db8:30::/120'], serviceAllocation: { namespaces: ['team-b'] } }), svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web' }],
    },
    {
      name: 'the annotated pool is the only one used',
      objects: [DUAL_POOL, V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack', annotations: { 'metallb.universe.tf/address-pool': 'v4' } })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web', severity: 'error' }],
    },
    {
      name: 'families only in separate pools',
      objects: [V4_POOL, V6_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
      expect: [{ messageId: 'familiesSplitAcrossPools', object: 'Service default/web', severity: 'error', path: 'spec.ipFamilies' }],
    },
    {
      name: 'loadBalancerIPs lists one family of a dual-stack Service',
      objects: [DUAL_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack', annotations: { 'metallb.io/loadBalancerIPs': '192.168.10.241' } })],
      expect: [{ messageId: 'annotationMissingFamily', object: 'Service default/web', severity: 'error', path: 'metadata.annotations' }],
    },
    {
      name: 'RequireDualStack Service on an IPv4 cluster is a worklist item',
      objects: [IPV4_KUBEADM, V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })],
      expect: [{ messageId: 'noPoolForFamily', object: 'Service default/web', severity: 'info' }],
    },
  ],
  notAssessed: [
    { name: 'no IPAddressPool in the input', objects: [svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })] },
    { name: 'single-stack target', objects: [V4_POOL, svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })], target: 'ipv4' },
  ],
});

describe('metallb-pool-single-family on a live cluster without MetalLB', () => {
  it('reports nothing when the IPAddressPool API is read and holds no pools', () => {
    const { model } = normalize(rawObjects([svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })]), {
      target: 'dual',
      availability: { metallbPools: { status: 'present' } },
    });
    expect(runRule(rule, model)).toEqual({ kind: 'ran', drafts: [] });
  });
});
