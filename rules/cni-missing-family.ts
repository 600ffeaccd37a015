import { CNI_NAMES as NAMES, defineRule, factObject, familiesOf, worklistSeverity, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'cni-missing-family',
  code: 'DS505',
  title: 'CNI not configured for both families',
  description:
    'Checks that the CNI plugin (Calico, Cilium or Flannel) is configured to assign pod addresses of every family the target and the cluster ranges call for.',
  rationale:
    'Kubernetes only records the pod addresses the CNI plugin hands out: with a dual-stack cluster but an IPv4-only CNI, every pod gets one family, dual-stack Services have no endpoints of the other family and the data plane drops it, while the Service layer looks ready.',
  remediation:
    'Turn the missing family on in the CNI and give it a pool: Calico an enabled IPPool of the family with FELIX_IPV6SUPPORT=true, IP6=autodetect and ipam assign_ipv6 "true"; Cilium enable-ipv6 "true" with cluster-pool-ipv6-cidr; Flannel EnableIPv6 true with IPv6Network. Then restart the pods.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['cni', 'clusterNetwork'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#prerequisites ("A network plugin that supports dual-stack networking")',
    'https://docs.tigera.io/calico/latest/networking/ipam/ipv6',
    'https://docs.cilium.io/en/stable/network/concepts/ipam/cluster-pool/',
    'flannel-io/flannel Documentation/configuration.md ("Dual-stack")',
  ],
  messages: {
    familyOff: (d: { cni: string; family: Family; reasons: string }) => `${d.cni} assigns no ${d.family} pod addresses: ${d.reasons}`,
    noPool: (d: { cni: string; family: Family }) => `${d.cni} has no enabled ${d.family} pool, so pods get no ${d.family} address`,
  },
  *check(ctx) {
    const { model } = ctx;
    const net = model.clusterNetwork;
    const target: readonly Family[] = model.target === 'dual' ? ['IPv4', 'IPv6'] : [model.target === 'ipv4' ? 'IPv4' : 'IPv6'];
    const needed = familiesOf([...target, ...net.serviceFamilies, ...net.podFamilies].map((family) => ({ family })));
    const severity = worklistSeverity(model, 'error', 'pods');
    for (const cni of model.cni.configs) {
      for (const gap of cni.missing) {
        if (!needed.includes(gap.family)) continue;
        const first = gap.reasons[0];
        const options = { path: first?.path ?? cni.path ?? '', severity, ipFamily: gap.family, key: `${cni.plugin}/${gap.family}` };
        if (first) yield ctx.finding(factObject(model, first), 'familyOff', { cni: NAMES[cni.plugin], family: gap.family, reasons: gap.reasons.map((r) => r.text).join('; ') }, options);
        else yield ctx.finding(factObject(model, cni), 'noPool', { cni: NAMES[cni.plugin], family: gap.family }, options);
      }
    }
  },
});
