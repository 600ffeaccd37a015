import { describe, expect, it } from 'vitest';
import { handledByMetalLb, labelSelectorMatches, metallbPoolEligibility, metallbRequest } from '../../src/model/config/metallb.js';
import { normalize } from '../../src/model/normalize.js';
import type { ClusterModel } from '../../src/model/types.js';
import { svc } from '../helpers/builders.js';
import { rawObjects } from '../helpers/rule-tester.js';

function modelOf(objects: Record<string, unknown>[]): ClusterModel {
  const { model, errors } = normalize(rawObjects(objects), { target: 'dual' });
  expect(errors).toEqual([]);
  return model;
}

function pool(name: string, spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name, namespace: 'metallb-system' }, spec };
}

describe('IPAddressPool normalization', () => {
  it('parses CIDRs and ranges of both families, and defaults autoAssign to true', () => {
    const [p] = modelOf([pool('dual', { addresses: ['192.168.10.240-192.168.10.250', '2001:db8:10::/124'] })]).metallbPools;
    expect(p.ref).toMatchObject({ kind: 'IPAddressPool', namespace: 'metallb-system', name: 'dual' });
    expect(p.addresses.map((a) => [a.family, a.form])).toEqual([['IPv4', 'range'], ['IPv6', 'cidr']]);
    expect(p.families).toEqual(['IPv4', 'IPv6']);
    expect(p.autoAssign).toBe(true);
    expect(p.serviceAllocation).toBeUndefined();
    expect(p.invalid).toEqual([]);
  });

  it('keeps entries that do not parse as invalid values', () => {
    const [p] = modelOf([pool('bad', { addresses: ['10.0.0.9-10.0.0.1', '10.0.1.0/24'], autoAssign: false })]).metallbPools;
    expect(p.families).toEqual(['IPv4']);
    expect(p.autoAssign).toBe(false);
    expect(p.invalid).toEqual([{ path: 'spec.addresses[0]', value: '10.0.0.9-10.0.0.1', error: expect.stringContaining('ends before it starts') }]);
  });

  it('reads serviceAllocation', () => {
    const [p] = modelOf([
      pool('pinned', {
        addresses: ['10.0.2.0/24'],
        serviceAllocation: {
          priority: 50,
          namespaces: ['team-a'],
          namespaceSelectors: [{ matchLabels: { tier: 'edge' } }],
          serviceSelectors: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }],
        },
      }),
    ]).metallbPools;
    expect(p.serviceAllocation).toEqual({
      priority: 50,
      namespaces: ['team-a'],
      namespaceSelectors: [{ matchLabels: { tier: 'edge' }, matchExpressions: [] }],
      serviceSelectors: [{ matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }],
    });
  });
});

describe('labelSelectorMatches', () => {
  const labels = { app: 'web', tier: 'edge' };
  it('applies matchLabels and every matchExpressions operator', () => {
    expect(labelSelectorMatches({ matchLabels: {}, matchExpressions: [] }, labels)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { app: 'web' }, matchExpressions: [] }, labels)).toBe(true);
    expect(labelSelectorMatches({ matchLabels: { app: 'db' }, matchExpressions: [] }, labels)).toBe(false);
    const expr = (operator: string, values: string[] = []) => ({ matchLabels: {}, matchExpressions: [{ key: 'app', operator, values }] });
    expect(labelSelectorMatches(expr('In', ['web', 'api']), labels)).toBe(true);
    expect(labelSelectorMatches(expr('NotIn', ['web']), labels)).toBe(false);
    expect(labelSelectorMatches(expr('NotIn', ['db']), labels)).toBe(true);
    expect(labelSelectorMatches(expr('Exists'), labels)).toBe(true);
    expect(labelSelectorMatches(expr('DoesNotExist'), labels)).toBe(false);
    expect(labelSelectorMatches(expr('Bogus'), labels)).toBe(false);
  });
});

describe('metallbPoolEligibility', () => {
  const model = modelOf([
    svc({ name: 'web', namespace: 'team-a', type: 'LoadBalancer' }),
    pool('open', { addresses: ['10.0.0.0/24'] }),
    pool('manual', { addresses: ['10.0.1.0/24'], autoAssign: false }),
    pool('ns', { addresses: ['10.0.2.0/24'], serviceAllocation: { namespaces: ['team-a'] } }),
    pool('other-ns', { addresses: ['10.0.3.0/24'], serviceAllocation: { namespaces: ['team-b'] } }),
    pool('ns-selector', { addresses: ['10.0.4.0/24'], serviceAllocation: { namespaceSelectors: [{ matchLabels: { tier: 'edge' } }] } }),
    pool('svc-selector', { addresses: ['10.0.5.0/24'], serviceAllocation: { serviceSelectors: [{ matchLabels: { exposure: 'public' } }] } }),
    pool('priority-only', { addresses: ['10.0.6.0/24'], serviceAllocation: { priority: 10 } }),
  ]);
  const s = model.services[0];
  const by = Object.fromEntries(model.metallbPools.map((p) => [p.ref.name, metallbPoolEligibility(p, s)]));

  it('follows autoAssign and serviceAllocation, and is unknown where Namespace labels decide', () => {
    expect(by).toEqual({
      manual: 'no',
      ns: 'yes',
      'ns-selector': 'unknown',
      open: 'yes',
      'other-ns': 'no',
      'priority-only': 'no',
      'svc-selector': 'no',
    });
  });
});

describe('metallbRequest and handledByMetalLb', () => {
  it('parses the pool and address annotations, current keys first', () => {
    const [s] = modelOf([
      svc({
        type: 'LoadBalancer',
        annotations: {
          'metallb.io/address-pool': 'gold',
          'metallb.universe.tf/loadBalancerIPs': '192.0.2.10, 2001:db8::10,bogus',
        },
      }),
    ]).services;
    const r = metallbRequest(s);
    expect(r.pool).toEqual({ name: 'gold', annotation: 'metallb.io/address-pool' });
    expect(r.ips?.annotation).toBe('metallb.universe.tf/loadBalancerIPs');
    expect(r.ips?.ips.map((ip) => ip.family)).toEqual(['IPv4', 'IPv6']);
    expect(r.ips?.invalid.map((i) => i.value)).toEqual(['bogus']);
    expect(metallbRequest(modelOf([svc({ type: 'LoadBalancer' })]).services[0])).toEqual({});
  });

  it('claims LoadBalancer Services without a class or with a MetalLB class', () => {
    const base = svc({ type: 'LoadBalancer' });
    const withClass = (cls: string) => ({ ...base, spec: { ...(base.spec as object), loadBalancerClass: cls } });
    const services = modelOf([
      base,
      { ...withClass('metallb.io/metallb'), metadata: { name: 'b', namespace: 'default' } },
      { ...withClass('service.k8s.aws/nlb'), metadata: { name: 'c', namespace: 'default' } },
    ]).services;
    expect(services.map((x) => [x.ref.name, x.loadBalancerClass, handledByMetalLb(x)])).toEqual([
      ['b', 'metallb.io/metallb', true],
      ['c', 'service.k8s.aws/nlb', false],
      ['web', undefined, true],
    ]);
    expect(handledByMetalLb(modelOf([svc({ type: 'NodePort' })]).services[0])).toBe(false);
  });
});
