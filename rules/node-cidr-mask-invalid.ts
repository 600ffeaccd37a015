import { declaredRangeOf, defineRule, factObject, nodeMaskOf } from '../src/rule-api.js';

/** cidr_set.go `clusterSubnetMaxDiff` and kubeadm `PodSubnetNodeMaskMaxDiff`. */
const MAX_DIFF = 16;

export default defineRule({
  id: 'node-cidr-mask-invalid',
  code: 'DS207',
  title: 'Node CIDR mask does not fit the cluster CIDR',
  description: 'Reports, per family, a node CIDR mask that is shorter than the cluster CIDR, more than 16 bits longer than it (IPv6, or either family under kubeadm), beyond the address width, or equal to it.',
  rationale:
    'kube-controller-manager cuts each cluster CIDR into node ranges of the node mask: a mask shorter than the cluster CIDR or beyond 32/128 bits, or an IPv6 mask more than 16 bits longer ("the node CIDR size is too big"), stops the whole controller-manager at start-up; kubeadm rejects a difference over 16 in either family; a mask equal to the cluster CIDR leaves room for a single node.',
  remediation: 'Widen the cluster CIDR or change --node-cidr-mask-size-ipv4/-ipv6 (kubeadm: controllerManager.extraArgs); for IPv6 with /64 nodes use a cluster range of /48 or wider (a /56 gives 256 nodes).',
  family: 'cidr',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/cidrset/cidr_set.go#NewCIDRSet (clusterSubnetMaxDiff = 16, max mask 32/128)',
    'kubernetes cmd/kubeadm/app/apis/kubeadm/validation/validation.go#ValidatePodSubnetNodeMask (PodSubnetNodeMaskMaxDiff = 16)',
    'kubernetes cmd/kube-controller-manager/app/core.go#setNodeCIDRMaskSizes (defaults /24 and /64)',
  ],
  messages: {
    beyondWidth: (d: { family: string; mask: number; maskSource: string; bits: number }) =>
      `${d.family} node mask /${d.mask} (${d.maskSource}) exceeds the ${d.bits}-bit address width; kube-controller-manager will not start`,
    shorterThanCluster: (d: { family: string; mask: number; maskSource: string; cidr: string; source: string }) =>
      `${d.family} node mask /${d.mask} (${d.maskSource}) is shorter than cluster range ${d.cidr} (${d.source}): a node range cannot be larger than the cluster range`,
    tooManyBits: (d: { family: string; mask: number; maskSource: string; cidr: string; source: string; diff: number; consequence: string }) =>
      `${d.family} node mask /${d.mask} (${d.maskSource}) is ${d.diff} bits longer than cluster range ${d.cidr} (${d.source}); ${d.consequence}`,
    singleNode: (d: { family: string; mask: number; cidr: string; source: string }) =>
      `${d.family} node mask /${d.mask} equals cluster range ${d.cidr} (${d.source}): only one node can get a ${d.family} podCIDR`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.clusterCidrs.length === 0) return ctx.notAssessed('the input declares no cluster CIDR (kube-controller-manager --cluster-cidr, kubeadm or kind podSubnet, or --pod-cidr)');
    const nodeIpam = net.allocateNodeCidrs !== false;
    if (!nodeIpam && !net.kubeadmManaged) return;
    for (const cidr of net.clusterCidrs) {
      const mask = nodeMaskOf(net, cidr.family);
      if (!mask) continue;
      const range = declaredRangeOf(net, cidr);
      const at = factObject(ctx.model, mask.from ?? range);
      const options = { path: mask.from?.path ?? range?.path ?? '', ipFamily: cidr.family, key: cidr.family };
      const base = { family: cidr.family, mask: mask.size, maskSource: mask.source, cidr: cidr.canonical, source: range?.source ?? '' };
      const diff = mask.size - cidr.prefix;
      if (mask.size > cidr.bits) {
        if (nodeIpam) yield ctx.finding(at, 'beyondWidth', { ...base, bits: cidr.bits }, options);
      } else if (diff < 0) {
        yield ctx.finding(at, 'shorterThanCluster', base, options);
      } else if (diff > MAX_DIFF && ((cidr.family === 'IPv6' && nodeIpam) || net.kubeadmManaged)) {
        const consequence = cidr.family === 'IPv6' && nodeIpam
          ? `kube-controller-manager allows at most ${MAX_DIFF} for IPv6 and will not start`
          : `kubeadm allows at most ${MAX_DIFF} and rejects the configuration`;
        yield ctx.finding(at, 'tooManyBits', { ...base, diff, consequence }, options);
      } else if (diff === 0 && nodeIpam) {
        yield ctx.finding(at, 'singleNode', base, { ...options, severity: 'warning' });
      }
    }
  },
});
