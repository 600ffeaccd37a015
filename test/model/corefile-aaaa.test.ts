import { describe, expect, it } from 'vitest';
import { corefileIpv6Facts, isClusterDnsService, isCoreDnsConfigMap } from '../../src/model/config/corefile-aaaa.js';
import { parseCorefile } from '../../src/model/config/corefile.js';

const facts = (text: string) => corefileIpv6Facts(parseCorefile(text));

describe('corefileIpv6Facts', () => {
  it('a kubeadm Corefile: nothing suppressed, ip6.arpa served', () => {
    expect(facts('.:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa\n    forward . /etc/resolv.conf\n}\n')).toEqual({
      domain: 'cluster.local',
      suppressions: [],
      kubernetes: { line: 2, zones: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'], ip6ArpaServed: true },
    });
  });

  it('names each suppressing template and rewrite by line, in the server blocks answering the cluster domain, and the zones without ip6.arpa', () => {
    const f = facts([
      '.:53 {',
      '    template IN AAAA .',
      '    rewrite stop type AAAA A',
      '    kubernetes corp.example in-addr.arpa',
      '}',
      'other.example:53 {',
      '    template IN AAAA other.example',
      '}',
      '',
    ].join('\n'));
    expect(f.domain).toBe('corp.example');
    expect(f.suppressions).toEqual([
      { kind: 'template', line: 2, directive: 'template IN AAAA .' },
      { kind: 'rewrite', line: 3, directive: 'rewrite stop type AAAA A' },
    ]);
    expect(f.kubernetes).toEqual({ line: 4, zones: ['corp.example', 'in-addr.arpa'], ip6ArpaServed: false });
  });

  it('a template with an answer, one for A only, or one whose match no cluster name satisfies suppresses nothing', () => {
    const f = facts([
      '.:53 {',
      '    template IN AAAA . {',
      '        answer "{{ .Name }} 60 IN AAAA ::1"',
      '    }',
      '    template IN A .',
      '    template IN AAAA . {',
      '        match ^ads\\.example\\.$',
      '    }',
      '    kubernetes cluster.local',
      '}',
      '',
    ].join('\n'));
    expect(f.suppressions).toEqual([]);
  });

  it('no kubernetes plugin: no zones fact', () => {
    expect(facts('.:53 {\n    forward . 8.8.8.8\n}\n').kubernetes).toBeUndefined();
  });
});

describe('cluster DNS objects', () => {
  it('ConfigMap kube-system/coredns and Service kube-system/kube-dns, nothing else', () => {
    expect(isCoreDnsConfigMap({ namespace: 'kube-system', name: 'coredns' })).toBe(true);
    expect(isCoreDnsConfigMap({ namespace: 'default', name: 'coredns' })).toBe(false);
    expect(isClusterDnsService({ namespace: 'kube-system', name: 'kube-dns' })).toBe(true);
    expect(isClusterDnsService({ namespace: 'kube-system', name: 'coredns' })).toBe(false);
  });
});
