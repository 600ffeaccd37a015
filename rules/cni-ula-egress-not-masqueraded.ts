import { contains, defineRule, factObject, type Cidr, type MasqueradeSetting, UNIQUE_LOCAL_RANGE } from '../src/rule-api.js';

const isUla = (cidr: Cidr): boolean => contains(UNIQUE_LOCAL_RANGE, cidr);

export default defineRule({
  id: 'cni-ula-egress-not-masqueraded',
  code: 'DS117',
  title: 'IPv6 pod egress from a ULA range without IPv6 masquerade',
  description:
    'Checks that pods whose IPv6 addresses come from a unique local range (fc00::/7) have their IPv6 traffic leaving the cluster masqueraded: Calico natOutgoing on the IPv6 pool, Cilium enable-ipv6-masquerade, or ip-masq-agent --enable-ipv6.',
  rationale:
    'Unique local addresses are not routed on the internet: IPv6 packets leaving the cluster with a ULA pod source get no reply, so IPv6 egress fails (or clients fall back to IPv4 after a delay) although the pods hold IPv6 addresses and DNS returns AAAA records. Kubernetes leaves egress to the network plugin, which must masquerade non-routable pod addresses.',
  remediation:
    'Masquerade IPv6 egress: set natOutgoing: true on the Calico IPv6 IPPool (or CALICO_IPV6POOL_NAT_OUTGOING=true before the pool is created), enable-ipv6-masquerade "true" in Cilium, or run ip-masq-agent with --enable-ipv6. Alternatively give pods a globally routable IPv6 range, or route egress through a NAT66 gateway outside the cluster.',
  family: 'config',
  defaultSeverity: 'warning',
  requires: ['cni', 'clusterNetwork'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#egress-traffic',
    'https://docs.tigera.io/calico/latest/networking/configuring/workloads-outside-cluster',
    'https://docs.cilium.io/en/stable/network/concepts/masquerading/',
    'kubernetes-sigs/ip-masq-agent README ("enable-ipv6", default false)',
  ],
  messages: {
    ulaNotMasqueraded: (d: { range: string; settings: string }) => `${d.range} is a unique local IPv6 range whose egress is not masqueraded: ${d.settings}`,
  },
  *check(ctx) {
    const { model } = ctx;
    const net = model.clusterNetwork;
    const agents = model.cni.masqAgents;
    // ip-masq-agent with --enable-ipv6 masquerades IPv6 egress whatever the CNI does.
    if (agents.some((a) => a.on)) return;
    const why = (m: MasqueradeSetting): string => [m.text, ...agents.map((a) => a.text)].join('; ');
    for (const cni of model.cni.configs) {
      if (!cni.families.includes('IPv6')) continue;
      const v6Pools = cni.pools.filter((p) => p.cidr.family === 'IPv6');
      for (const pool of v6Pools) {
        const m = pool.masquerade;
        if (!m || m.on || !isUla(pool.cidr)) continue;
        yield ctx.finding(factObject(model, m), 'ulaNotMasqueraded', { range: pool.text, settings: why(m) }, { path: m.path ?? '', ipFamily: 'IPv6', key: pool.cidr.canonical });
      }
      const m = cni.masquerade.find((x) => x.family === 'IPv6');
      if (!m || m.on) continue;
      if (m.generatedUla) {
        yield ctx.finding(factObject(model, m), 'ulaNotMasqueraded', { range: 'the IPv6 pool the CNI generates', settings: why(m) }, { path: m.path ?? '', ipFamily: 'IPv6', key: `${cni.plugin}/generated` });
      } else if (v6Pools.length === 0) {
        // Pods take their addresses from the node podCIDRs, carved from the cluster CIDR.
        for (const cidr of net.clusterCidrs) {
          if (cidr.family !== 'IPv6' || !isUla(cidr)) continue;
          yield ctx.finding(factObject(model, m), 'ulaNotMasqueraded', { range: `cluster CIDR ${cidr.text}`, settings: why(m) }, { path: m.path ?? '', ipFamily: 'IPv6', key: cidr.canonical });
        }
      }
    }
  },
});
