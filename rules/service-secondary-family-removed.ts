import { defineRule, formatCount, managerNote, sampleNames, serviceFamilies, SUMMARY_THRESHOLD, type Service } from '../src/rule-api.js';

export default defineRule({
  id: 'service-secondary-family-removed',
  code: 'DS303',
  title: 'PreferDualStack Service keeps a cluster IP of the removed family',
  description:
    'Reports PreferDualStack Services whose second family is the one being removed: the API server never downgrades them by itself, so they keep an address no proxy serves.',
  rationale:
    'PreferDualStack Services are not downgraded when the cluster loses a family; they keep the second cluster IP outside every configured range and stay fully updatable, so nothing fails. The only signal is a ClusterIPNotValid event ("… is of ip family that is no longer configured on cluster; please recreate service"): the hazard is silent.',
  remediation:
    "Before shrinking --service-cluster-ip-range, patch each Service to SingleStack (kubectl patch svc NAME -p '{\"spec\":{\"ipFamilyPolicy\":\"SingleStack\"}}'; the API server keeps only clusterIPs[0]), and change its source the same way.",
  family: 'rollback',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/registry/core/service/storage/alloc.go#isMatchingPreferDualStackClusterIPFields',
    'KEP-563 PRR "Can the feature be disabled": existing dual-stack Services remain, "but no routing will happen"',
    'rules catalog section 7 (observed on kube-apiserver 1.25: ClusterIPNotValid)',
  ],
  messages: {
    silentlyKept: (d: { second: string; removed: string; note: string }) =>
      `PreferDualStack Service keeps ${d.second} after ${d.removed} is removed: no proxy serves it, and the only sign is a ClusterIPNotValid event, since the Service stays updatable${d.note}`,
    silentlyKeptMany: (d: { removed: string; count: string; sample: string }) =>
      `${d.count} PreferDualStack Services (${d.sample}) keep their ${d.removed} cluster IP after ${d.removed} is removed, with only a ClusterIPNotValid event as a sign; name the scenario (--rollback-to) to list each one`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    const kept: Service[] = [];
    for (const svc of ctx.model.services) {
      if (svc.ipFamilyPolicy !== 'PreferDualStack' || svc.headless || svc.type === 'ExternalName') continue;
      const fams = serviceFamilies(svc, ctx.model.clusterNetwork);
      if (fams.count === 2 && fams.families[1] === removed) kept.push(svc);
    }
    // Without a named scenario these are awareness (info): one line instead of one per Service.
    if (!ctx.model.scenario.named && kept.length > SUMMARY_THRESHOLD) {
      yield ctx.finding(kept[0], 'silentlyKeptMany', { removed, count: formatCount(kept.length), sample: sampleNames(kept) }, { path: 'spec.ipFamilyPolicy', ipFamily: removed, key: 'summary' });
      return;
    }
    for (const svc of kept) {
      const ip = svc.clusterIPs[1];
      const second = ip ? `clusterIPs[1] ${ip.text}` : `the ${removed} cluster IP the API server allocates`;
      yield ctx.finding(svc, 'silentlyKept', { second, removed, note: managerNote(svc) }, { path: ip ? ip.path : 'spec.ipFamilyPolicy', ipFamily: removed });
    }
  },
});
