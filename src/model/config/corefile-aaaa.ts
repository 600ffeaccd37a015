/** Cluster DNS and IPv6: where a Corefile keeps cluster names from IPv6 (AAAA-suppressing templates and rewrites, the kubernetes plugin's reverse zones), and which objects are the cluster DNS. */
import { blockOptions, corefileClusterDomain, fqdn, goRegexpMatches, inZone, pluginZones, serversFor, type Corefile, type CorefileDirective } from './corefile.js';

const DEFAULT_DOMAIN = 'cluster.local.';
const IP6_ARPA = 'ip6.arpa.';

/** One directive that answers cluster-name AAAA queries with no records (`template`) or as another type (`rewrite`). */
export interface AaaaSuppression {
  readonly kind: 'template' | 'rewrite';
  readonly line: number;
  /** The directive as written: `template IN AAAA cluster.local`. */
  readonly directive: string;
}

/** The kubernetes plugin's zones, for the first kubernetes directive, and whether any of them serves ip6.arpa. */
export interface KubernetesReverseZones {
  readonly line: number;
  /** Zones of the first kubernetes directive, without the trailing dot (`cluster.local in-addr.arpa`). */
  readonly zones: readonly string[];
  readonly ip6ArpaServed: boolean;
}

/** What a Corefile does to IPv6 service discovery. */
export interface CorefileIpv6Facts {
  /** The cluster domain (from the kubernetes plugin; `cluster.local` by default), without the trailing dot. */
  readonly domain: string;
  readonly suppressions: readonly AaaaSuppression[];
  /** Undefined when no server block has a kubernetes plugin. */
  readonly kubernetes?: KubernetesReverseZones;
}

/** Names a Service lookup produces: ClusterIP, headless per-pod, SRV, and the API server's own. */
function serviceNames(domain: string, zones: readonly string[]): string[] {
  const names = ['kubernetes.default', 'web.default', 'web-0.web.default', '_https._tcp.web.default'].map((n) => `${n}.svc.${domain}`);
  for (const z of zones) if (z !== domain && inZone(z, domain)) names.push(`web.${z}`);
  return names;
}

/** Template zones overlap the cluster domain: one contains the other. */
function coversClusterNames(zones: readonly string[], domain: string): boolean {
  return zones.some((z) => inZone(domain, z) || inZone(z, domain));
}

/**
 * A template without an answer yields an empty answer section for the zones it covers (defaulting to
 * the server block's), https://coredns.io/plugins/template/; `rewrite type AAAA A` asks another type
 * (https://coredns.io/plugins/rewrite/).
 */
function suppression(d: CorefileDirective, zones: () => string[], domain: string): AaaaSuppression['kind'] | undefined {
  if (d.name === 'template') {
    const [cls = '', type = ''] = d.args.map((a) => a.toUpperCase());
    if (!['IN', 'ANY'].includes(cls) || !['AAAA', 'ANY'].includes(type)) return undefined;
    const z = zones();
    if (!coversClusterNames(z, domain) || blockOptions(d, 'answer').length > 0) return undefined;
    // A match regexp that no cluster name satisfies scopes the template away from Services.
    const patterns = blockOptions(d, 'match').flatMap((m) => m.args);
    const names = serviceNames(domain, z);
    if (patterns.length > 0 && patterns.every((p) => names.every((n) => goRegexpMatches(p, n) === false))) return undefined;
    return 'template';
  }
  if (d.name === 'rewrite') {
    const args = ['continue', 'stop'].includes(d.args[0] ?? '') ? d.args.slice(1) : d.args;
    if (args[0] !== 'type' || args[1]?.toUpperCase() !== 'AAAA' || args[2] === undefined || args[2].toUpperCase() === 'AAAA') return undefined;
    return 'rewrite';
  }
  return undefined;
}

/** Reads a Corefile's IPv6 service-discovery facts, in directive order of the server blocks answering the cluster domain. */
export function corefileIpv6Facts(corefile: Corefile): CorefileIpv6Facts {
  const domain = corefileClusterDomain(corefile) ?? DEFAULT_DOMAIN;
  const suppressions: AaaaSuppression[] = [];
  for (const server of serversFor(corefile, `svc.${domain}`)) {
    for (const d of server.directives) {
      const kind = suppression(d, () => pluginZones(server, d, 2), domain);
      if (kind) suppressions.push({ kind, line: d.line, directive: [d.name, ...d.args].join(' ') });
    }
  }
  const kubernetes = corefile.servers.flatMap((s) => s.directives.filter((d) => d.name === 'kubernetes').map((d) => ({ d, zones: pluginZones(s, d) })));
  const first = kubernetes[0];
  return {
    domain: domain.replace(/\.$/, ''),
    suppressions,
    ...(first ? {
      kubernetes: {
        line: first.d.line,
        zones: first.zones.map((z) => fqdn(z).replace(/\.$/, '') || '.'),
        ip6ArpaServed: kubernetes.some((k) => k.zones.some((z) => inZone(IP6_ARPA, z) || inZone(z, IP6_ARPA))),
      },
    } : {}),
  };
}

/** The ConfigMap kubeadm and most distributions keep CoreDNS's Corefile in (kubeadm phases/addons/dns). */
export function isCoreDnsConfigMap(ref: { readonly namespace?: string; readonly name: string }): boolean {
  return ref.namespace === 'kube-system' && ref.name === 'coredns';
}

/** The Service kubeadm's CoreDNS addon (and kube-dns before it) publishes the cluster DNS on; kubelet clusterDNS points at its ClusterIPs. */
export function isClusterDnsService(ref: { readonly namespace?: string; readonly name: string }): boolean {
  return ref.namespace === 'kube-system' && ref.name === 'kube-dns';
}
