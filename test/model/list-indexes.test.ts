import { describe, expect, it } from 'vitest';
import { listenAddresses } from '../../src/model/config/listen-addresses.js';
import { normalize } from '../../src/model/normalize.js';
import { rawObjects } from '../helpers/rule-tester.js';

const svc = {
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' },
  spec: {
    clusterIPs: ['10.96.0.5', null, 'fd00:10:96::5', 'bad'],
    ipFamilies: [null, 'IPv4', 'IPv6'],
    externalIPs: [null, '192.0.2.1'],
    loadBalancerSourceRanges: [null, '10.0.0.0/8'],
  },
};
const node = {
  apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' },
  spec: { podCIDRs: [null, '10.244.1.0/24'] },
  status: { addresses: [null, { type: 'InternalIP', address: '10.0.0.1' }] },
};
const pod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] },
  status: { podIPs: [null, { ip: '' }, { ip: '10.244.1.5' }, { ip: 'fd00::zz' }] },
};

describe('list entries keep the index they have as written', () => {
  const { model, errors } = normalize(rawObjects([svc, node, pod]), { target: 'dual' });

  it('null items are input errors and keep their slot', () => {
    expect(errors.map((e) => e.message)).toEqual([
      'Service web: spec.clusterIPs[1] must be a string, got null',
      'Service web: spec.ipFamilies[0] must be a string, got null',
      'Service web: spec.externalIPs[0] must be a string, got null',
      'Service web: spec.loadBalancerSourceRanges[0] must be a string, got null',
      'Node n1: spec.podCIDRs[0] must be a string, got null',
    ]);
  });

  it('parsed entries carry their own path', () => {
    const s = model.services[0];
    expect(s.clusterIPs.map((ip) => ip.path)).toEqual(['spec.clusterIPs[0]', 'spec.clusterIPs[2]']);
    expect(s.invalid.map((i) => i.path)).toEqual(['spec.clusterIPs[3]']);
    expect(s.ipFamilyPaths).toEqual(['spec.ipFamilies[1]', 'spec.ipFamilies[2]']);
    expect(s.externalIPs.map((ip) => ip.path)).toEqual(['spec.externalIPs[1]']);
    expect(s.loadBalancerSourceRanges.map((c) => c.path)).toEqual(['spec.loadBalancerSourceRanges[1]']);
    const n = model.nodes[0];
    expect(n.podCIDRs.map((c) => c.path)).toEqual(['spec.podCIDRs[1]']);
    expect(n.addresses.map((a) => a.path)).toEqual(['status.addresses[1]']);
  });

  it('keeps the pod IPs that do not parse', () => {
    const p = model.pods[0];
    expect(p.podIPs.map((ip) => ip.path)).toEqual(['status.podIPs[2]']);
    expect(p.invalid).toEqual([{ path: 'status.podIPs[3]', value: 'fd00::zz', error: '"fd00::zz" is not a valid IP address' }]);
  });
});

describe('containers and env entries keep the index they have as written', () => {
  it('a null container or env entry does not shift the path of the next', () => {
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { containers: [null, { name: 'app', env: [null, { name: 'LISTEN_ADDR', value: '0.0.0.0:80' }] }] } } },
    };
    const { model } = normalize(rawObjects([deploy]), { target: 'dual' });
    expect(listenAddresses(model.workloads[0].podTemplate).map((a) => a.path)).toEqual(['spec.template.spec.containers[1].env[1].value']);
  });
});

describe('command and args keep the index they have as written', () => {
  it('a null argument is an input error and does not shift the path of the next', () => {
    const deploy = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { template: { spec: { containers: [{ name: 'app', args: ['--verbose', null, '--bind-address=0.0.0.0'] }] } } },
    };
    const { model, errors } = normalize(rawObjects([deploy]), { target: 'dual' });
    expect(errors.map((e) => e.message)).toEqual(['Deployment web: spec.template.spec.containers[0].args[1] must be a string, got null']);
    expect(listenAddresses(model.workloads[0].podTemplate).map((a) => a.path)).toEqual(['spec.template.spec.containers[0].args[2]']);
  });
});
