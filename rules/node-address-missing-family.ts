import { defineRule, familiesOf, type Family, type Ip, type Node, otherFamily, SUMMARY_THRESHOLD, worklistSeverity } from '../src/rule-api.js';

const PROVIDED_NODE_IP = 'alpha.kubernetes.io/provided-node-ip';

function hostIps(node: Node): Ip[] {
  return node.addresses.filter((a) => (a.type === 'InternalIP' || a.type === 'ExternalIP') && a.ip).map((a) => a.ip as Ip);
}

function sampleOf(nodes: readonly Node[]): string {
  return nodes.slice(0, 5).map((n) => n.ref.name).join(', ') + (nodes.length > 5 ? ', …' : '');
}

export default defineRule({
  id: 'node-address-missing-family',
  code: 'DS108',
  title: 'Node addresses lack a family or put the other family first',
  description: 'Checks the InternalIP and ExternalIP addresses of each node for both families, and the family of the first InternalIP against the cluster primary family.',
  rationale:
    'hostNetwork pods get their pod IPs from the node addresses and NodePorts of a family need a node address of that family, so a node without one is single-stack for both; the kubelet also orders pod IPs by the node primary family, so a node whose first address is of the other family makes its pods primary in a different family than Services.',
  remediation:
    'Give the kubelet a dual-stack pair with the cluster primary family first (--node-ip=<IPv4>,<IPv6>, allowed without a cloud provider or with --cloud-provider=external), or fix the cloud address assignment, then restart the kubelet.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['nodes', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#configure-ipv4-ipv6-dual-stack (kubelet --node-ip pair)',
    'KEP-3705 cloud dual-stack node IPs, section "Example of --node-ip possibilities"',
    'kubernetes pkg/kubelet/kubelet_pods.go#sortPodIPs (pod IPs ordered by the node primary family)',
  ],
  messages: {
    missingFamily: (d: { has: string; missing: Family; nodeIp: string }) =>
      `Node has only ${d.has} addresses and no ${d.missing} InternalIP or ExternalIP${d.nodeIp}`,
    missingFamilyMany: (d: { count: number; missing: Family; sample: string }) =>
      `${d.count} nodes have no ${d.missing} InternalIP or ExternalIP (${d.sample})`,
    primaryMismatch: (d: { first: string; family: Family; primary: Family }) =>
      `Node's first InternalIP ${d.first} is ${d.family}, but the cluster primary family is ${d.primary}`,
    primaryMismatchMany: (d: { count: number; family: Family; primary: Family; sample: string }) =>
      `${d.count} nodes list an ${d.family} InternalIP first, but the cluster primary family is ${d.primary} (${d.sample})`,
  },
  *check(ctx) {
    const primary = ctx.model.clusterNetwork.serviceFamilies[0];
    const missing = new Map<Family, Node[]>();
    const flipped: Node[] = [];
    for (const node of ctx.model.nodes) {
      const ips = hostIps(node);
      // Virtual kubelets have no host network; a node that reports no address cannot be judged.
      if (node.virtual || ips.length === 0) continue;
      const fams = familiesOf(ips);
      if (fams.length === 1) {
        const lack = otherFamily(fams[0]);
        let list = missing.get(lack);
        if (!list) missing.set(lack, (list = []));
        list.push(node);
        continue;
      }
      const first = node.addresses.find((a) => a.type === 'InternalIP' && a.ip)?.ip;
      if (primary && first && first.family !== primary) flipped.push(node);
    }
    const severity = worklistSeverity(ctx.model, 'warning', 'pods');
    for (const [lack, nodes] of [...missing.entries()].sort()) {
      if (nodes.length > SUMMARY_THRESHOLD) {
        yield ctx.finding(nodes[0], 'missingFamilyMany', { count: nodes.length, missing: lack, sample: sampleOf(nodes) }, { path: 'status.addresses', severity, ipFamily: lack, key: 'summary' });
        continue;
      }
      for (const node of nodes) {
        const provided = node.annotations[PROVIDED_NODE_IP];
        const nodeIp = provided !== undefined ? ` (kubelet --node-ip ${provided})` : '';
        yield ctx.finding(node, 'missingFamily', { has: otherFamily(lack), missing: lack, nodeIp }, { path: 'status.addresses', severity, ipFamily: lack });
      }
    }
    if (!primary) return;
    const other = otherFamily(primary);
    if (flipped.length > SUMMARY_THRESHOLD) {
      yield ctx.finding(flipped[0], 'primaryMismatchMany', { count: flipped.length, family: other, primary, sample: sampleOf(flipped) }, { path: 'status.addresses', severity: 'info', key: 'summary' });
      return;
    }
    for (const node of flipped) {
      const first = node.addresses.find((a) => a.type === 'InternalIP' && a.ip)?.ip as Ip;
      yield ctx.finding(node, 'primaryMismatch', { first: first.canonical, family: first.family, primary }, { path: 'status.addresses', severity: 'info' });
    }
  },
});
