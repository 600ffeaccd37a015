import {
  blockOptions, corefileClusterDomain, defineRule, fqdn, goRegexpMatches, inZone, pluginZones, serversFor, worklistSeverity,
  type ConfigMap, type CorefileServer,
} from '../src/rule-api.js';

const DEFAULT_DOMAIN = 'cluster.local.';
const IP6_ARPA = 'ip6.arpa.';

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

function isCoreDnsConfigMap(cm: ConfigMap): boolean {
  return cm.ref.namespace === 'kube-system' && cm.ref.name === 'coredns';
}

export default defineRule({
  id: 'coredns-aaaa-suppressed',
  code: 'DS116',
  title: 'CoreDNS suppresses AAAA answers or does not serve ip6.arpa',
  description:
    'Reads the Corefile of ConfigMap kube-system/coredns: template or rewrite directives that blank or rewrite AAAA queries for cluster names, and a kubernetes plugin whose zones leave out ip6.arpa.',
  rationale:
    'Dual-stack Services and headless endpoints are published as AAAA records; an AAAA-blocking snippet copied from an IPv4-only cluster silently turns IPv6 service discovery off, and without ip6.arpa reverse lookups of IPv6 pod and Service addresses fail.',
  remediation:
    'Remove the AAAA template or rewrite from the server block that answers the cluster domain (or scope it to zones outside it), and add ip6.arpa to the kubernetes plugin zones, as kubeadm does: kubernetes cluster.local in-addr.arpa ip6.arpa.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['configMaps', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://coredns.io/plugins/template/ (no answer yields an empty answer section; zones default to the server zones)',
    'https://coredns.io/plugins/rewrite/ (rewrite type FROM TO)',
    'https://github.com/kubernetes/dns/blob/master/docs/specification.md (AAAA records for IPv6 cluster IPs)',
    'kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go#CoreDNSConfigMap (kubernetes <domain> in-addr.arpa ip6.arpa)',
  ],
  messages: {
    templateSuppressesAaaa: (d: { line: number; directive: string; domain: string }) =>
      `Corefile line ${d.line}: "${d.directive}" answers ${d.domain} AAAA queries with no records; clients never learn IPv6 Service addresses`,
    rewriteSuppressesAaaa: (d: { line: number; directive: string; domain: string }) =>
      `Corefile line ${d.line}: "${d.directive}" turns AAAA queries for ${d.domain} into another type; clients never learn IPv6 Service addresses`,
    ip6ArpaNotServed: (d: { line: number; zones: string }) =>
      `Corefile line ${d.line}: the kubernetes plugin serves ${d.zones} but not ip6.arpa; reverse lookups of IPv6 pod and Service addresses fail`,
  },
  *check(ctx) {
    const model = ctx.model;
    const configMaps = model.configMaps.filter(isCoreDnsConfigMap);
    if (configMaps.length === 0) ctx.notAssessed('ConfigMap kube-system/coredns (the CoreDNS Corefile) is not in the input');
    const withCorefile = configMaps.filter((cm) => cm.corefile !== undefined);
    if (withCorefile.length === 0) ctx.notAssessed('ConfigMap kube-system/coredns has no Corefile key');
    for (const cm of withCorefile) {
      const corefile = cm.corefile;
      if (!corefile) continue;
      const domain = corefileClusterDomain(corefile) ?? DEFAULT_DOMAIN;
      const shown = domain.replace(/\.$/, '');
      const servers: CorefileServer[] = serversFor(corefile, `svc.${domain}`);
      for (const server of servers) {
        for (const d of server.directives) {
          const text = [d.name, ...d.args].join(' ');
          if (d.name === 'template') {
            const [cls = '', type = ''] = d.args.map((a) => a.toUpperCase());
            if (!['IN', 'ANY'].includes(cls) || !['AAAA', 'ANY'].includes(type)) continue;
            const zones = pluginZones(server, d, 2);
            if (!coversClusterNames(zones, domain) || blockOptions(d, 'answer').length > 0) continue;
            // A match regexp that no cluster name satisfies scopes the template away from Services.
            const patterns = blockOptions(d, 'match').flatMap((m) => m.args);
            const names = serviceNames(domain, zones);
            if (patterns.length > 0 && patterns.every((p) => names.every((n) => goRegexpMatches(p, n) === false))) continue;
            yield ctx.finding(cm, 'templateSuppressesAaaa', { line: d.line, directive: text, domain: shown }, {
              path: 'data.Corefile',
              severity: worklistSeverity(model, 'error', 'pods'),
              ipFamily: 'IPv6',
              key: `template@${d.line}`,
            });
          } else if (d.name === 'rewrite') {
            const args = ['continue', 'stop'].includes(d.args[0] ?? '') ? d.args.slice(1) : d.args;
            if (args[0] !== 'type' || args[1]?.toUpperCase() !== 'AAAA' || args[2] === undefined || args[2].toUpperCase() === 'AAAA') continue;
            yield ctx.finding(cm, 'rewriteSuppressesAaaa', { line: d.line, directive: text, domain: shown }, {
              path: 'data.Corefile',
              severity: worklistSeverity(model, 'error', 'pods'),
              ipFamily: 'IPv6',
              key: `rewrite@${d.line}`,
            });
          }
        }
      }
      const kubernetes = corefile.servers.flatMap((s) => s.directives.filter((d) => d.name === 'kubernetes').map((d) => ({ d, zones: pluginZones(s, d) })));
      const first = kubernetes[0];
      if (first && !kubernetes.some((k) => k.zones.some((z) => inZone(IP6_ARPA, z) || inZone(z, IP6_ARPA)))) {
        yield ctx.finding(cm, 'ip6ArpaNotServed', { line: first.d.line, zones: first.zones.map((z) => fqdn(z).replace(/\.$/, '') || '.').join(' ') }, {
          path: 'data.Corefile',
          severity: 'info',
          ipFamily: 'IPv6',
          key: 'ip6.arpa',
        });
      }
    }
  },
});
