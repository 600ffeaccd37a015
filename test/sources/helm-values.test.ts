import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { parseHelmValuesFlag, readHelmValues } from '../../src/sources/helm-values.js';
import { rawObjects } from '../helpers/rule-tester.js';
import { DUAL_KUBEADM } from '../helpers/builders.js';

const build = (objects: Parameters<typeof normalize>[0]) => normalize(objects, { target: 'dual' }).model;

describe('--helm-values CHART=FILE', () => {
  it('accepts only CHART=FILE of a chart dsaudit reads', () => {
    expect(parseHelmValuesFlag('cilium=values.yaml')).toEqual({ chart: 'cilium', file: 'values.yaml' });
    expect(parseHelmValuesFlag('values.yaml')).toHaveProperty('error');
    expect(parseHelmValuesFlag('calico=values.yaml')).toEqual({ error: '--helm-values: chart "calico" is not one dsaudit reads (cilium)' });
  });

  it('reads a values file as Cilium configuration, chart defaults filled in, with file positions', () => {
    const read = readHelmValues([{ chart: 'cilium', file: 'fixtures/helm-values/cilium-chart-defaults-1.13.yaml' }], process.cwd());
    expect(read.errors).toEqual([]);
    const model = build([...rawObjects([DUAL_KUBEADM]), ...read.objects]);
    const [cilium] = model.cni.configs;
    expect(cilium.plugin).toBe('cilium');
    expect(cilium.families).toEqual(['IPv4']);
    expect(cilium.missing[0].reasons.map((r) => [r.text, r.path, r.origin?.kind === 'file' ? r.origin.file : undefined])).toEqual([
      ['ipv6.enabled: false', 'ipv6.enabled', 'fixtures/helm-values/cilium-chart-defaults-1.13.yaml'],
    ]);
    // The deprecated single CIDR stands in for the empty list (chart 1.13); IPv6 keys are not rendered while IPv6 is off.
    expect(cilium.pools.map((p) => [p.text, p.block?.size, p.block?.setting])).toEqual([['ipam.operator.clusterPoolIPv4PodCIDR: 10.0.0.0/8', 24, 'ipam.operator.clusterPoolIPv4MaskSize']]);
  });

  it('is an input error when the file is no mapping or does not exist', () => {
    expect(readHelmValues([{ chart: 'cilium', file: 'nope.yaml' }], process.cwd()).errors[0].file).toBe('nope.yaml');
  });
});

describe('CiliumConfig (cilium-olm)', () => {
  it('reads spec as Helm values, taking chart defaults for unset keys', () => {
    const model = build(rawObjects([{
      apiVersion: 'cilium.io/v1alpha1', kind: 'CiliumConfig', metadata: { name: 'cilium', namespace: 'cilium' },
      spec: { ipv6: { enabled: true }, enableIPv6Masquerade: false, ipam: { operator: { clusterPoolIPv6PodCIDRList: ['fd00:10:244::/56'], clusterPoolIPv6MaskSize: 64 } } },
    }]));
    const [cilium] = model.cni.configs;
    expect(cilium.source).toBe('CiliumConfig cilium/cilium');
    expect(cilium.families).toEqual(['IPv4', 'IPv6']);
    expect(cilium.pools.map((p) => [p.cidr.text, p.block?.size, p.block?.setting, p.path, p.masquerade?.on])).toEqual([
      ['10.0.0.0/8', 24, 'ipam.operator.clusterPoolIPv4MaskSize (default 24)', 'spec.ipam.operator.clusterPoolIPv4PodCIDRList', true],
      ['fd00:10:244::/56', 64, 'ipam.operator.clusterPoolIPv6MaskSize', 'spec.ipam.operator.clusterPoolIPv6PodCIDRList', false],
    ]);
  });

  it('yields to the cilium-config ConfigMap in effect', () => {
    const model = build(rawObjects([
      { apiVersion: 'cilium.io/v1alpha1', kind: 'CiliumConfig', metadata: { name: 'cilium', namespace: 'cilium' }, spec: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data: { 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'cluster-pool-ipv6-cidr': 'fd00::/104' } },
    ]));
    expect(model.cni.configs.map((c) => c.source)).toEqual(['ConfigMap kube-system/cilium-config']);
  });
});
