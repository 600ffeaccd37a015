import { defineRule, hostSplit, worklistSeverity, type AddressRelabel, type ModelObject } from '../src/rule-api.js';

/** Where a rule sits, for the message: the embedded config's key and line, or the object's field. */
function placeOf(rule: AddressRelabel): string {
  return rule.embedded ? `${rule.embedded.key} line ${rule.embedded.line} (${rule.embedded.path}, ${rule.scope})` : `${rule.path} (${rule.scope})`;
}

export default defineRule({
  id: 'scrape-address-relabel-ipv4-only',
  code: 'DS604',
  title: 'Prometheus relabelling rebuilds the scrape address in a form IPv6 targets break',
  description:
    'Looks for Prometheus relabel rules that write __address__ (relabel_configs of scrape configs in ConfigMaps, relabelings of ServiceMonitors, PodMonitors and ScrapeConfigs) and join a host to a port after capturing the address with a class that stops at the first colon ([^:]+), or after reading an IPv6-capable IP label without brackets.',
  rationale:
    'Prometheus service discovery writes an IPv6 target as [fd00::5]:8080. The classic pod-annotation rule, regex ([^:]+)(?::\\d+)?;(\\d+) with replacement $1:$2, cannot match that address: the rule is skipped, the prometheus.io/port annotation is ignored and the pod is scraped on the wrong port, or on none. Joining __meta_kubernetes_pod_ip to a port as $1:$2 makes fd00::5:9090, which Prometheus cannot dial. Metrics of IPv6 pods silently stop.',
  remediation:
    'Capture the host lazily from __address__ ((.+?)(?::\\d+)?;(\\d+) with $1:$2, which keeps the brackets), or build the address from the pod IP with one rule per family, bracketing IPv6: regex (\\d+);(([A-Fa-f0-9]{1,4}::?){1,7}[A-Fa-f0-9]{1,4}) with replacement [$2]:$1, as the prometheus-community chart does.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['configMaps', 'prometheusMonitors'],
  targets: ['dual', 'ipv6'],
  sources: [
    'prometheus/prometheus discovery/kubernetes/pod.go and endpoints.go (__address__ is net.JoinHostPort(ip, port): IPv6 in brackets)',
    'prometheus/prometheus model/relabel/relabel.go (the regex is anchored at both ends; a replace rule whose regex does not match leaves the label unchanged)',
    'prometheus-community/helm-charts charts/prometheus values.yaml scrape_configs kubernetes-pods (the [$2]:$1 rule for IPv6 pod IPs)',
  ],
  messages: {
    stopsAtColon: (d: { place: string; group: string; label: string }) =>
      `Relabel rule at ${d.place} captures the host of ${d.label} with ${d.group}, which stops at the first colon: for an IPv6 target the rule does not match (its port is ignored) or cuts the address`,
    unbracketed: (d: { place: string; group: string; label: string }) =>
      `Relabel rule at ${d.place} joins ${d.label}, captured by ${d.group}, to a port without brackets: an IPv6 address becomes an address Prometheus cannot dial`,
  },
  *check(ctx) {
    const severity = worklistSeverity(ctx.model, 'warning', 'pods');
    const holders: readonly { readonly object: ModelObject; readonly rules: readonly AddressRelabel[] }[] = [
      ...ctx.model.configMaps.map((cm) => ({ object: cm, rules: cm.addressRelabels ?? [] })),
      ...ctx.model.prometheusMonitors.map((m) => ({ object: m, rules: m.addressRelabels })),
    ];
    for (const { object, rules } of holders) {
      for (const rule of rules) {
        const split = hostSplit(rule);
        if (!split) continue;
        const key = rule.embedded ? `${rule.embedded.key}:${rule.embedded.path}` : rule.path;
        yield ctx.finding(object, split.kind, { place: placeOf(rule), group: split.group, label: split.label }, {
          path: rule.path,
          severity,
          ipFamily: 'IPv6',
          // A class stopping at ':' can never hold an IPv6 address; an unbracketed join may still be fixed by a later rule.
          confidence: split.kind === 'stopsAtColon' ? 'high' : 'medium',
          key,
        });
      }
    }
  },
});
