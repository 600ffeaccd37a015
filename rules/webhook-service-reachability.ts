import { defineRule, displayRef, serviceFamilies, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'webhook-service-reachability',
  code: 'DS606',
  title: 'Service called by the API server has a first cluster IP of a family it does not connect from',
  description:
    'Judges the Services that admission webhooks and APIServices send the API server to by the family the API server connects from, not as pod-facing Services: reports one whose first cluster IP is of the other family, and notes at info that a single-stack one whose every port the API server calls is no DS101 gap.',
  rationale:
    'The kube-apiserver calls a webhook or aggregated API at the Service\'s first cluster IP (spec.clusterIP) only, from the control plane\'s own network, whose sure family is the cluster\'s primary service family (the API server refuses to start when its advertise address is of another). A webhook Service whose first IP is of the other family depends on the control plane routing that family; when it does not, every admission request for the webhook\'s resources fails or, with failurePolicy Ignore, silently skips the webhook. A second family on such a Service serves no client.',
  remediation:
    'Recreate the Service with the API server\'s family first in spec.ipFamilies (the first family cannot be changed in place), or leave its family unset so it takes the cluster\'s primary one. A single-stack Service that only the API server calls needs no second family.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['services', 'clusterNetwork'],
  uses: ['webhookConfigurations', 'apiServices'],
  sources: [
    'kubernetes staging/src/k8s.io/apiserver/pkg/util/proxy/proxy.go#ResolveCluster (dials svc.Spec.ClusterIP, the first cluster IP)',
    'kubernetes cmd/kube-apiserver/app/server.go#buildServiceResolver (webhooks and APIServices share the resolver)',
    'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/#service-reference',
  ],
  messages: {
    otherFamily: (d: { callers: string; family: Family; apiFamily: Family; basis: string }) =>
      `The API server calls this Service for ${d.callers} at its first cluster IP, an ${d.family} address, but is only sure to connect over ${d.apiFamily} (${d.basis})`,
    apiServerOnly: (d: { callers: string; family?: Family }) =>
      `Service is single-stack (${d.family ?? 'one family'}) and every port it has is one the API server calls for ${d.callers}, at its first cluster IP only: a second family serves no client, so this is no pod-facing gap`,
  },
  *check(ctx) {
    const { clusterNetwork: net, scenario } = ctx.model;
    if (ctx.model.webhookConfigurations.length === 0 && ctx.model.apiServices.length === 0) return;
    const apiFamily = scenario.primaryAfter ?? net.serviceFamilies[0];
    const basis = scenario.primaryAfter ? 'the primary family after the change evaluated' : "the cluster's primary service family";
    for (const svc of ctx.model.services) {
      // The API server cannot route to a headless Service and resolves an ExternalName by DNS: no cluster IP family to judge.
      if (svc.apiServerCallers.length === 0 || svc.headless || svc.type === 'ExternalName') continue;
      const callers = svc.apiServerCallers.map(displayRef).join(', ');
      const fams = serviceFamilies(svc, net);
      const first = fams.families[0];
      if (first && apiFamily && first !== apiFamily) {
        const path = svc.clusterIPs[0]?.path ?? svc.ipFamilyPaths[0] ?? 'spec.ipFamilies';
        yield ctx.finding(svc, 'otherFamily', { callers, family: first, apiFamily, basis }, {
          path,
          ipFamily: apiFamily,
          // The control plane may route the other family too (a dual-stack host network); the API server's own family is certain.
          confidence: 'medium',
          fix: `Recreate ${displayRef(svc.ref)} with spec.ipFamilies: [${apiFamily}${fams.count === 2 ? `, ${first}` : ''}] (the first family cannot be changed in place)`,
        });
      } else if (svc.apiServerOnly && fams.count === 1 && !svc.exposed && ctx.model.target === 'dual') {
        yield ctx.finding(svc, 'apiServerOnly', { callers, ...(first ? { family: first } : {}) }, {
          path: 'spec.ipFamilyPolicy',
          severity: 'info',
          fix: 'None needed for the API server; add a family only if pods call this Service too',
        });
      }
    }
  },
});
