import { awsDualStackLoadBalancer, defineRule, otherFamily, serviceFamilies, setFieldFix, worklistSeverity, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'exposed-service-single-stack',
  code: 'DS102',
  title: 'Externally reachable Service is single-stack',
  description: 'Reports NodePort and LoadBalancer Services, and Services with externalIPs, that have or will get only one IP family.',
  rationale:
    'kube-proxy runs one proxier per family and skips Services without a cluster IP of that family, so a single-stack NodePort is not served on the nodes\' other-family addresses and a load balancer of the other family has no backend path.',
  remediation:
    'Set spec.ipFamilyPolicy to RequireDualStack (fails loudly on a single-stack cluster) or PreferDualStack, and confirm the load-balancer implementation supports IPv6.',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'kubernetes pkg/proxy/servicechangetracker.go#serviceToServiceMap (per-family service tracking)',
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services (type LoadBalancer)',
  ],
  messages: {
    singleStack: (d: { type: string; family?: Family }) =>
      `${d.type} Service ${d.family ? `has only ${d.family} addresses; it is not reachable over ${otherFamily(d.family)}` : 'gets addresses of one family only; it is not reachable over the other family'}`,
    translatedByLoadBalancer: (d: { type: string; family?: Family }) =>
      `${d.type} Service is single-stack (${d.family ?? 'one family'}) behind a dual-stack AWS load balancer that translates families`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      if (!svc.exposed || svc.type === 'ExternalName' || svc.headless) continue;
      // A controller regenerates this Service from its own settings: DS608 routes the finding there.
      if (svc.generatedBy) continue;
      const fams = serviceFamilies(svc, net);
      if (fams.count !== 1) continue;
      const family = fams.families[0];
      const type = svc.type === 'ClusterIP' ? 'ClusterIP (externalIPs)' : svc.type;
      const setPolicy = setFieldFix(svc, 'spec.ipFamilyPolicy', 'RequireDualStack');
      const common = { path: 'spec.ipFamilyPolicy', ...(family ? { ipFamily: otherFamily(family) } : {}) };
      if (awsDualStackLoadBalancer(svc)) {
        yield ctx.finding(svc, 'translatedByLoadBalancer', { type, ...(family ? { family } : {}) }, { ...common, severity: 'info', fix: setPolicy });
        continue;
      }
      const severity = svc.type === 'LoadBalancer' ? 'error' : 'warning';
      yield ctx.finding(
        svc,
        'singleStack',
        { type, ...(family ? { family } : {}) },
        {
          ...common,
          severity: worklistSeverity(ctx.model, severity),
          fix: svc.type === 'LoadBalancer' ? `${setPolicy}, and check that the load-balancer implementation serves IPv6` : setPolicy,
        },
      );
    }
  },
});
