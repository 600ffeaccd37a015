import { declaredRangeOf, defineRule, factObject, formatCount, usablePodIps } from '../src/rule-api.js';

/** Below this IPv6 node mask a node range always holds far more addresses than pods. */
const IPV6_MIN_MASK = 120;

export default defineRule({
  id: 'node-cidr-below-max-pods',
  code: 'DS209',
  title: 'Node range holds fewer pod addresses than a node admits',
  description: 'Reports a node CIDR mask whose node ranges hold fewer usable pod addresses than the pods a node admits (Node capacity.pods, kubelet maxPods, default 110); IPv6 only for masks of /120 and longer.',
  rationale:
    'With node-podCIDR IPAM every pod on a node takes an address from that node\'s range (less the network, broadcast and bridge gateway addresses); when the range is smaller than maxPods, the scheduler keeps placing pods the CNI cannot address and they stay in ContainerCreating.',
  remediation: 'Lower the kubelet maxPods to the node range\'s room, or use a shorter node mask (/24 gives 253 usable addresses for the default 110 pods).',
  family: 'cidr',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  sources: [
    'https://kubernetes.io/docs/setup/best-practices/cluster-large/ (110 pods per node)',
    'kubelet --max-pods (default 110)',
    'https://docs.tigera.io/calico/latest/reference/resources/ippool (blockSize; Calico borrows blocks)',
  ],
  messages: {
    belowMaxPods: (d: { family: string; mask: number; maskSource: string; room: string; maxPods: number; maxPodsSource: string }) =>
      `${d.family} node mask /${d.mask} (${d.maskSource}) leaves ${d.room} pod addresses per node, fewer than the ${d.maxPods} pods a node admits (${d.maxPodsSource})`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.nodeMasks.length === 0) return ctx.notAssessed('the input declares no cluster CIDR, so there is no node mask to check');
    if (net.allocateNodeCidrs === false) return;
    for (const mask of net.nodeMasks) {
      if (mask.family === 'IPv6' && mask.size < IPV6_MIN_MASK) continue;
      const room = usablePodIps(mask.family, mask.size);
      if (room >= BigInt(net.maxPods.value)) continue;
      const cidr = net.clusterCidrs.find((c) => c.family === mask.family);
      const range = cidr ? declaredRangeOf(net, cidr) : undefined;
      yield ctx.finding(
        factObject(ctx.model, mask.from ?? range),
        'belowMaxPods',
        { family: mask.family, mask: mask.size, maskSource: mask.source, room: formatCount(room), maxPods: net.maxPods.value, maxPodsSource: net.maxPods.source },
        { path: mask.from?.path ?? range?.path ?? '', ipFamily: mask.family, key: mask.family },
      );
    }
  },
});
