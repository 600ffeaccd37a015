import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { rawObjects } from '../helpers/rule-tester.js';

const slice = (name: string, addressType: string, addresses: unknown[][]) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, namespace: 'default' },
  addressType, endpoints: addresses.map((a) => ({ addresses: a })),
});

describe('EndpointSlice non-canonical addresses', () => {
  const { model } = normalize(rawObjects([
    slice('a', 'IPv4', [['10.244.1.5'], ['10.244.1.6']]),
    slice('b', 'IPv6', [['fd00::5']]),
    slice('c', 'IPv4', [['10.244.1.5'], [null, '10.244.001.007', '256.0.0.01']]),
    slice('d', 'IPv6', [['FD00::5']]),
    slice('e', 'FQDN', [['010.example.com'], ['010.0.0.1']]),
  ]), { target: 'dual' });
  const byName = new Map(model.endpointSlices.map((s) => [s.ref.name, s]));

  it('are kept, parsed, under the path of the entry as written; unparsable text is left out', () => {
    expect(byName.get('c')!.nonCanonicalAddresses.map((ip) => [ip.path, ip.text, ip.canonical])).toEqual([['endpoints[1].addresses[1]', '10.244.001.007', '10.244.1.7']]);
    expect(byName.get('d')!.nonCanonicalAddresses.map((ip) => ip.canonical)).toEqual(['fd00::5']);
    expect(byName.get('c')!.endpoints[1].addresses).toEqual(['10.244.001.007', '256.0.0.01']);
  });

  it('share one frozen empty list in the usual case, and FQDN slices hold names', () => {
    const empty = byName.get('a')!.nonCanonicalAddresses;
    expect(empty).toEqual([]);
    expect(Object.isFrozen(empty)).toBe(true);
    expect(byName.get('b')!.nonCanonicalAddresses).toBe(empty);
    expect(byName.get('e')!.nonCanonicalAddresses).toBe(empty);
  });
});
