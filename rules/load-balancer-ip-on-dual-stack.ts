import { defineRule, serviceFamilies, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'load-balancer-ip-on-dual-stack',
  code: 'DS118',
  title: 'Dual-stack LoadBalancer pins its address with spec.loadBalancerIP',
  description: 'Reports LoadBalancer Services with two IP families that set the deprecated spec.loadBalancerIP field.',
  rationale:
    'spec.loadBalancerIP holds one address and cannot express a dual-stack request; it is deprecated since Kubernetes 1.24 and implementations either ignore the second family or fail to provision it.',
  remediation:
    'Remove spec.loadBalancerIP and request one address per family with the implementation annotation, e.g. MetalLB metallb.io/loadBalancerIPs: "<IPv4>,<IPv6>" or Azure service.beta.kubernetes.io/azure-load-balancer-ipv4 and -ipv6.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/ (loadBalancerIP: deprecated, "cannot support dual-stack")',
    'https://metallb.universe.tf/usage/ (metallb.io/loadBalancerIPs takes one IP per family)',
  ],
  messages: {
    pinnedAddress: (d: { ip: string }) => `Dual-stack LoadBalancer pins one address with spec.loadBalancerIP ${d.ip}; the field cannot request both families`,
  },
  *check(ctx) {
    for (const svc of ctx.model.services) {
      if (svc.type !== 'LoadBalancer' || svc.loadBalancerIP === undefined) continue;
      if (serviceFamilies(svc, ctx.model.clusterNetwork).count !== 2) continue;
      yield ctx.finding(svc, 'pinnedAddress', { ip: svc.loadBalancerIP }, { path: 'spec.loadBalancerIP', severity: worklistSeverity(ctx.model, 'warning') });
    }
  },
});
