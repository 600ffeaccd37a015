import { defineRule, worklistSeverity, type ConfigMap } from '../src/rule-api.js';

/** Go strconv.ParseBool true values: ingress-nginx decodes its ConfigMap with weakly typed mapstructure. */
const TRUE = new Set(['1', 't', 'T', 'true', 'TRUE', 'True']);

/** The controller ConfigMap: the chart and static manifests name it `<release>-ingress-nginx-controller` and label it. */
function isIngressNginx(cm: ConfigMap): boolean {
  return cm.ref.name.endsWith('ingress-nginx-controller') || cm.labels['app.kubernetes.io/name'] === 'ingress-nginx';
}

export default defineRule({
  id: 'ingress-nginx-ipv6-disabled',
  code: 'DS119',
  title: 'ingress-nginx has IPv6 disabled',
  description: 'Reports ingress-nginx controller ConfigMaps that set disable-ipv6 or disable-ipv6-dns to true.',
  rationale:
    'With disable-ipv6 the controller renders nginx listen directives for IPv4 only, so a dual-stack ingress Service forwards IPv6 connections to a port nothing listens on; with disable-ipv6-dns the nginx resolver asks for A records only, so IPv6-only upstreams cannot be resolved.',
  remediation: 'Remove disable-ipv6 and disable-ipv6-dns from the ConfigMap (both default to false), or set them to "false".',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  // No ingress-nginx ConfigMap in the input means nothing to check (ingress-nginx may not be installed).
  uses: ['configMaps'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#disable-ipv6',
    'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#disable-ipv6-dns',
  ],
  messages: {
    ipv6Disabled: (d: { value: string }) => `disable-ipv6 is "${d.value}": nginx does not listen on IPv6`,
    ipv6DnsDisabled: (d: { value: string }) => `disable-ipv6-dns is "${d.value}": the nginx resolver does not look up AAAA records`,
  },
  *check(ctx) {
    for (const cm of ctx.model.configMaps) {
      if (!isIngressNginx(cm)) continue;
      const listen = cm.data['disable-ipv6'];
      if (listen !== undefined && TRUE.has(listen)) {
        yield ctx.finding(cm, 'ipv6Disabled', { value: listen }, { path: 'data.disable-ipv6', severity: worklistSeverity(ctx.model, 'warning', 'pods'), ipFamily: 'IPv6' });
      }
      const dns = cm.data['disable-ipv6-dns'];
      if (dns !== undefined && TRUE.has(dns)) {
        yield ctx.finding(cm, 'ipv6DnsDisabled', { value: dns }, { path: 'data.disable-ipv6-dns', severity: 'info', ipFamily: 'IPv6' });
      }
    }
  },
});
