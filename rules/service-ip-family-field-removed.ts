import { defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'service-ip-family-field-removed',
  code: 'DS123',
  title: 'Service sets the removed field spec.ipFamily',
  description: 'Reports Services that still carry spec.ipFamily (singular), the alpha dual-stack field removed in Kubernetes 1.20.',
  rationale:
    'The API no longer has spec.ipFamily: kubectl with its default strict field validation rejects the object, and other clients have the field dropped, so the Service gets the default single family of the cluster, not the one the manifest names.',
  remediation: 'Replace spec.ipFamily with spec.ipFamilies (e.g. [IPv6]) and set spec.ipFamilyPolicy (SingleStack, PreferDualStack or RequireDualStack).',
  family: 'config',
  defaultSeverity: 'warning',
  requires: ['services'],
  sources: [
    'https://github.com/kubernetes/enhancements/tree/master/keps/sig-network/563-dual-stack (KEP-563: the 1.20 redesign of the Services API for dual-stack)',
    'kubernetes CHANGELOG/CHANGELOG-1.20.md (IPv6DualStack: spec.ipFamily removed; spec.ipFamilies and spec.ipFamilyPolicy added)',
    'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation (unknown fields: Strict rejects, Warn and Ignore drop)',
  ],
  messages: {
    removedField: (d: { value: string; replacement: string }) =>
      `spec.ipFamily ${d.value} was removed in Kubernetes 1.20 and is dropped or rejected; use ${d.replacement} with spec.ipFamilyPolicy`,
  },
  *check(ctx) {
    for (const svc of ctx.model.services) {
      const field = svc.removedIpFamilyField;
      if (!field) continue;
      const known = field.value === 'IPv4' || field.value === 'IPv6';
      yield ctx.finding(svc, 'removedField', { value: field.value, replacement: known ? `spec.ipFamilies: [${field.value}]` : 'spec.ipFamilies' }, { path: field.path });
    }
  },
});
