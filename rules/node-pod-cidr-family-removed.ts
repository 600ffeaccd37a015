import { defineRule, type Family, formatCount, type Node, otherFamily, SUMMARY_THRESHOLD } from '../src/rule-api.js';

/** Node names a summary lists. */
const SAMPLE = 5;

function sample(nodes: readonly Node[]): string {
  return nodes.slice(0, SAMPLE).map((n) => n.ref.name).join(', ') + (nodes.length > SAMPLE ? ', …' : '');
}

export default defineRule({
  id: 'node-pod-cidr-family-removed',
  code: 'DS304',
  title: 'Node holds a podCIDR the target cluster CIDR cannot hold',
  description:
    'Reports Nodes with a podCIDR of the family being removed, or, when the primary family changes, whose first podCIDR is of the old primary family.',
  rationale:
    'kube-controller-manager checks every Node\'s podCIDRs against --cluster-cidr when it starts and exits if one lies outside it, is of the other family at index 0, or is a second family after --cluster-cidr shrank to one: every controller goes down, on every restart, while such a Node exists (observed on 1.25). The API server accepts such Nodes, and podCIDRs are immutable, so the Node must be drained, deleted and re-registered.',
  remediation:
    'Before changing --cluster-cidr, re-register each listed Node: kubectl drain NODE --ignore-daemonsets --delete-emptydir-data, kubectl delete node NODE, then restart its kubelet (or replace the machine) so it registers again and gets podCIDRs from the new ranges.',
  family: 'rollback',
  defaultSeverity: 'error',
  requires: ['nodes'],
  sources: [
    'kubernetes pkg/controller/nodeipam/ipam/range_allocator.go#occupyCIDRs',
    'kubernetes pkg/apis/core/validation/validation.go#ValidateNodeUpdate (podCIDRs immutable)',
    'rules catalog section 7 (observed on kube-controller-manager 1.25)',
  ],
  messages: {
    holdsRemoved: (d: { cidr: string; removed: string; kept: string }) =>
      `podCIDR ${d.cidr} is ${d.removed}; once --cluster-cidr holds only ${d.kept}, kube-controller-manager exits at start-up, on every restart, while this Node exists: drain, delete and re-register it`,
    wrongFirst: (d: { cidr: string; old: string; primary: string }) =>
      `podCIDRs[0] ${d.cidr} is ${d.old}; with ${d.primary} first in --cluster-cidr, kube-controller-manager exits at start-up, on every restart, while this Node exists: drain, delete and re-register it`,
    holdsRemovedMany: (d: { count: string; removed: string; kept: string; sample: string }) =>
      `${d.count} Nodes hold a ${d.removed} podCIDR (${d.sample}); once --cluster-cidr holds only ${d.kept}, kube-controller-manager exits at start-up, on every restart, while any of them exists: drain, delete and re-register each`,
    wrongFirstMany: (d: { count: string; old: string; primary: string; sample: string }) =>
      `${d.count} Nodes have an ${d.old} podCIDRs[0] (${d.sample}); with ${d.primary} first in --cluster-cidr, kube-controller-manager exits at start-up, on every restart, while any of them exists: drain, delete and re-register each`,
  },
  *check(ctx) {
    const { removedFamily: removed, primaryAfter } = ctx.model.scenario;
    const holding: { node: Node; cidr: Node['podCIDRs'][number] }[] = [];
    const wrong: { node: Node; cidr: Node['podCIDRs'][number] }[] = [];
    for (const node of ctx.model.nodes) {
      const gone = removed ? node.podCIDRs.find((c) => c.family === removed) : undefined;
      if (gone) { holding.push({ node, cidr: gone }); continue; }
      const first = node.podCIDRs[0];
      if (primaryAfter && first && first.family !== primaryAfter) wrong.push({ node, cidr: first });
    }
    if (removed && holding.length > SUMMARY_THRESHOLD) {
      const nodes = holding.map((h) => h.node);
      yield ctx.finding(nodes[0], 'holdsRemovedMany', { count: formatCount(nodes.length), removed, kept: otherFamily(removed), sample: sample(nodes) }, { path: 'spec.podCIDRs', ipFamily: removed, key: 'summary holdsRemoved' });
    } else if (removed) {
      for (const { node, cidr } of holding) yield ctx.finding(node, 'holdsRemoved', { cidr: cidr.text, removed, kept: otherFamily(removed) }, { path: cidr.path, ipFamily: removed });
    }
    if (!primaryAfter) return;
    if (wrong.length > SUMMARY_THRESHOLD) {
      const nodes = wrong.map((h) => h.node);
      const old: Family = otherFamily(primaryAfter);
      yield ctx.finding(nodes[0], 'wrongFirstMany', { count: formatCount(nodes.length), old, primary: primaryAfter, sample: sample(nodes) }, { path: 'spec.podCIDRs[0]', ipFamily: old, key: 'summary wrongFirst' });
    } else {
      for (const { node, cidr } of wrong) yield ctx.finding(node, 'wrongFirst', { cidr: cidr.text, old: cidr.family, primary: primaryAfter }, { path: cidr.path, ipFamily: cidr.family });
    }
  },
});
