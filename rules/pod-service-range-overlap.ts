import { clusterRanges, defineRule, factObject, findOverlaps, type ClusterRange } from '../src/rule-api.js';

export default defineRule({
  id: 'pod-service-range-overlap',
  code: 'DS201',
  title: 'Pod range overlaps Service range',
  description: 'Reports a declared pod range (cluster CIDR, kubeadm or kind podSubnet, kube-proxy clusterCIDR) that overlaps a declared Service range of the same family.',
  rationale:
    'The Service range must not overlap any range assigned to pods: nodeipam hides the overlap by reserving the Service range inside the cluster CIDR, but CNIs with their own IPAM (Calico, Cilium cluster-pool) hand out pod addresses that collide with Service IPs, and traffic to either is misrouted.',
  remediation: 'Choose disjoint pod and Service ranges for each family; existing ranges cannot be changed in place, so plan the move (new nodes or a new cluster, or an additional ServiceCIDR).',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'KEP-1880 multiple Service CIDRs, "Current implementation details" (the range must not overlap node or pod ranges)',
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go#filterOutServiceRange',
  ],
  messages: {
    overlap: (d: { pod: string; podSource: string; service: string; serviceSource: string }) =>
      `pod range ${d.pod} (${d.podSource}) overlaps service range ${d.service} (${d.serviceSource})`,
  },
  *check(ctx) {
    const ranges = clusterRanges(ctx.model.clusterNetwork);
    if (!ranges.some((r) => r.role === 'pods') || !ranges.some((r) => r.role === 'services')) {
      return ctx.notAssessed('the input declares no pod range or no Service range (control-plane flags, kubeadm or kind config, ServiceCIDRs, or --pod-cidr/--service-cidr)');
    }
    const items = ranges.map((r) => ({ range: r.cidr, item: r }));
    for (const { a, b } of findOverlaps<ClusterRange>(items, (x, y) => x.item.role !== y.item.role)) {
      const [pod, service] = a.item.role === 'pods' ? [a.item, b.item] : [b.item, a.item];
      yield ctx.finding(
        factObject(ctx.model, pod),
        'overlap',
        { pod: pod.cidr.canonical, podSource: pod.source, service: service.cidr.canonical, serviceSource: service.source },
        { path: pod.path ?? '', ipFamily: pod.cidr.family, key: `${pod.cidr.canonical} ${service.cidr.canonical}` },
      );
    }
  },
});
