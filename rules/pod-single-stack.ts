import { defineRule, familiesOf, otherFamily, workloadOf, worklistSeverity, type Family, type ModelObject, type Node } from '../src/rule-api.js';

interface Group {
  readonly object: ModelObject;
  readonly bare: boolean;
  running: number;
  readonly single: Map<Family, number>;
  readonly sample: string[];
}

/** Pods on these nodes are another rule's concern: a node podCIDR of one family (DS107) or Windows (DS120). */
function excluded(node: Node): boolean {
  if (node.operatingSystem === 'windows') return true;
  return node.podCIDRs.length > 0 && familiesOf(node.podCIDRs).length < 2;
}

export default defineRule({
  id: 'pod-single-stack',
  code: 'DS106',
  title: 'Running pods have an IP of only one family',
  description: 'Counts, per top-level workload, the running pods of a dual-stack cluster that hold an address of only one family.',
  rationale:
    'A pod keeps the addresses its sandbox got for its whole life, and the EndpointSlice controller can only publish a family the pod has, so a single-family pod is unreachable over the other family through every Service that selects it.',
  remediation:
    'Make the CNI allocate both families (dual-stack IPAM pools or node podCIDRs of each family), then restart the workload (kubectl rollout restart) so every pod gets new dual-stack sandboxes.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['pods', 'nodes', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#supported-features',
    'https://kubernetes.io/docs/tasks/network/validate-dual-stack/#validate-pod-addressing',
    'KEP-563 dual-stack, Production Readiness Review (new pods get dual-stack sandboxes; existing pods must be recreated)',
    'kubernetes pkg/kubelet/kubelet_pods.go (hostNetwork pods copy the node host IPs)',
  ],
  messages: {
    singleFamily: (d: { count: number; running: number; family?: Family; sample: string }) =>
      `${d.count} of ${d.running} running pods have ${d.family ? `only an ${d.family} address` : 'addresses of only one family'} (${d.sample})`,
  },
  *check(ctx) {
    if (!ctx.model.clusterNetwork.podDualStack) return;
    // Decided once per node, not once per pod.
    const excludedNodes = new Set<string>();
    for (const n of ctx.model.nodes) if (excluded(n)) excludedNodes.add(n.ref.name);
    const groups = new Map<ModelObject, Group>();
    for (const pod of ctx.model.pods) {
      // hostNetwork pods copy the node's addresses (DS108); empty podIPs are not networked yet.
      if (pod.phase !== 'Running' || pod.spec.hostNetwork || pod.podIPs.length === 0) continue;
      if (pod.nodeName !== undefined && excludedNodes.has(pod.nodeName)) continue;
      const object = workloadOf(pod);
      let g = groups.get(object);
      if (!g) groups.set(object, (g = { object, bare: object === pod, running: 0, single: new Map(), sample: [] }));
      g.running++;
      const fams = familiesOf(pod.podIPs);
      if (fams.length !== 1) continue;
      g.single.set(fams[0], (g.single.get(fams[0]) ?? 0) + 1);
      if (g.sample.length < 3) g.sample.push(pod.ref.name);
    }
    const severity = worklistSeverity(ctx.model, 'error', 'pods');
    for (const g of groups.values()) {
      const count = [...g.single.values()].reduce((a, b) => a + b, 0);
      if (count === 0) continue;
      const only = g.single.size === 1 ? [...g.single.keys()][0] : undefined;
      const sample = g.sample.join(', ') + (count > g.sample.length ? ', …' : '');
      yield ctx.finding(g.object, 'singleFamily', { count, running: g.running, ...(only ? { family: only } : {}), sample }, {
        path: g.bare ? 'status.podIPs' : '',
        severity,
        ...(only ? { ipFamily: otherFamily(only) } : {}),
      });
    }
  },
});
