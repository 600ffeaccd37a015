import { defineRule, displayRef, joinHostPort, type EnvoyBind, type Ip, type Service } from '../src/rule-api.js';

/** How many listener names a message spells out before "and N more". */
const SHOWN = 5;

const sameBind = (b: EnvoyBind, ip: Ip, port: number): boolean => b.ip !== undefined && b.ip.family === ip.family && b.ip.value === ip.value && b.port === port;

export default defineRule({
  id: 'istio-listener-missing-additional-address',
  code: 'DS404',
  title: 'Outbound listener of a dual-stack Service lacks additionalAddresses',
  description:
    'Checks, in an Envoy listener dump, that each outbound listener bound to one ClusterIP of a dual-stack Service also binds the Service\'s other ClusterIP in additionalAddresses.',
  rationale:
    'In dual-stack mode istiod builds one outbound listener per TCP Service port with address = the first ClusterIP and additionalAddresses = the others (istio/istio#40394, #40634). Without the second address, traffic to the other family\'s ClusterIP is not matched by the Service\'s listener and falls through to passthrough or a blackhole (#55577).',
  remediation: 'Enable dual-stack in istiod and the proxies (ISTIO_DUAL_STACK, DS401/DS402) and restart the pods; upgrade Istio if the version has a known bug with additionalAddresses.',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['envoyProxies', 'services'],
  sources: [
    'istio/istio#40394, #40634 (additionalAddresses for dual-stack listeners), #55577 (missing IPv6 listener)',
    'https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/listener/v3/listener.proto (additional_addresses)',
  ],
  messages: {
    missing: (d: { count: number; listeners: string }) => `${d.count} outbound listener(s) of dual-stack Services bind one ClusterIP only: ${d.listeners}`,
  },
  *check(ctx) {
    const { model } = ctx;
    const byIp = new Map<string, Service>();
    for (const s of model.services) {
      if (s.headless || s.clusterIPs.length < 2 || s.clusterIPs[0].family === s.clusterIPs[1].family) continue;
      for (const ip of s.clusterIPs) byIp.set(ip.canonical, s);
    }
    if (byIp.size === 0) return;
    for (const proxy of model.envoyProxies) {
      const missing: { text: string; path: string }[] = [];
      for (const l of proxy.listeners) {
        const ip = l.address.ip;
        const svc = ip ? byIp.get(ip.canonical) : undefined;
        if (!svc) continue;
        const other = svc.clusterIPs.find((c) => c.family !== ip!.family)!;
        if (l.additional.some((b) => sameBind(b, other, l.address.port))) continue;
        missing.push({ text: `${l.name} (${displayRef(svc.ref)}, no ${joinHostPort(other.canonical, l.address.port)})`, path: l.path });
      }
      if (missing.length === 0) continue;
      const shown = missing.slice(0, SHOWN).map((m) => m.text).join(', ');
      const listeners = missing.length > SHOWN ? `${shown} and ${missing.length - SHOWN} more` : shown;
      yield ctx.finding(proxy, 'missing', { count: missing.length, listeners }, { path: missing[0].path });
    }
  },
});
