import { corefileIpv6Facts, defineRule, isCoreDnsConfigMap, worklistSeverity, type ConfigMap } from '../src/rule-api.js';

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
    const configMaps = model.configMaps.filter((cm: ConfigMap) => isCoreDnsConfigMap(cm.ref));
    if (configMaps.length === 0) ctx.notAssessed('ConfigMap kube-system/coredns (the CoreDNS Corefile) is not in the input');
    const withCorefile = configMaps.filter((cm) => cm.corefile !== undefined);
    if (withCorefile.length === 0) ctx.notAssessed('ConfigMap kube-system/coredns has no Corefile key');
    for (const cm of withCorefile) {
      if (!cm.corefile) continue;
      const facts = corefileIpv6Facts(cm.corefile);
      for (const s of facts.suppressions) {
        yield ctx.finding(cm, s.kind === 'template' ? 'templateSuppressesAaaa' : 'rewriteSuppressesAaaa', { line: s.line, directive: s.directive, domain: facts.domain }, {
          path: 'data.Corefile',
          severity: worklistSeverity(model, 'error', 'pods'),
          ipFamily: 'IPv6',
          key: `${s.kind}@${s.line}`,
        });
      }
      const k = facts.kubernetes;
      if (k && !k.ip6ArpaServed) {
        yield ctx.finding(cm, 'ip6ArpaNotServed', { line: k.line, zones: k.zones.join(' ') }, {
          path: 'data.Corefile',
          severity: 'info',
          ipFamily: 'IPv6',
          key: 'ip6.arpa',
        });
      }
    }
  },
});
