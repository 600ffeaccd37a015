import {
  defineRule, familiesOf, familyText, handledByMetalLb, metallbPoolEligibility, metallbRequest, serviceFamilies, worklistSeverity,
  type Family, type MetalLbPool,
} from '../src/rule-api.js';

function poolNames(pools: readonly MetalLbPool[]): string {
  return pools.length === 0 ? 'none' : pools.map((p) => `${p.ref.name} (${p.families.length > 0 ? p.families.join('+') : 'no addresses'})`).join(', ');
}

export default defineRule({
  id: 'metallb-pool-single-family',
  code: 'DS115',
  title: 'MetalLB address pools or IP annotation lack a family',
  description:
    'For each LoadBalancer Service MetalLB handles, checks that the IPAddressPools it may take addresses from, or its loadBalancerIPs annotation, cover every IP family the Service asks for.',
  rationale:
    'MetalLB assigns a load-balancer IP of a family only from a pool that has addresses of that family, and takes both addresses of a dual-stack Service from one pool; without one the family is never assigned (a RequireDualStack Service stays pending) and clients of that family cannot reach the Service.',
  remediation:
    'Add a range of the missing family to the IPAddressPool the Service uses (keep both families in one pool, and advertise it with an L2Advertisement or BGPAdvertisement), or list one address per family in metallb.io/loadBalancerIPs.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'metallbPools', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://metallb.universe.tf/usage/ ("a comma separated list of IPs to be used in case of Dual Stack services")',
    'https://metallb.universe.tf/configuration/_advanced_ipaddresspool_configuration/ (autoAssign, serviceAllocation)',
    'metallb/metallb internal/allocator/allocator.go#Allocate, #findBestPoolForService, #isPoolCompatibleWithService',
  ],
  messages: {
    noPoolForFamily: (d: { family: Family; pools: string }) =>
      `No MetalLB IPAddressPool this Service can use has ${d.family} addresses (usable pools: ${d.pools}); it never gets an ${d.family} load-balancer IP`,
    familiesSplitAcrossPools: (d: { pools: string }) =>
      `MetalLB pools this Service can use hold IPv4 and IPv6 addresses only in separate pools (${d.pools}); MetalLB takes both addresses of a dual-stack Service from one pool`,
    annotationMissingFamily: (d: { annotation: string; listed: string; missing: Family }) =>
      `${d.annotation} lists only ${d.listed} addresses; the Service asks for ${d.missing} too, so it gets no ${d.missing} load-balancer IP`,
  },
  *check(ctx) {
    const model = ctx.model;
    // A live read of a cluster without the MetalLB CRDs has no pools: MetalLB does not serve its Services.
    if (model.metallbPools.length === 0) return;
    const net = model.clusterNetwork;
    for (const svc of model.services) {
      if (!handledByMetalLb(svc)) continue;
      const fams = serviceFamilies(svc, net);
      // A manifest on a cluster of unknown families may leave the family of a single-stack Service open.
      if (fams.families.length < fams.count) continue;
      const wanted = fams.families;
      const severity = worklistSeverity(model, svc.ipFamilyPolicy === 'RequireDualStack' ? 'error' : 'warning');
      const request = metallbRequest(svc);

      if (request.ips) {
        const listed = familiesOf(request.ips.ips);
        if (listed.length === 0) continue;
        for (const missing of wanted.filter((f) => !listed.includes(f))) {
          yield ctx.finding(svc, 'annotationMissingFamily', { annotation: request.ips.annotation, listed: familyText(listed), missing }, {
            path: 'metadata.annotations',
            severity,
            ipFamily: missing,
            key: missing,
          });
        }
        continue;
      }

      let usable: MetalLbPool[];
      if (request.pool) {
        const named = model.metallbPools.find((p) => p.ref.name === request.pool?.name);
        // An unknown pool name fails the allocation outright; that is not a family problem.
        if (!named) continue;
        usable = [named];
      } else {
        // Pools whose eligibility depends on Namespace labels count as usable: no finding without proof.
        usable = model.metallbPools.filter((p) => metallbPoolEligibility(p, svc) !== 'no');
      }
      const covered = new Set(usable.flatMap((p) => p.families));
      const missing = wanted.filter((f) => !covered.has(f));
      for (const family of missing) {
        yield ctx.finding(svc, 'noPoolForFamily', { family, pools: poolNames(usable) }, { path: 'spec.ipFamilies', severity, ipFamily: family, key: family });
      }
      if (missing.length === 0 && wanted.length === 2 && !usable.some((p) => p.families.length === 2)) {
        yield ctx.finding(svc, 'familiesSplitAcrossPools', { pools: poolNames(usable) }, { path: 'spec.ipFamilies', severity });
      }
    }
  },
});
