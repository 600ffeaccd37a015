import { defineRule, joinHostPort, type EnvoyBind, type EnvoyListener, type Family, type ModelObject, type Pod } from '../src/rule-api.js';

const SHOWN = 5;
/** The listeners iptables redirects all inbound and outbound traffic to (ports 15006 and 15001). */
const VIRTUAL = new Set(['virtualInbound', 'virtualOutbound']);

const isWildcard = (b: EnvoyBind, family: Family): boolean => b.ip !== undefined && b.ip.family === family && b.ip.value === 0n;

export default defineRule({
  id: 'istio-wildcard-listener-single-family',
  code: 'DS405',
  title: 'virtualInbound, virtualOutbound or wildcard listener lacks the other family\'s wildcard',
  description:
    'Checks, in an Envoy listener dump of a proxy whose pod is dual-stack, that every listener bound to 0.0.0.0 also binds :: on the same port (in additionalAddresses or another listener, or a :: listener with ipv4Compat), and every :: listener without ipv4Compat has a 0.0.0.0 counterpart.',
  rationale:
    'iptables redirects every inbound connection to virtualInbound (15006) and every outbound one to virtualOutbound (15001). A listener bound to 0.0.0.0 only does not accept the IPv6 connections redirected to it, so IPv6 traffic of a dual-stack pod is dropped; Istio\'s dual-stack guide checks that virtualInbound listens on both 0.0.0.0 and [::].',
  remediation: 'Enable dual-stack in istiod and the proxies (ISTIO_DUAL_STACK, DS401/DS402) and restart the pods so the listeners are rebuilt with both wildcards.',
  family: 'mesh',
  defaultSeverity: 'error',
  requires: ['envoyProxies', 'clusterNetwork'],
  uses: ['pods'],
  sources: [
    'https://istio.io/latest/docs/setup/additional-setup/dual-stack/ ("Verify virtual inbound addresses are configured to listen on both 0.0.0.0 and [::]")',
    'Envoy api-v3 config/core/v3/address.proto (SocketAddress.ipv4_compat), config/listener/v3/listener.proto (additional_addresses)',
  ],
  messages: {
    singleFamily: (d: { count: number; listeners: string }) => `${d.count} listener(s) of a dual-stack pod accept one family only: ${d.listeners}`,
  },
  *check(ctx) {
    const { model } = ctx;
    const pods = new Map<string, Pod>();
    const podsKnown = model.availability.pods.status === 'present';
    if (podsKnown) for (const p of model.pods) pods.set(`${p.ref.namespace}/${p.ref.name}`, p);
    for (const proxy of model.envoyProxies) {
      const pod = proxy.pod ? pods.get(`${proxy.pod.namespace}/${proxy.pod.name}`) : undefined;
      // The pod's own addresses decide; without the pod, the cluster's evidence that pods are dual-stack.
      const dual = pod && pod.podIPs.length > 0 ? new Set(pod.podIPs.map((ip) => ip.family)).size === 2 : model.clusterNetwork.podDualStack;
      if (!dual) continue;
      const bindsByPort = new Map<number, EnvoyBind[]>();
      for (const l of proxy.listeners) for (const b of [l.address, ...l.additional]) {
        const list = bindsByPort.get(b.port);
        if (list) list.push(b);
        else bindsByPort.set(b.port, [b]);
      }
      const missing: { listener: EnvoyListener; lacks: string }[] = [];
      for (const l of proxy.listeners) {
        const a = l.address;
        const onPort = bindsByPort.get(a.port) ?? [];
        if (isWildcard(a, 'IPv4') && !onPort.some((b) => isWildcard(b, 'IPv6'))) missing.push({ listener: l, lacks: '::' });
        else if (isWildcard(a, 'IPv6') && !a.ipv4Compat && !onPort.some((b) => isWildcard(b, 'IPv4') || (isWildcard(b, 'IPv6') && b.ipv4Compat))) missing.push({ listener: l, lacks: '0.0.0.0' });
      }
      if (missing.length === 0) continue;
      // virtualInbound/virtualOutbound first: they carry all captured traffic.
      missing.sort((x, y) => Number(VIRTUAL.has(y.listener.name)) - Number(VIRTUAL.has(x.listener.name)));
      const text = missing.slice(0, SHOWN).map((m) => `${m.listener.name} (no ${joinHostPort(m.lacks, m.listener.address.port)})`).join(', ');
      const listeners = missing.length > SHOWN ? `${text} and ${missing.length - SHOWN} more` : text;
      const severity = VIRTUAL.has(missing[0].listener.name) ? 'error' : 'warning';
      yield ctx.finding(proxy as ModelObject, 'singleFamily', { count: missing.length, listeners }, { path: missing[0].listener.address.path, severity });
    }
  },
});
