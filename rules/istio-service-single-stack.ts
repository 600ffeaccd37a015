import { defineRule, meshWantsDualStack, serviceFamilies, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'istio-service-single-stack',
  code: 'DS406',
  title: 'Istio gateway or istiod Service single-stack',
  description:
    'Checks that the Services of the mesh itself, the Istio ingress and egress gateways and istiod, get both families when the cluster is or is meant to be dual-stack.',
  rationale:
    'A single-stack ingress gateway Service has no address of the second family, so clients of that family cannot enter the mesh; a single-stack istiod Service serves xDS and injection over one family only (istio/istio#44017).',
  remediation:
    'Set ipFamilyPolicy: RequireDualStack (or PreferDualStack) on the gateway: values.gateways.istio-ingressgateway.ipFamilyPolicy in Helm or the IstioOperator, the Service of a Gateway API gateway through its infrastructure parameters; for istiod the istiod chart\'s Service.',
  family: 'mesh',
  defaultSeverity: 'warning',
  requires: ['mesh', 'clusterNetwork'],
  sources: ['https://istio.io/latest/docs/setup/additional-setup/dual-stack/', 'istio/istio#44017 (Istio itself should be deployed in dual-stack mode)'],
  messages: {
    gateway: (d: { role: string; policy: string }) => `the Istio ${d.role} Service is single-stack (${d.policy}): clients of the other family cannot reach the mesh`,
    istiod: (d: { policy: string }) => `the istiod Service is single-stack (${d.policy}): proxies reach the control plane over one family only`,
  },
  *check(ctx) {
    const { model } = ctx;
    if (!meshWantsDualStack(model)) return;
    for (const { service, role } of model.mesh.services) {
      if (service.type === 'ExternalName' || serviceFamilies(service, model.clusterNetwork).count === 2) continue;
      const policy = service.ipFamilyPolicySet ? `ipFamilyPolicy ${service.ipFamilyPolicy}` : 'ipFamilyPolicy unset';
      const path = 'spec.ipFamilyPolicy';
      if (role === 'istiod') yield ctx.finding(service, 'istiod', { policy }, { path, severity: worklistSeverity(model, 'info') });
      else yield ctx.finding(service, 'gateway', { role: role === 'ingress-gateway' ? 'ingress gateway' : 'egress gateway', policy }, { path, severity: worklistSeverity(model, 'warning') });
    }
  },
});
