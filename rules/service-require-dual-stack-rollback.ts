import { defineRule, formatCount, managerNote, sampleNames, serviceFamilies, SUMMARY_THRESHOLD, type Service } from '../src/rule-api.js';

export default defineRule({
  id: 'service-require-dual-stack-rollback',
  code: 'DS301',
  title: 'RequireDualStack Service rejects every update once a family is removed',
  description:
    'Reports RequireDualStack Services (except selectorless headless ones) that keep the removed family as their second one: once the cluster has one service family they accept no update until their policy is SingleStack.',
  rationale:
    'Every update of a Service re-runs the family checks, and on a single-stack cluster RequireDualStack is rejected ("this cluster is not configured for dual-stack services"), even for a label change; controllers that reconcile the Service fail the same way. Observed on a 1.25 control plane: the only update accepted afterwards is ipFamilyPolicy: SingleStack.',
  remediation:
    "Before removing the family, switch the Service to SingleStack (kubectl patch svc NAME -p '{\"spec\":{\"ipFamilyPolicy\":\"SingleStack\"}}'; the API server keeps clusterIPs[0] and frees the second) or to PreferDualStack, and change the chart, manifest or GitOps source the same way.",
  family: 'rollback',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  sources: [
    'kubernetes pkg/registry/core/service/storage/alloc.go#initIPFamilyFields',
    'KEP-563 PRR: "Ensure all services are converted to single-stack first"',
    'rules catalog section 7 (observed on kube-apiserver 1.25)',
  ],
  messages: {
    rejectsUpdates: (d: { removed: string; ips: string; note: string }) =>
      `RequireDualStack Service${d.ips}: after ${d.removed} is removed it rejects every update, even a label ("this cluster is not configured for dual-stack services"), until its policy is SingleStack${d.note}`,
    rejectsUpdatesMany: (d: { removed: string; count: string; sample: string }) =>
      `${d.count} RequireDualStack Services (${d.sample}) reject every update after ${d.removed} is removed until their policy is SingleStack; name the scenario (--rollback-to) to list each one`,
  },
  *check(ctx) {
    const removed = ctx.model.scenario.removedFamily;
    if (!removed) return;
    const stuck: Service[] = [];
    for (const svc of ctx.model.services) {
      if (svc.ipFamilyPolicy !== 'RequireDualStack' || svc.type === 'ExternalName') continue;
      // Selectorless headless Services are special-cased by the API server and stay updatable.
      if (svc.headless && !svc.selector) continue;
      // A Service whose first family is the removed one cannot be saved by a policy change (DS302).
      if (serviceFamilies(svc, ctx.model.clusterNetwork).families[0] === removed) continue;
      stuck.push(svc);
    }
    // Without a named scenario these are awareness (info): one line instead of one per Service.
    if (!ctx.model.scenario.named && stuck.length > SUMMARY_THRESHOLD) {
      yield ctx.finding(stuck[0], 'rejectsUpdatesMany', { removed, count: formatCount(stuck.length), sample: sampleNames(stuck) }, { path: 'spec.ipFamilyPolicy', ipFamily: removed, key: 'summary' });
      return;
    }
    for (const svc of stuck) {
      const ips = svc.clusterIPs.length > 0 ? ` (clusterIPs ${svc.clusterIPs.map((ip) => ip.text).join(', ')})` : '';
      yield ctx.finding(svc, 'rejectsUpdates', { removed, ips, note: managerNote(svc) }, {
        path: 'spec.ipFamilyPolicy',
        severity: svc.owner ? 'error' : 'warning',
        ipFamily: removed,
      });
    }
  },
});
