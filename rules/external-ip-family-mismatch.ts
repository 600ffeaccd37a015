import { defineRule, familyText, serviceFamilies, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'external-ip-family-mismatch',
  code: 'DS112',
  title: 'External IP of a family the Service does not have',
  description: 'Reports externalIPs, and load-balancer ingress IPs in VIP mode, whose family is not among the Service IP families.',
  rationale:
    'kube-proxy programs a Service only in the proxier of a family the Service has a cluster IP of, and drops external and load-balancer IPs of any other family, so such an externalIP is never served and in-cluster clients of such a load-balancer IP leave the cluster instead of short-circuiting to the backends.',
  remediation:
    'Make the Service dual-stack (spec.ipFamilyPolicy PreferDualStack or RequireDualStack), or remove the externalIPs whose family it does not have.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'kubernetes pkg/proxy/serviceport.go#newBaseServiceInfo (external and load-balancer IPs filtered per IP family)',
    'kubernetes pkg/proxy/servicechangetracker.go#serviceToServiceMap (Services without a cluster IP of the family are skipped)',
  ],
  messages: {
    externalIpFamily: (d: { ip: string; family: string; families: string }) =>
      `externalIP ${d.ip} is ${d.family}, but the Service has only ${d.families}; kube-proxy never serves it`,
    ingressIpFamily: (d: { ip: string; family: string; families: string }) =>
      `Load-balancer IP ${d.ip} is ${d.family}, but the Service has only ${d.families}; in-cluster clients hairpin through the load balancer`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      if (svc.type === 'ExternalName' || svc.headless || svc.isDefaultKubernetes) continue;
      const fams = serviceFamilies(svc, net);
      // A manifest on a cluster of unknown primary family: the single family it will get is not known.
      if (fams.families.length !== fams.count) continue;
      const families = familyText(fams.families);
      for (const ip of svc.externalIPs) {
        if (fams.families.includes(ip.family)) continue;
        yield ctx.finding(svc, 'externalIpFamily', { ip: ip.canonical, family: ip.family, families }, {
          path: ip.path,
          severity: worklistSeverity(ctx.model, 'warning'),
          ipFamily: ip.family,
          key: ip.canonical,
        });
      }
      for (const ingress of svc.loadBalancerIngress) {
        // Proxy-mode load-balancer IPs are not programmed by kube-proxy by design.
        if (!ingress.ip || ingress.ipMode === 'Proxy' || fams.families.includes(ingress.ip.family)) continue;
        yield ctx.finding(svc, 'ingressIpFamily', { ip: ingress.ip.canonical, family: ingress.ip.family, families }, {
          path: `${ingress.path}.ip`,
          severity: 'info',
          ipFamily: ingress.ip.family,
          key: ingress.ip.canonical,
        });
      }
    }
  },
});
