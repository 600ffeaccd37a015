import { defineRule, displayRef, factObject, formatCount, nonCanonicalNote, workloadOf, type Cidr, type Ip, type ModelObject } from '../src/rule-api.js';

type Value = (Ip | Cidr) & { readonly path: string };

/** Pods of one workload whose values a finding spells out; the others are counted. */
const POD_SAMPLES = 3;

export default defineRule({
  id: 'ip-text-non-canonical',
  code: 'DS507',
  title: 'Ambiguous or non-canonical IP or CIDR text',
  description:
    'Reports IP and CIDR values written in a non-canonical form: IPv4 with leading-zero octets, IPv4-mapped IPv6 addresses, CIDRs with host bits set and IPv6 text other than RFC 5952, in Node podCIDRs, Pod podIPs, Service clusterIPs, externalIPs and loadBalancerSourceRanges, NetworkPolicy ipBlocks, EndpointSlice addresses, ServiceCIDR cidrs and the service and pod ranges of component flags and configuration.',
  rationale:
    'Kubernetes reads a leading-zero octet as decimal while libc reads it as octal (CVE-2021-29923), treats ::ffff:a.b.c.d as IPv4 where other software sees IPv6, and silently drops the host bits of 10.0.0.5/24; the API server stores such text as written, and its strict validation (KEP-4858) rejects these forms, so every consumer of the value may read another address and the object may stop validating.',
  remediation: 'Write each value in its canonical form: dotted decimal without leading zeros, IPv4 addresses as IPv4, CIDRs with the host bits cleared, IPv6 in RFC 5952 form.',
  family: 'config',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['nodes', 'pods', 'services', 'networkPolicies', 'endpointSlices'],
  sources: [
    'https://github.com/kubernetes/enhancements/tree/master/keps/sig-network/4858-ip-cidr-validation',
    'CVE-2021-29923 (https://github.com/kubernetes/kubernetes/issues/108074)',
    'kubernetes pkg/api/validation/ip.go#GetWarningsForIP, #GetWarningsForCIDR',
    'k8s.io/utils/net#ParseIPSloppy, #ParseCIDRSloppy',
  ],
  messages: {
    nonCanonical: (d: { values: string }) => d.values,
  },
  *check(ctx) {
    const found = new Map<string, { object: ModelObject; path: string; notes: string[] }>();
    const note = (object: ModelObject, label: string, path: string, value: Ip | Cidr) => {
      const text = nonCanonicalNote(value);
      if (text === undefined) return;
      const key = displayRef(object.ref);
      const entry = found.get(key) ?? { object, path, notes: [] };
      const line = `${label} ${text}`;
      if (!entry.notes.includes(line)) entry.notes.push(line);
      found.set(key, entry);
    };
    const each = (object: ModelObject, values: readonly Value[]) => {
      for (const v of values) note(object, v.path, v.path, v);
    };
    const m = ctx.model;
    for (const n of m.nodes) each(n, n.podCIDRs);
    // Pod findings go to the top-level workload (catalog section 6), naming the first few pods.
    const podCounts = new Map<string, number>();
    for (const p of m.pods) {
      let notes: string[] | undefined;
      for (const ip of p.podIPs) {
        const text = nonCanonicalNote(ip);
        if (text !== undefined) (notes ??= []).push(`${ip.path} ${text}`);
      }
      if (notes === undefined) continue;
      const owner = workloadOf(p);
      if (owner === p) {
        for (const ip of p.podIPs) note(p, ip.path, ip.path, ip);
        continue;
      }
      const key = displayRef(owner.ref);
      const count = (podCounts.get(key) ?? 0) + 1;
      podCounts.set(key, count);
      if (count > POD_SAMPLES) continue;
      const entry = found.get(key) ?? { object: owner, path: '', notes: [] };
      entry.notes.push(`Pod ${p.ref.name} ${notes.join(', ')}`);
      found.set(key, entry);
    }
    for (const [key, count] of podCounts) {
      if (count > POD_SAMPLES) found.get(key)?.notes.push(`${formatCount(count - POD_SAMPLES)} more of its pods likewise`);
    }
    for (const s of m.services) {
      each(s, s.clusterIPs);
      each(s, s.externalIPs);
      each(s, s.loadBalancerSourceRanges);
    }
    for (const np of m.networkPolicies) {
      for (const b of [...np.ingressBlocks, ...np.egressBlocks]) {
        if (b.cidr) each(np, [b.cidr]);
        each(np, b.except);
      }
    }
    for (const es of m.endpointSlices) each(es, es.nonCanonicalAddresses);
    // ServiceCIDR objects and the ranges of component flags and configuration (kubeadm, static Pods,
    // kube-proxy); dsaudit's own --service-cidr/--pod-cidr are not the cluster's text.
    for (const d of m.clusterNetwork.declarations) {
      if (d.sourceKind === 'cli') continue;
      let next = 0;
      d.entries.forEach((entry, i) => {
        const cidr = d.cidrs[next];
        if (cidr === undefined || cidr.text.trim() !== entry) return;
        next++;
        const object = factObject(m, d);
        const prefix = `${displayRef(object.ref)} `;
        const label = d.entryPaths?.[i] ?? (d.source.startsWith(prefix) ? d.source.slice(prefix.length) : d.source);
        note(object, label, d.entryPaths?.[i] ?? d.path ?? '', cidr);
      });
    }
    for (const { object, path, notes } of found.values()) {
      yield ctx.finding(object, 'nonCanonical', { values: notes.join('; ') }, { path });
    }
  },
});
