import { defineRule, factObject, otherFamily } from '../src/rule-api.js';

export default defineRule({
  id: 'dns-family-removed',
  code: 'DS308',
  title: 'DNS plumbing references the removed family',
  description:
    'Reports DNS server addresses of the family being removed: the kube-system/kube-dns Service clusterIPs, kubelet clusterDNS (ConfigMap kube-system/kubelet-config) and Pod dnsConfig.nameservers.',
  rationale:
    'kubelet writes every clusterDNS address, and a pod\'s dnsConfig.nameservers, into the pod\'s resolv.conf. Once the family is removed, that nameserver no longer answers, and resolvers that try it first wait for a timeout on every lookup, until the kubelet configuration is changed, kubelets restart and the pods are recreated (KEP-563, CoreDNS operation).',
  remediation:
    'Before the rollback, remove the address of the removed family from kubelet clusterDNS (kubelet-config ConfigMap and each node\'s /var/lib/kubelet/config.yaml), restart the kubelets and recreate the pods; drop it from dnsConfig.nameservers in the pod templates; switch kube-dns to SingleStack (DS301, DS303).',
  family: 'rollback',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['services', 'workloadSpecs'],
  sources: [
    'KEP-563 "CoreDNS Operation"',
    'kubernetes pkg/kubelet/network/dns/dns.go#GetPodDNS (clusterDNS and dnsConfig.nameservers into resolv.conf)',
  ],
  messages: {
    kubeDnsIp: (d: { ip: string; removed: string }) =>
      `kube-dns clusterIP ${d.ip} is ${d.removed}; pods that received it as a nameserver time out on it after ${d.removed} is removed`,
    kubeletClusterDns: (d: { ip: string; removed: string; source: string }) =>
      `kubelet clusterDNS ${d.ip} (${d.source}) is ${d.removed}; every pod gets it in resolv.conf, and it stops answering once ${d.removed} is removed`,
    podNameserver: (d: { ip: string; removed: string; kept: string }) =>
      `dnsConfig nameserver ${d.ip} is ${d.removed}; after ${d.removed} is removed it no longer answers: keep only ${d.kept} nameservers`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    for (const svc of ctx.model.services) {
      if (svc.ref.namespace !== 'kube-system' || svc.ref.name !== 'kube-dns') continue;
      for (const ip of svc.clusterIPs) {
        if (ip.family === removed) yield ctx.finding(svc, 'kubeDnsIp', { ip: ip.text, removed }, { path: ip.path, ipFamily: removed });
      }
    }
    const dns = ctx.model.clusterNetwork.kubeletClusterDns;
    for (const ip of dns?.ips ?? []) {
      if (ip.family === removed) yield ctx.finding(factObject(ctx.model, dns), 'kubeletClusterDns', { ip: ip.text, removed, source: dns!.source }, { path: dns!.path, ipFamily: removed, key: ip.text });
    }
    for (const { object, spec } of ctx.model.workloadSpecs) {
      for (const ip of spec.dnsNameservers) {
        if (ip.family === removed) yield ctx.finding(object, 'podNameserver', { ip: ip.text, removed, kept: otherFamily(removed) }, { path: ip.path, ipFamily: removed });
      }
    }
  },
});
