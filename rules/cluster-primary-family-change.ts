import { clusterObject, defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'cluster-primary-family-change',
  code: 'DS305',
  title: 'Primary IP family change',
  description:
    'Reports a planned change of the primary family (the first service range), and the traces of one already made: default/kubernetes or kube-dns still holding an address of the old first family.',
  rationale:
    'The API server starts with its first service range of the other family and new Services default to it, but default/kubernetes keeps its old address until deleted by hand, kubeadm puts only the first range\'s first IP in the API server certificate, the cluster DNS address (10th IP of the first range) in every kubelet\'s clusterDNS stays old, Node podCIDR order must change (DS304), and on 1.25 every existing ClusterIP is reported as leaked and repaired (ClusterIPNotAllocated events) at the first start. KEP-563: the first --service-cluster-ip-range entry "MUST NOT change IP families".',
  remediation:
    'Prefer a new cluster. Otherwise, in a maintenance window: change the ranges, delete the ServiceCIDR and Service named kubernetes so the API server recreates them, regenerate the API server certificates, update kubelet clusterDNS on every node, recreate kube-dns, and restart every Pod.',
  family: 'rollback',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  uses: ['services'],
  sources: [
    'KEP-563 Services rule 4; KEP-1880 "The special default ServiceCIDR"',
    'kubernetes/kubernetes#131261 (a primary change "is allowed by the system, but it is not supported")',
    'kubernetes cmd/kubeadm/app/constants/constants.go#GetAPIServerVirtualIP, #GetDNSIP',
    'rules catalog section 7 (observed on kube-apiserver 1.25)',
  ],
  messages: {
    planned: (d: { from: string; to: string; kubernetesIp: string }) =>
      `primary family changes from ${d.from} to ${d.to}: the API server accepts it, but default/kubernetes keeps ${d.kubernetesIp} until deleted by hand, the API server certificate and kubelet clusterDNS still name the ${d.from} range, and every existing ClusterIP is reported as leaked and repaired (ClusterIPNotAllocated events) at the first start`,
    keptOldAddress: (d: { ip: string; family: string; primary: string; what: string }) =>
      `${d.what} ${d.ip} is ${d.family}, but the first service range is ${d.primary}: the primary family was changed and this Service kept its old address; delete it so it is recreated in the ${d.primary} range`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const primary = net.serviceFamilies[0];
    const after = ctx.model.scenario.primaryAfter;
    const services = ctx.model.services;
    const kubernetes = services.find((s) => s.isDefaultKubernetes);
    if (after && !primary) ctx.notAssessed('the cluster\'s first service family is unknown (no apiserver flag, ServiceCIDR, kubeadm config or allocated ClusterIP)');
    if (after && primary && after !== primary) {
      const ip = kubernetes?.clusterIPs[0];
      yield ctx.finding(kubernetes ?? clusterObject(ctx.model), 'planned', { from: primary, to: after, kubernetesIp: ip ? ip.text : 'its address' }, {
        path: ip ? ip.path : '',
        ipFamily: primary,
      });
    }
    // Drift is only evidence against a declared first range: inferred families come from these very Services.
    if (!primary || net.serviceFamiliesSource !== 'declared') return;
    const dns = services.find((s) => s.ref.namespace === 'kube-system' && s.ref.name === 'kube-dns');
    for (const [svc, what] of [[kubernetes, 'default/kubernetes clusterIP'], [dns, 'kube-system/kube-dns clusterIPs[0]']] as const) {
      const ip = svc?.clusterIPs[0];
      if (!svc || !ip || ip.family === primary) continue;
      yield ctx.finding(svc, 'keptOldAddress', { ip: ip.text, family: ip.family, primary, what }, { path: ip.path, ipFamily: ip.family });
    }
  },
});
