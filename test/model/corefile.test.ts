import { describe, expect, it } from 'vitest';
import {
  blockOptions, corefileClusterDomain, fqdn, goRegexpMatches, inZone, parseCorefile, pluginZones, serversFor,
} from '../../src/model/config/corefile.js';
import { normalize } from '../../src/model/normalize.js';
import { rawObjects } from '../helpers/rule-tester.js';

const KUBEADM = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

describe('parseCorefile', () => {
  it('parses the kubeadm default: one server block, plugins with arguments and option blocks', () => {
    const cf = parseCorefile(KUBEADM);
    expect(cf.errors).toEqual([]);
    expect(cf.servers).toHaveLength(1);
    const [server] = cf.servers;
    expect(server.keys).toEqual(['.:53']);
    expect(server.zones).toEqual([{ zone: '.', scheme: 'dns', port: 53 }]);
    expect(server.directives.map((d) => d.name)).toEqual([
      'errors', 'health', 'ready', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance',
    ]);
    const k8s = server.directives[3];
    expect(k8s).toMatchObject({ name: 'kubernetes', args: ['cluster.local', 'in-addr.arpa', 'ip6.arpa'], line: 7 });
    expect(k8s.block.map((d) => [d.name, d.args])).toEqual([
      ['pods', ['insecure']],
      ['fallthrough', ['in-addr.arpa', 'ip6.arpa']],
      ['ttl', ['30']],
    ]);
    expect(server.directives[1].block).toEqual([{ name: 'lameduck', args: ['5s'], block: [], line: 4 }]);
  });

  it('reads several server blocks, keys with schemes, ports and commas, and CIDR keys as reverse zones', () => {
    const cf = parseCorefile('example.org:1053, Example.COM {\n  whoami\n}\ntls://.:853 {\n  forward . 1.1.1.1\n}\n10.96.0.0/16 fd00:10:96::/48 {\n  log\n}\n');
    expect(cf.errors).toEqual([]);
    expect(cf.servers.map((s) => s.zones)).toEqual([
      [{ zone: 'example.org.', scheme: 'dns', port: 1053 }, { zone: 'example.com.', scheme: 'dns', port: 53 }],
      [{ zone: '.', scheme: 'tls', port: 853 }],
      [{ zone: '96.10.in-addr.arpa.', scheme: 'dns', port: 53 }, { zone: '6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa.', scheme: 'dns', port: 53 }],
    ]);
  });

  it('skips comments, keeps quoted arguments whole (with \\" escapes) and backslashes in regexps', () => {
    const cf = parseCorefile('. { # root\n  # a comment line\n  template IN AAAA {\n    match "^(.*)\\.svc\\.cluster\\.local\\.$" # trailing\n    answer "{{ .Name }} 60 IN TXT \\"hi there\\""\n  }\n}\n');
    expect(cf.errors).toEqual([]);
    const t = cf.servers[0].directives[0];
    expect(t).toMatchObject({ name: 'template', args: ['IN', 'AAAA'], line: 3 });
    expect(blockOptions(t, 'match')[0].args).toEqual(['^(.*)\\.svc\\.cluster\\.local\\.$']);
    expect(blockOptions(t, 'answer')[0].args).toEqual(['{{ .Name }} 60 IN TXT "hi there"']);
  });

  it('accepts an option block written on one line', () => {
    const cf = parseCorefile('.:53 {\n  health { lameduck 5s }\n  ready\n}\n');
    expect(cf.errors).toEqual([]);
    expect(cf.servers[0].directives.map((d) => [d.name, d.block.map((b) => b.name)])).toEqual([['health', ['lameduck']], ['ready', []]]);
  });

  it('reads a single server block written without braces', () => {
    const cf = parseCorefile('.:53\nforward . 8.8.8.8\ncache\n');
    expect(cf.errors).toEqual([]);
    expect(cf.servers[0].zones[0].zone).toBe('.');
    expect(cf.servers[0].directives.map((d) => d.name)).toEqual(['forward', 'cache']);
  });

  it('expands imported snippets and keeps file imports as directives', () => {
    const cf = parseCorefile('(noaaaa) {\n  template ANY AAAA {\n    rcode NOERROR\n  }\n}\n.:53 {\n  import noaaaa\n  import /etc/coredns/custom/*.override\n  kubernetes cluster.local\n}\n');
    expect(cf.errors).toEqual([]);
    expect(cf.servers).toHaveLength(1);
    expect(cf.servers[0].directives.map((d) => [d.name, ...d.args])).toEqual([
      ['template', 'ANY', 'AAAA'],
      ['import', '/etc/coredns/custom/*.override'],
      ['kubernetes', 'cluster.local'],
    ]);
  });

  it('reports unbalanced braces and unterminated quotes but keeps what it read', () => {
    const open = parseCorefile('.:53 {\n  kubernetes cluster.local {\n    pods insecure\n}\n');
    expect(open.errors).toEqual(['line 1: "{" is never closed']);
    expect(open.servers[0].directives[0].name).toBe('kubernetes');
    expect(parseCorefile('}\n.:53 {\n  log\n}\n').errors).toEqual(['line 1: unexpected "}"']);
    expect(parseCorefile('.:53 {\n  log "oops\n}\n').errors).toContain('line 2: unterminated quoted string');
  });

  it('parses an empty Corefile', () => {
    expect(parseCorefile('')).toEqual({ servers: [], errors: [] });
  });
});

describe('Corefile semantics', () => {
  it('normalizes names and tests zone membership', () => {
    expect(fqdn('Cluster.Local')).toBe('cluster.local.');
    expect(fqdn('.')).toBe('.');
    expect(inZone('web.default.svc.cluster.local.', 'cluster.local')).toBe(true);
    expect(inZone('cluster.local', 'cluster.local.')).toBe(true);
    expect(inZone('notcluster.local.', 'cluster.local.')).toBe(false);
    expect(inZone('anything.example.', '.')).toBe(true);
  });

  it('routes a name to the most specific server block on each listener', () => {
    const cf = parseCorefile('.:53 {\n  forward . 8.8.8.8\n}\ncluster.local:53 {\n  kubernetes\n}\n.:5353 {\n  log\n}\nexample.org {\n  whoami\n}\n');
    expect(serversFor(cf, 'svc.cluster.local.').map((s) => s.keys[0])).toEqual(['cluster.local:53', '.:5353']);
    expect(serversFor(cf, 'www.example.org.').map((s) => s.keys[0])).toEqual(['example.org', '.:5353']);
  });

  it('takes plugin zones from the arguments, else from the server block', () => {
    const cf = parseCorefile('cluster.local:53 in-addr.arpa:53 {\n  kubernetes\n  template IN AAAA Example.ORG\n}\n');
    const [server] = cf.servers;
    expect(pluginZones(server, server.directives[0])).toEqual(['cluster.local.', 'in-addr.arpa.']);
    expect(pluginZones(server, server.directives[1], 2)).toEqual(['example.org.']);
  });

  it('finds the cluster domain in the kubernetes plugin', () => {
    expect(corefileClusterDomain(parseCorefile(KUBEADM))).toBe('cluster.local.');
    expect(corefileClusterDomain(parseCorefile('.:53 {\n  kubernetes in-addr.arpa corp.internal\n}\n'))).toBe('corp.internal.');
    expect(corefileClusterDomain(parseCorefile('.:53 {\n  forward . 8.8.8.8\n}\n'))).toBeUndefined();
  });

  it('evaluates Go regexps, and gives up on syntax JavaScript reads differently', () => {
    expect(goRegexpMatches('^(?P<name>[a-z]+)\\.svc\\.cluster\\.local\\.$', 'web.svc.cluster.local.')).toBe(true);
    expect(goRegexpMatches('(?i)EXAMPLE\\.COM\\.$', 'www.example.com.')).toBe(true);
    expect(goRegexpMatches('\\.example\\.com\\.$', 'web.default.svc.cluster.local.')).toBe(false);
    expect(goRegexpMatches('\\Aweb', 'web.')).toBeUndefined();
    expect(goRegexpMatches('(?s).*', 'web.')).toBeUndefined();
    expect(goRegexpMatches('([', 'web.')).toBeUndefined();
  });
});

describe('ConfigMap.corefile', () => {
  it('is parsed for ConfigMaps with a Corefile key only', () => {
    const { model } = normalize(
      rawObjects([
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: KUBEADM } },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'kube-system' }, data: { foo: 'bar' } },
      ]),
      { target: 'dual' },
    );
    const [coredns, other] = model.configMaps;
    expect(coredns.corefile?.servers[0].directives[3].name).toBe('kubernetes');
    expect(other.corefile).toBeUndefined();
  });
});
