import { defineRule, factObject, type RangeDeclaration } from '../src/rule-api.js';

/** kube-apiserver `maxCIDRBits` and kubeadm `MaximumBitsForServiceSubnet`. */
const MAX_HOST_BITS = 20;
/** Host bits the legacy bitmap allocator uses in an IPv6 range (65,536 addresses). */
const BITMAP_IPV6_BITS = 16;

export default defineRule({
  id: 'service-cidr-too-large',
  code: 'DS205',
  title: 'Service CIDR too large for the allocator in use',
  description: 'Reports Service ranges with more than 20 host bits where kube-apiserver or kubeadm refuse them, and IPv6 Service ranges the bitmap allocator only partly uses.',
  rationale:
    'With the bitmap Service IP allocator (every release before 1.33, and 1.33 unless DisableAllocatorDualWrite is on) kube-apiserver refuses to start with a --service-cluster-ip-range of more than 20 host bits ("the mask must be >= 108" for IPv6); kubeadm always rejects such a serviceSubnet; and in an IPv6 range between /108 and /112 the bitmap uses only the first 65,536 addresses.',
  remediation: 'Use an IPv4 range of /12 or longer and an IPv6 range of /108 to /112, or, on 1.33+ with MultiCIDRServiceAllocator and DisableAllocatorDualWrite on, add ServiceCIDR objects instead of one huge range.',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes cmd/kube-apiserver/app/options/validation.go#validateClusterIPFlags (maxCIDRBits = 20), #validateMaxCIDRRange',
    'kubernetes pkg/registry/core/service/ipallocator/bitmap.go#New (IPv6 capped at 65536)',
    'kubernetes cmd/kubeadm/app/constants/constants.go (MaximumBitsForServiceSubnet)',
    'https://kubernetes.io/docs/reference/command-line-tools-reference/feature-gates/ (MultiCIDRServiceAllocator, DisableAllocatorDualWrite)',
  ],
  messages: {
    apiserverRefuses: (d: { range: string; source: string; hostBits: number; basis: string }) =>
      `service range ${d.range} (${d.source}) has ${d.hostBits} host bits: kube-apiserver accepts at most 20 (IPv4 /12, IPv6 /108) with the bitmap allocator and will not start (${d.basis})`,
    kubeadmRefuses: (d: { range: string; source: string; hostBits: number }) =>
      `service subnet ${d.range} (${d.source}) has ${d.hostBits} host bits: kubeadm accepts at most 20 (IPv4 /12, IPv6 /108)`,
    bitmapClamped: (d: { range: string; source: string; hostBits: number; basis: string }) =>
      `IPv6 service range ${d.range} (${d.source}) has ${d.hostBits} host bits but the bitmap allocator uses only its first 65,536 addresses (${d.basis})`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const legacy = net.serviceAllocator.legacy;
    const apiserver = (d: RangeDeclaration) => d.sourceKind === 'kube-apiserver' || d.sourceKind === 'cli';
    const kubeadm = (d: RangeDeclaration) => d.sourceKind === 'kubeadm' || d.sourceKind === 'kind';
    const relevant = net.declarations.filter((d) => d.role === 'services' && (apiserver(d) || kubeadm(d) || d.sourceKind === 'service-cidr'));
    if (relevant.length === 0) return ctx.notAssessed('the input declares no Service range (kube-apiserver flags, kubeadm or kind config, or --service-cidr)');
    const clamped = new Set<string>();
    for (const d of relevant) {
      const at = factObject(ctx.model, d);
      for (const c of d.cidrs) {
        const hostBits = c.bits - c.prefix;
        const data = { range: c.canonical, source: d.source, hostBits, basis: net.serviceAllocator.basis };
        const options = { path: d.path ?? '', ipFamily: c.family, key: `${d.source} ${c.canonical}` };
        if (hostBits > MAX_HOST_BITS && legacy && apiserver(d)) yield ctx.finding(at, 'apiserverRefuses', data, options);
        else if (hostBits > MAX_HOST_BITS && kubeadm(d)) yield ctx.finding(at, 'kubeadmRefuses', data, options);
        else if (c.family === 'IPv6' && legacy && hostBits > BITMAP_IPV6_BITS && hostBits <= MAX_HOST_BITS && !clamped.has(c.canonical)) {
          clamped.add(c.canonical);
          yield ctx.finding(at, 'bitmapClamped', data, { ...options, severity: 'info' });
        }
      }
    }
  },
});
