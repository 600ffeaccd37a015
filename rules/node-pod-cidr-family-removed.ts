import { defineRule, otherFamily } from '../src/rule-api.js';

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
  },
  *check(ctx) {
    const { removedFamily: removed, primaryAfter } = ctx.model.scenario;
    for (const node of ctx.model.nodes) {
      const gone = removed ? node.podCIDRs.find((c) => c.family === removed) : undefined;
      if (gone && removed) {
        yield ctx.finding(node, 'holdsRemoved', { cidr: gone.text, removed, kept: otherFamily(removed) }, { path: gone.path, ipFamily: removed });
        continue;
      }
      const first = node.podCIDRs[0];
      if (primaryAfter && first && first.family !== primaryAfter) {
        yield ctx.finding(node, 'wrongFirst', { cidr: first.text, old: first.family, primary: primaryAfter }, { path: first.path, ipFamily: first.family });
      }
    }
  },
});
