import { defineRule, otherFamily, serviceFamilies, setFieldFix, worklistSeverity, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'service-single-stack',
  code: 'DS101',
  title: 'ClusterIP Service is single-stack',
  description: 'Reports ClusterIP Services that have, or will get on create, a cluster IP of only one family.',
  rationale:
    'Services default to SingleStack even on a dual-stack cluster, so the VIP is unreachable for clients of the other family (IPv6-only hostNetwork pods, apps that resolve AAAA only).',
  remediation:
    "Set spec.ipFamilyPolicy to PreferDualStack (kubectl patch svc NAME -p '{\"spec\":{\"ipFamilyPolicy\":\"PreferDualStack\"}}'); the API server adds the missing family without changing the primary cluster IP.",
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#services',
    'kubernetes pkg/registry/core/service/storage/alloc.go#initIPFamilyFields (unset policy becomes SingleStack)',
    'kubernetes cmd/kube-apiserver/app/options/validation.go (default/kubernetes stays single-stack)',
  ],
  messages: {
    singleStack: (d: { family?: Family; policy: string }) =>
      `Service ${d.family ? `has only an ${d.family} cluster IP` : 'gets a cluster IP of one family only'} (ipFamilyPolicy ${d.policy}); ${d.family ? `${otherFamily(d.family)} clients` : 'clients of the other family'} cannot reach it`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    for (const svc of ctx.model.services) {
      if (svc.type !== 'ClusterIP' || svc.headless || svc.isDefaultKubernetes || svc.exposed) continue;
      // PreferDualStack Services that stayed single are DS103; manifests with it become dual on create.
      if (svc.ipFamilyPolicy === 'PreferDualStack') continue;
      // Admission webhooks and APIServices make the API server this Service's only client, not pods: DS606 judges it.
      if (svc.apiServerOnly) continue;
      // A controller regenerates this Service from its own settings: DS608 routes the finding there.
      if (svc.generatedBy) continue;
      const fams = serviceFamilies(svc, net);
      if (fams.count !== 1) continue;
      const family = fams.families[0];
      yield ctx.finding(
        svc,
        'singleStack',
        { ...(family ? { family } : {}), policy: svc.ipFamilyPolicySet ? svc.ipFamilyPolicy : 'unset, defaults to SingleStack' },
        {
          path: 'spec.ipFamilyPolicy',
          severity: worklistSeverity(ctx.model, 'warning'),
          ...(family ? { ipFamily: otherFamily(family) } : {}),
          fix: setFieldFix(svc, 'spec.ipFamilyPolicy', 'PreferDualStack'),
        },
      );
    }
  },
});
