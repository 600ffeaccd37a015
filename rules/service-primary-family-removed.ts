import { defineRule, managerNote, otherFamily, serviceFamilies } from '../src/rule-api.js';

export default defineRule({
  id: 'service-primary-family-removed',
  code: 'DS302',
  title: 'Service whose first family is being removed',
  description:
    'Reports Services whose first cluster IP (or first family, for manifests) is of the family being removed; headless ones are reported at info with the one patch that converts them.',
  rationale:
    'clusterIPs[0] and ipFamilies[0] may not change once set. Once the family is gone such a Service rejects every patch ("ipFamilies[0] … not configured on this cluster") and its virtual IP is no longer served; only delete and recreate works, which allocates a new ClusterIP (and a new load balancer). A headless Service can change families, but only by one patch that sets the policy and the families together.',
  remediation:
    "Before the rollback, recreate each such Service with the kept family first (ipFamilies: [KEPT]) and update whatever pins its old ClusterIP; for a headless Service apply one patch: kubectl patch svc NAME -p '{\"spec\":{\"ipFamilyPolicy\":\"SingleStack\",\"ipFamilies\":[\"KEPT\"]}}'.",
  family: 'rollback',
  defaultSeverity: 'error',
  requires: ['services', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/apis/core/validation/validation.go#validateUpgradeDowngradeClusterIPs, #validateUpgradeDowngradeIPFamilies',
    'Service v1 API reference: ipFamilies "does not allow changing the primary IP family"',
    'rules catalog section 7 (observed on kube-apiserver 1.25)',
  ],
  messages: {
    mustRecreate: (d: { first: string; removed: string; lb: string; note: string }) =>
      `${d.first} is ${d.removed}; after ${d.removed} is removed this Service accepts no update and must be deleted and recreated, which changes its ClusterIP${d.lb}${d.note}`,
    headlessPatch: (d: { removed: string; kept: string; note: string }) =>
      `headless Service's first family is ${d.removed}; after ${d.removed} is removed only one combined patch converts it: ipFamilyPolicy: SingleStack with ipFamilies: [${d.kept}]${d.note}`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    const kept = otherFamily(removed);
    for (const svc of ctx.model.services) {
      // default/kubernetes is the API server's own; its address after a primary change is DS305.
      if (svc.type === 'ExternalName' || svc.isDefaultKubernetes) continue;
      if (serviceFamilies(svc, ctx.model.clusterNetwork).families[0] !== removed) continue;
      const note = managerNote(svc);
      if (svc.headless) {
        yield ctx.finding(svc, 'headlessPatch', { removed, kept, note }, { path: svc.ipFamilyPaths[0] ?? 'spec.ipFamilies', severity: 'info', ipFamily: removed });
        continue;
      }
      const ip = svc.clusterIPs[0];
      const first = ip ? `clusterIPs[0] ${ip.text}` : svc.ipFamilies[0] ? 'ipFamilies[0]' : 'its first family (the cluster primary)';
      const path = ip ? ip.path : (svc.ipFamilyPaths[0] ?? 'spec');
      const lb = svc.type === 'LoadBalancer' ? ' and re-provisions its load balancer' : '';
      yield ctx.finding(svc, 'mustRecreate', { first, removed, lb, note }, { path, ipFamily: removed });
    }
  },
});
