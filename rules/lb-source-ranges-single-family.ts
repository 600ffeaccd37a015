import { defineRule, familiesOf, otherFamily, serviceFamilies, worklistSeverity, type Ip } from '../src/rule-api.js';

const AWS_IP_ADDRESS_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type';

export default defineRule({
  id: 'lb-source-ranges-single-family',
  code: 'DS111',
  title: 'Load-balancer source ranges restrict only one family',
  description: 'Reports dual-stack LoadBalancer Services whose source ranges (loadBalancerSourceRanges, else the source-ranges annotation) are all of one family.',
  rationale:
    'kube-proxy splits the source ranges by family and installs a firewall only for a family that has ranges; the family with no range gets no firewall at all, so the load balancer is open to the whole world over that family.',
  remediation:
    'Add the allow-list CIDRs of the other family to spec.loadBalancerSourceRanges, or make the Service single-stack if the other family must not be exposed.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'kubernetes pkg/proxy/serviceport.go#newBaseServiceInfo (source ranges filtered per IP family)',
    'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/service-v1/ (loadBalancerSourceRanges)',
    'kubernetes staging/src/k8s.io/cloud-provider/service/helpers/helper.go#GetLoadBalancerSourceRanges (annotation fallback)',
  ],
  messages: {
    openFamily: (d: { family: string; count: number; missing: string }) =>
      `All ${d.count} source range(s) are ${d.family}; ${d.missing} clients reach the load balancer unrestricted`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      if (svc.type !== 'LoadBalancer' || svc.sourceRanges.cidrs.length === 0) continue;
      const ranges = familiesOf(svc.sourceRanges.cidrs);
      if (ranges.length !== 1) continue;
      const ingressIps = svc.loadBalancerIngress.map((i) => i.ip).filter((ip): ip is Ip => ip !== undefined);
      const dual =
        serviceFamilies(svc, net).count === 2 ||
        familiesOf(ingressIps).length === 2 ||
        svc.annotations[AWS_IP_ADDRESS_TYPE]?.startsWith('dualstack') === true;
      if (!dual) continue;
      const missing = otherFamily(ranges[0]);
      yield ctx.finding(svc, 'openFamily', { family: ranges[0], count: svc.sourceRanges.cidrs.length, missing }, {
        path: svc.sourceRanges.path,
        severity: worklistSeverity(ctx.model, 'error'),
        ipFamily: missing,
      });
    }
  },
});
