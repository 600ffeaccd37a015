import { declaredRangeOf, defineRule, factObject, formatCount, nestRanges, usableServiceIps, type Cidr } from '../src/rule-api.js';

/** kubeadm MinimumAddressesInServiceSubnet: the DNS Service takes the 10th address. */
const MIN_ADDRESSES = 10n;
const WARN_RATIO = 0.8;

export default defineRule({
  id: 'service-cidr-exhaustion',
  code: 'DS206',
  title: 'Service CIDR too small or near exhaustion',
  description: 'Reports, per family, Service ranges with fewer than 10 usable addresses, and Service ranges whose cluster IPs are all or at least 80% allocated.',
  rationale:
    'When a family\'s Service range is full, creating a Service that needs an address of that family fails ("range is full"), which for dual-stack Services blocks the whole object; a range under 10 addresses cannot hold the DNS Service kubeadm places on the 10th address.',
  remediation: 'On 1.33+ add a ServiceCIDR object with another range of that family; otherwise plan a larger range (KEP-1880, resizing Service IP ranges) and clean up unused Services.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['services', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/registry/core/service/ipallocator/ipallocator.go#hostsPerNetwork',
    'kubernetes cmd/kubeadm/app/constants/constants.go (MinimumAddressesInServiceSubnet)',
    'https://kubernetes.io/docs/concepts/services-networking/cluster-ip-allocation/',
  ],
  messages: {
    tooSmall: (d: { family: string; ranges: string; source: string; usable: string }) =>
      `${d.family} service range ${d.ranges} (${d.source}) offers only ${d.usable} addresses; at least 10 are needed (the DNS Service takes the 10th)`,
    full: (d: { family: string; ranges: string; used: string; usable: string }) => `${d.family} service range ${d.ranges} is full: ${d.used} of ${d.usable} addresses allocated`,
    nearlyFull: (d: { family: string; ranges: string; used: string; usable: string; percent: number }) =>
      `${d.family} service range ${d.ranges} is ${d.percent}% allocated: ${d.used} of ${d.usable} addresses`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.serviceRanges.length === 0) return ctx.notAssessed('the input declares no Service range (kube-apiserver flags, kubeadm or kind config, the kubernetes ServiceCIDR, or --service-cidr)');
    const extra = net.declarations.filter((d) => d.sourceKind === 'service-cidr-extra').flatMap((d) => d.cidrs);
    const services = ctx.model.services;
    for (const primary of net.serviceRanges) {
      const family = primary.family;
      const ranges: Cidr[] = [primary, ...extra.filter((c) => c.family === family)];
      const roots = nestRanges(ranges.map((range) => ({ range, item: null }))).map((n) => n.range);
      const usable = roots.reduce((sum, c) => sum + usableServiceIps(c, net.serviceAllocator.legacy), 0n);
      const used = new Set<string>();
      for (const s of services) for (const ip of s.clusterIPs) if (ip.family === family && roots.some((r) => ip.value >= r.first && ip.value <= r.last)) used.add(ip.canonical);
      const declared = declaredRangeOf(net, primary);
      const at = factObject(ctx.model, declared);
      const options = { path: declared?.path ?? '', ipFamily: family, key: family };
      const text = roots.map((r) => r.canonical).join(', ');
      const n = BigInt(used.size);
      if (usable < MIN_ADDRESSES) {
        yield ctx.finding(at, 'tooSmall', { family, ranges: text, source: declared?.source ?? '', usable: formatCount(usable) }, options);
      } else if (n >= usable) {
        yield ctx.finding(at, 'full', { family, ranges: text, used: formatCount(n), usable: formatCount(usable) }, options);
      } else if (Number(n) / Number(usable) >= WARN_RATIO) {
        const percent = Math.floor((Number(n) * 100) / Number(usable));
        yield ctx.finding(at, 'nearlyFull', { family, ranges: text, used: formatCount(n), usable: formatCount(usable), percent }, { ...options, severity: 'warning' });
      }
    }
  },
});
