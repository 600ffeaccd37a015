import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText, parseExternalCidrFlags, resolveConfig } from '../../src/engine/config.js';
import { defaultRegistry } from '../../src/engine/registry.js';

describe('external networks in the config file', () => {
  it('reads name, cidr and severity', () => {
    const cfg = parseConfigText('externalNetworks:\n  - name: on-prem\n    cidr: 10.0.0.0/8\n  - cidr: "2001:db8::/32"\n    severity: warning\n', '.dsaudit.yaml');
    expect(cfg.externalNetworks).toEqual([
      { name: 'on-prem', cidr: '10.0.0.0/8', source: '.dsaudit.yaml' },
      { cidr: '2001:db8::/32', severity: 'warning', source: '.dsaudit.yaml' },
    ]);
  });

  it.each([
    ['externalNetworks: 10.0.0.0/8\n', /externalNetworks must be a list/],
    ['externalNetworks:\n  - name: x\n', /externalNetworks\[0\] needs a cidr/],
    ['externalNetworks:\n  - cidr: 10.0.0.0/33\n', /externalNetworks\[0\]: "10.0.0.0\/33" has a prefix length out of range/],
    ['externalNetworks:\n  - cidr: 10.0.0.0/8\n    severity: fatal\n', /severity must be one of error, warning, info/],
    ['externalNetworks:\n  - cidr: 10.0.0.0/8\n    zone: eu\n', /unknown key "zone"/],
  ])('rejects %j', (text, message) => {
    expect(() => parseConfigText(text, '.dsaudit.yaml')).toThrow(ConfigError);
    expect(() => parseConfigText(text, '.dsaudit.yaml')).toThrow(message);
  });
});

describe('--external-cidr', () => {
  it('accepts CIDR or NAME=CIDR', () => {
    expect(parseExternalCidrFlags(['10.0.0.0/8', 'vpn=fd00:8::/48'])).toEqual([
      { cidr: '10.0.0.0/8', source: '--external-cidr' },
      { name: 'vpn', cidr: 'fd00:8::/48', source: '--external-cidr' },
    ]);
  });

  it('rejects invalid CIDRs and empty names', () => {
    expect(() => parseExternalCidrFlags(['vpn=10.0.0.0'])).toThrow(/--external-cidr vpn=10.0.0.0: "10.0.0.0" is not a CIDR/);
    expect(() => parseExternalCidrFlags(['=10.0.0.0/8'])).toThrow(/empty name/);
  });

  it('adds to the networks of the config file', () => {
    const file = parseConfigText('externalNetworks:\n  - name: on-prem\n    cidr: 10.0.0.0/8\n', '.dsaudit.yaml');
    const eff = resolveConfig(defaultRegistry(), file, { externalCidrs: ['lab=192.168.0.0/16'] });
    expect(eff.externalNetworks.map((e) => e.name)).toEqual(['on-prem', 'lab']);
  });
});
