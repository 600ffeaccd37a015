import { clusterObject, defineRule, familyText, otherFamily, type DeclaredRange, type ModelObject } from '../src/rule-api.js';

function declaringObject(range: DeclaredRange | undefined): ModelObject | undefined {
  if (!range?.ref || !range.origin) return undefined;
  return { ref: range.ref, origin: range.origin, labels: {}, annotations: {}, live: false };
}

export default defineRule({
  id: 'cluster-not-dual-stack',
  code: 'DS100',
  title: 'Cluster is not dual-stack',
  description: 'Reports a cluster whose declared pod or service ranges cover only one IP family when the target is dual-stack.',
  rationale:
    'Every other dual-stack fix depends on the cluster having a pod range and a service range of each family: without them the API server rejects dual-stack Services and nodes get single-family podCIDRs.',
  remediation:
    'Add the second family to kube-apiserver --service-cluster-ip-range, kube-controller-manager --cluster-cidr and the CNI (kubeadm: networking.podSubnet and serviceSubnet as comma-separated pairs), then re-register nodes so they get both podCIDRs.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#configure-ipv4-ipv6-dual-stack',
    'KEP-563 dual-stack: kubernetes/enhancements keps/sig-network/563-dual-stack',
  ],
  messages: {
    singleFamily: (d: { role: string; families: string; evidence: string }) =>
      `Cluster ${d.role} ranges cover only ${d.families} (evidence: ${d.evidence})`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    if (net.state === 'unknown') {
      return ctx.notAssessed('cluster state unknown: no source declares the pod or service ranges (add control-plane pods, kubeadm or kind config, Nodes, or --service-cidr/--pod-cidr)');
    }
    if (net.state === 'dual') return;
    for (const role of ['services', 'pods'] as const) {
      const families = role === 'services' ? net.serviceFamilies : net.podFamilies;
      const source = role === 'services' ? net.serviceFamiliesSource : net.podFamiliesSource;
      if (families.length !== 1 || source !== 'declared') continue;
      const evidence = net.evidence.filter((e) => e.role === role && !(e.inferred && e.source.startsWith('Service')));
      const text = evidence.map((e) => `${e.source}${e.ranges.length ? ` ${e.ranges.join(',')}` : ''}`).join('; ');
      const declaring = net.ranges.find((r) => r.role === role && r.origin);
      const anchor = declaringObject(declaring) ?? clusterObject(ctx.model);
      const missing = otherFamily(families[0]);
      const fix = declaring
        ? `Add an ${missing} range after ${declaring.cidr.canonical} in ${declaring.source} ("${declaring.cidr.canonical},<${missing} CIDR>"), and the same in every component that declares the ${role === 'services' ? 'service' : 'pod'} range`
        : undefined;
      yield ctx.finding(anchor, 'singleFamily', { role: role === 'services' ? 'service' : 'pod', families: familyText(families), evidence: text }, {
        key: role,
        ipFamily: families[0],
        ...(fix ? { fix } : {}),
      });
    }
  },
});
