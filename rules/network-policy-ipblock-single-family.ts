import { defineRule, familiesOf, otherFamily, worklistSeverity, type Cidr, type Family, type IpBlock } from '../src/rule-api.js';

/** `0.0.0.0/0` or `::/0`. */
function isAll(cidr: Cidr): boolean {
  return cidr.prefix === 0;
}

export default defineRule({
  id: 'network-policy-ipblock-single-family',
  code: 'DS110',
  title: 'NetworkPolicy ipBlock peers cover only one family',
  description: 'Checks, per policy direction, whether the ipBlock peers of a NetworkPolicy name CIDRs of both families.',
  rationale:
    'NetworkPolicy is an allow-list and an ipBlock matches only addresses of its own family, so a rule written as 0.0.0.0/0 to allow all external traffic denies all IPv6 external traffic to the selected pods once they have IPv6 addresses.',
  remediation:
    'Add the other family next to each CIDR, e.g. a peer ipBlock {cidr: "::/0"} (with matching except entries for the cluster IPv6 ranges) beside 0.0.0.0/0.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['networkPolicies'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    'kubernetes pkg/apis/networking/validation/validation.go#ValidateIPBlock',
    'kubernetes pkg/apis/networking/v1/defaults.go#SetDefaults_NetworkPolicySpec (policyTypes defaulting)',
  ],
  messages: {
    allowAllOneFamily: (d: { direction: string; cidr: string; missing: string }) =>
      `${d.direction} allows ${d.cidr} but no ${d.missing}; ${d.missing} traffic is denied`,
    singleFamily: (d: { direction: string; count: number; family: Family }) =>
      `${d.direction} ipBlock peers (${d.count}) are all ${d.family}; no ${otherFamily(d.family)} peer is allowed`,
  },
  *check(ctx) {
    for (const np of ctx.model.networkPolicies) {
      for (const direction of np.policyTypes) {
        const blocks = (direction === 'Ingress' ? np.ingressBlocks : np.egressBlocks).filter((b): b is IpBlock & { cidr: Cidr } => b.cidr !== undefined);
        const allV4 = blocks.find((b) => isAll(b.cidr) && b.cidr.family === 'IPv4');
        const allV6 = blocks.find((b) => isAll(b.cidr) && b.cidr.family === 'IPv6');
        const fams = familiesOf(blocks.map((b) => b.cidr));
        const all = allV4 && !allV6 ? allV4 : allV6 && !allV4 ? allV6 : undefined;
        if (all) {
          const missing = otherFamily(all.cidr.family);
          yield ctx.finding(np, 'allowAllOneFamily', { direction, cidr: all.cidr.canonical, missing: missing === 'IPv6' ? '::/0' : '0.0.0.0/0' }, {
            path: `${all.path}.cidr`,
            severity: worklistSeverity(ctx.model, 'warning', 'pods'),
            ipFamily: missing,
            key: direction,
          });
        } else if (fams.length === 1) {
          const missing = otherFamily(fams[0]);
          // A single-family allow-list may be intended (an IPv4-only database), hence info.
          yield ctx.finding(np, 'singleFamily', { direction, count: blocks.length, family: fams[0] }, {
            path: `${blocks[0].path}.cidr`,
            severity: 'info',
            ipFamily: missing,
            key: direction,
          });
        }
      }
    }
  },
});
