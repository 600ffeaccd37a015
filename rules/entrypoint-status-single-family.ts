import { defineRule, familiesOf, otherFamily, serviceFamilies, worklistSeverity, type Family, type Ip } from '../src/rule-api.js';

function onlyFamily(ips: readonly (Ip | undefined)[]): Family | undefined {
  const fams = familiesOf(ips.filter((ip): ip is Ip => ip !== undefined));
  return fams.length === 1 ? fams[0] : undefined;
}

export default defineRule({
  id: 'entrypoint-status-single-family',
  code: 'DS113',
  title: 'External entrypoint exposes addresses of one family',
  description: 'Reports LoadBalancer Services with two IP families, Ingresses and Gateways whose status lists IP addresses of only one family.',
  rationale:
    'The status addresses are what clients and DNS automation (external-dns) publish; when the load-balancer implementation or the ingress or gateway controller delivers one family, the entrypoint is unreachable over the other family however dual-stack the cluster behind it is.',
  remediation:
    'Enable dual-stack in the load-balancer implementation (cloud provider annotations, MetalLB pools of both families) and make the ingress controller or gateway Service dual-stack (ipFamilyPolicy PreferDualStack or RequireDualStack).',
  family: 'single-stack',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  uses: ['services', 'ingresses', 'gateways'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services (type LoadBalancer needs a provider that supports both families)',
    'KEP-563 dual-stack, section "Load Balancer Operation"',
    'https://gateway-api.sigs.k8s.io/reference/spec/#gatewaystatus (status.addresses, type IPAddress by default)',
  ],
  messages: {
    serviceSingleFamily: (d: { family: Family; missing: Family }) =>
      `Service has cluster IPs of both families, but its load balancer exposes only ${d.family} addresses; no ${d.missing} entrypoint`,
    entrypointSingleFamily: (d: { kind: string; family: Family; missing: Family }) =>
      `${d.kind} status lists only ${d.family} addresses; clients cannot reach it over ${d.missing}`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      if (svc.type !== 'LoadBalancer' || serviceFamilies(svc, net).count !== 2) continue;
      // Empty status is pending, hostname-only status cannot be judged without DNS.
      const family = onlyFamily(svc.loadBalancerIngress.map((i) => i.ip));
      if (!family) continue;
      yield ctx.finding(svc, 'serviceSingleFamily', { family, missing: otherFamily(family) }, {
        path: 'status.loadBalancer.ingress',
        severity: worklistSeverity(ctx.model, 'error'),
        ipFamily: otherFamily(family),
      });
    }
    for (const ing of ctx.model.ingresses) {
      const family = onlyFamily(ing.loadBalancerIngress.map((i) => i.ip));
      if (!family) continue;
      yield ctx.finding(ing, 'entrypointSingleFamily', { kind: 'Ingress', family, missing: otherFamily(family) }, {
        path: 'status.loadBalancer.ingress',
        severity: worklistSeverity(ctx.model, 'warning'),
        ipFamily: otherFamily(family),
      });
    }
    for (const gw of ctx.model.gateways) {
      const family = onlyFamily(gw.addresses.map((a) => a.ip));
      if (!family) continue;
      yield ctx.finding(gw, 'entrypointSingleFamily', { kind: 'Gateway', family, missing: otherFamily(family) }, {
        path: 'status.addresses',
        severity: worklistSeverity(ctx.model, 'warning'),
        ipFamily: otherFamily(family),
      });
    }
  },
});
