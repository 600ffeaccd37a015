import { defineRule, familiesOf, otherFamily, worklistSeverity, type Family, type Node } from '../src/rule-api.js';

/** Above this many nodes with the same cause, one summary finding replaces per-node findings (catalog section 6). */
const SUMMARY_THRESHOLD = 20;

export default defineRule({
  id: 'node-pod-cidrs-missing-family',
  code: 'DS107',
  title: 'Node podCIDRs lack a family',
  description: 'Reports nodes holding a podCIDR of only one family while the cluster allocates pod ranges of both families.',
  rationale:
    'The node IPAM controller never back-fills an existing node and spec.podCIDRs is immutable once set, so pods on such a node can only get one family for as long as the node object exists.',
  remediation:
    'Drain the node, delete the Node object and restart its kubelet so it re-registers and receives a podCIDR of each family (or use CNI-managed IPAM).',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['nodes', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go#AllocateOrOccupyCIDR (existing podCIDRs are only occupied)',
    'kubernetes pkg/apis/core/validation/validation.go#ValidateNodeUpdate (podCIDRs immutable once set)',
    'https://kubernetes.io/docs/tasks/network/validate-dual-stack/',
  ],
  messages: {
    missingFamily: (d: { has: string; missing: Family }) => `Node has podCIDR ${d.has} but none of ${d.missing}`,
    missingFamilyMany: (d: { count: number; missing: Family; sample: string }) =>
      `${d.count} nodes have no ${d.missing} podCIDR (${d.sample})`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.allocateNodeCidrs === false) return;
    const declared = familiesOf(net.clusterCidrs);
    const fromNodes = ctx.model.nodes.some((n) => familiesOf(n.podCIDRs).length === 2);
    if (declared.length === 0 && !fromNodes && net.podFamiliesSource === 'none') {
      return ctx.notAssessed('no source gives the cluster pod ranges (kube-controller-manager --cluster-cidr, kubeadm podSubnet, kind config) and no node holds podCIDRs');
    }
    if (declared.length < 2 && !fromNodes) return;
    const lacking: { node: Node; missing: Family }[] = [];
    for (const node of ctx.model.nodes) {
      if (node.deleting || node.podCIDRs.length !== 1) continue;
      lacking.push({ node, missing: otherFamily(node.podCIDRs[0].family) });
    }
    const severity = worklistSeverity(ctx.model, 'error');
    for (const missing of ['IPv4', 'IPv6'] as const) {
      const group = lacking.filter((l) => l.missing === missing);
      if (group.length > SUMMARY_THRESHOLD) {
        const sample = group.slice(0, 5).map((l) => l.node.ref.name).join(', ') + ', …';
        yield ctx.finding(group[0].node, 'missingFamilyMany', { count: group.length, missing, sample }, { path: 'spec.podCIDRs', severity, ipFamily: missing, key: 'summary' });
        continue;
      }
      for (const { node } of group) {
        yield ctx.finding(node, 'missingFamily', { has: node.podCIDRs[0].canonical, missing }, {
          path: 'spec.podCIDRs',
          severity,
          ipFamily: missing,
          fix: `kubectl drain ${node.ref.name}, kubectl delete node ${node.ref.name}, then restart its kubelet so it registers again with a podCIDR of each family`,
        });
      }
    }
  },
});
