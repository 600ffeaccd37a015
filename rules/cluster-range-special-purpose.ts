import { clusterRanges, defineRule, factObject, findOverlaps, SPECIAL_PURPOSE_RANGES, type ClusterRange, type Ranged } from '../src/rule-api.js';

type Item = { readonly kind: 'range'; readonly range: ClusterRange } | { readonly kind: 'special'; readonly name: string };

export default defineRule({
  id: 'cluster-range-special-purpose',
  code: 'DS213',
  title: 'Cluster range overlaps a special-purpose range',
  description: 'Reports pod and Service ranges that overlap loopback, link-local, multicast, reserved, NAT64 or deprecated site-local address space.',
  rationale:
    'Special-purpose addresses are handled by the kernel and routers before any cluster route: pods or Services numbered there are unreachable or behave unpredictably, Calico rejects pools overlapping link-local space, and kubeadm warns that site-local fec0::/10 is deprecated (RFC 3879).',
  remediation: 'Use private ranges: RFC 1918 (or 100.64.0.0/10) for IPv4 and a unique local fd00::/8 prefix (or global space you own) for IPv6.',
  family: 'cidr',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  sources: [
    'https://www.iana.org/assignments/iana-ipv4-special-registry/ and https://www.iana.org/assignments/iana-ipv6-special-registry/',
    'RFC 3879 (site-local deprecated); kubernetes cmd/kubeadm/app/apis/kubeadm/validation/validation.go (site-local warning)',
    'https://docs.tigera.io/calico/latest/reference/resources/ippool',
  ],
  messages: {
    special: (d: { role: string; range: string; source: string; special: string; name: string }) =>
      `${d.role} range ${d.range} (${d.source}) overlaps the ${d.name} range ${d.special}`,
  },
  *check(ctx) {
    const ranges = clusterRanges(ctx.model.clusterNetwork);
    if (ranges.length === 0) return ctx.notAssessed('the input declares no pod or Service range');
    const items: Ranged<Item>[] = [
      ...ranges.map((r) => ({ range: r.cidr, item: { kind: 'range', range: r } as Item })),
      ...SPECIAL_PURPOSE_RANGES.map((s) => ({ range: s.cidr, item: { kind: 'special', name: s.name } as Item })),
    ];
    for (const { a, b } of findOverlaps(items, (x, y) => x.item.kind !== y.item.kind)) {
      const [r, s] = a.item.kind === 'range' ? [a, b] : [b, a];
      if (r.item.kind !== 'range' || s.item.kind !== 'special') continue;
      const range = r.item.range;
      yield ctx.finding(
        factObject(ctx.model, range),
        'special',
        { role: range.role === 'pods' ? 'pod' : 'service', range: range.cidr.canonical, source: range.source, special: s.range.canonical, name: s.item.name },
        { path: range.path ?? '', ipFamily: range.cidr.family, key: `${range.cidr.canonical} ${s.range.canonical}` },
      );
    }
  },
});
