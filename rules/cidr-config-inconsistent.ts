import { defineRule, factObject, type Cidr, type FactSource, type RangeSourceKind } from '../src/rule-api.js';

/** Which component's list is the reference for each side (the one that allocates). */
const ORDER: Readonly<Record<'pods' | 'services', readonly RangeSourceKind[]>> = {
  services: ['kube-apiserver', 'service-cidr', 'kubeadm', 'kind', 'kube-controller-manager'],
  pods: ['kube-controller-manager', 'kubeadm', 'kind', 'kube-proxy'],
};

interface Item extends FactSource {
  readonly kind: RangeSourceKind;
  readonly cidrs: readonly Cidr[];
}

function listText(cidrs: readonly Cidr[]): string {
  return cidrs.map((c) => c.canonical).join(',');
}

export default defineRule({
  id: 'cidr-config-inconsistent',
  code: 'DS211',
  title: 'Cluster CIDR configuration differs between components',
  description: 'Compares the Service ranges of every kube-apiserver instance, the controller-manager, kubeadm or kind config and the kubernetes ServiceCIDR, and the pod ranges of the controller-manager, kubeadm or kind config and kube-proxy; reports lists with other ranges, or the same ranges in another order.',
  rationale:
    'API servers with different Service ranges start without error but fight over allocations; a controller-manager cluster CIDR that differs from kubeadm\'s or kind\'s podSubnet (for example an extraArgs patch that drops a family) leaves nodes without a podCIDR of that family; kube-proxy with other ranges misclassifies local traffic. The first entry of each list is the primary family, so a different order is a different primary.',
  remediation: 'Align every source on the same ranges in the same order; with kubeadm keep kubeadm-config authoritative and regenerate the control-plane manifests from it.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'KEP-1880 multiple Service CIDRs, "The kube-apiserver bootstrap process"; kubernetes/kubernetes#114743',
    'KEP-563 dual-stack (the first CIDR is the primary family)',
    'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/dual-stack-support/',
  ],
  messages: {
    differs: (d: { role: string; value: string; source: string; reference: string; referenceSource: string }) =>
      `${d.role} ranges ${d.value} (${d.source}) differ from ${d.reference} (${d.referenceSource})`,
    orderDiffers: (d: { role: string; value: string; source: string; reference: string; referenceSource: string }) =>
      `${d.role} ranges ${d.value} (${d.source}) are in another order than ${d.reference} (${d.referenceSource}), so the primary family differs`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const items: Record<'pods' | 'services', Item[]> = { pods: [], services: [] };
    for (const d of net.declarations) {
      // kube-proxy is compared by its effective configuration (DaemonSet flags override the file).
      if (d.cidrs.length === 0 || d.sourceKind === 'kube-proxy' || !ORDER[d.role].includes(d.sourceKind)) continue;
      items[d.role].push({ ...d, kind: d.sourceKind });
    }
    const kp = net.kubeProxy;
    if (kp && kp.clusterCidrs.length > 0) items.pods.push({ ...kp, source: `${kp.source} clusterCIDR`, kind: 'kube-proxy', cidrs: kp.clusterCidrs });
    if (items.pods.length + items.services.length === 0) {
      return ctx.notAssessed('no component declares pod or Service ranges (control-plane flags, kubeadm or kind config, kube-proxy config, ServiceCIDR kubernetes)');
    }
    for (const role of ['services', 'pods'] as const) {
      const list = items[role].map((it, i) => ({ it, i })).sort((a, b) => ORDER[role].indexOf(a.it.kind) - ORDER[role].indexOf(b.it.kind) || a.i - b.i).map((x) => x.it);
      const [ref, ...others] = list;
      if (!ref) continue;
      const refCanon = ref.cidrs.map((c) => c.canonical);
      for (const other of others) {
        const canon = other.cidrs.map((c) => c.canonical);
        if (canon.join(',') === refCanon.join(',')) continue;
        const sameSet = [...canon].sort().join(',') === [...refCanon].sort().join(',');
        const data = { role: role === 'pods' ? 'pod' : 'service', value: listText(other.cidrs), source: other.source, reference: listText(ref.cidrs), referenceSource: ref.source };
        yield ctx.finding(factObject(ctx.model, other), sameSet ? 'orderDiffers' : 'differs', data, {
          path: other.path ?? '',
          key: `${role} ${other.source}`,
          ...(sameSet ? { severity: 'warning' as const } : {}),
        });
      }
    }
  },
});
