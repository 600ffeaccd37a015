import { clusterRanges, defineRule, factObject, findOverlaps, type ClusterRange, type ExternalNetwork, type Ranged } from '../src/rule-api.js';

type Item = { readonly kind: 'range'; readonly range: ClusterRange } | { readonly kind: 'external'; readonly network: ExternalNetwork };

export default defineRule({
  id: 'cluster-range-external-overlap',
  code: 'DS203',
  title: 'Cluster range overlaps a declared external network',
  description: 'Reports pod and Service ranges that overlap a network declared as external: on-premises, VPN, peered VPC or partner ranges given with --external-cidr, externalNetworks in .dsaudit.yaml, or ExternalNetwork objects.',
  rationale:
    'Pods cannot reach destinations inside their own pod or Service range: the traffic is routed into the cluster, so an overlapping external network is unreachable from the cluster (and its replies to pods may be misrouted).',
  remediation: 'Renumber the cluster range (a new cluster, or an additional ServiceCIDR for Services) or NAT the external network; for new clusters pick ranges from a plan that lists every external network, in both families.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'KEP-1880 multiple Service CIDRs, Motivation ("problems when there are overlapping networks")',
    'https://docs.aws.amazon.com/eks/latest/userguide/hybrid-nodes-networking.html (remote pod networks must not overlap the VPC or Service ranges)',
  ],
  messages: {
    overlap: (d: { role: string; range: string; source: string; network: string }) => `${d.role} range ${d.range} (${d.source}) overlaps external network ${d.network}`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.externalNetworks.length === 0) {
      return ctx.notAssessed('no external networks declared (--external-cidr NAME=CIDR, externalNetworks in .dsaudit.yaml, or dsaudit.io/v1 ExternalNetwork objects)');
    }
    const ranges = clusterRanges(net);
    if (ranges.length === 0) return ctx.notAssessed('the input declares no pod or Service range');
    const items: Ranged<Item>[] = [
      ...ranges.map((r) => ({ range: r.cidr, item: { kind: 'range', range: r } as Item })),
      ...net.externalNetworks.map((e) => ({ range: e.cidr, item: { kind: 'external', network: e } as Item })),
    ];
    for (const { a, b } of findOverlaps(items, (x, y) => x.item.kind !== y.item.kind)) {
      const [r, e] = a.item.kind === 'range' ? [a.item, b.item] : [b.item, a.item];
      if (r.kind !== 'range' || e.kind !== 'external') continue;
      const ext = e.network;
      // An ExternalNetwork object's source already names it ("ExternalNetwork on-prem"): say the name once.
      const named = ext.name !== undefined && ext.name !== '' && !ext.source.endsWith(` ${ext.name}`);
      const network = `${named ? `${ext.name} ` : ''}${ext.cidr.canonical} (${ext.source})`;
      yield ctx.finding(
        factObject(ctx.model, r.range),
        'overlap',
        { role: r.range.role === 'pods' ? 'pod' : 'service', range: r.range.cidr.canonical, source: r.range.source, network },
        { path: r.range.path ?? '', ipFamily: ext.cidr.family, key: `${r.range.cidr.canonical} ${ext.cidr.canonical}`, ...(ext.severity ? { severity: ext.severity } : {}) },
      );
    }
  },
});
