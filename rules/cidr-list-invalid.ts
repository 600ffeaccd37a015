import { defineRule, factObject } from '../src/rule-api.js';

export default defineRule({
  id: 'cidr-list-invalid',
  code: 'DS501',
  title: 'CIDR or IP list invalid for dual-stack',
  description: 'Reports CIDR and IP lists that a component or the API server rejects: unparsable entries, more than two entries, two entries of one family, kubeadm subnets that are too small, per-object lists (Node podCIDRs, Service clusterIPs and ipFamilies, ServiceCIDR cidrs, Pod podIPs), IPv4-mapped IPv6 CIDRs, and every other IP or CIDR the audit reads that does not parse.',
  rationale:
    'Each list allows one entry or one entry per family. kube-apiserver and kube-controller-manager exit at start-up on an invalid --service-cluster-ip-range or --cluster-cidr, kubeadm and kube-proxy reject their configuration, and the API server rejects the objects.',
  remediation: 'Give one CIDR (or IP), or exactly one of each family in the order of the primary family, with enough addresses; fix unparsable entries.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes cmd/kube-apiserver/app/options/validation.go#validateClusterIPFlags',
    'kubernetes cmd/kube-controller-manager/app/core.go#validateCIDRs',
    'kubernetes pkg/proxy/apis/config/validation/validation.go',
    'kubernetes cmd/kubeadm/app/apis/kubeadm/validation/validation.go#ValidateIPNetFromString',
    'kubernetes pkg/apis/core/validation/validation.go#ValidateServiceClusterIPsRelatedFields, #ValidateNode; pkg/apis/networking/validation/validation.go#ValidateServiceCIDR',
  ],
  messages: {
    invalidList: (d: { what: string; value: string; problem: string }) => `${d.what} "${d.value}" is invalid: ${d.problem}`,
  },
  *check(ctx) {
    for (const issue of ctx.model.clusterNetwork.listIssues) {
      yield ctx.finding(factObject(ctx.model, issue), 'invalidList', { what: issue.what, value: issue.value, problem: issue.problem }, {
        path: issue.path ?? '',
        key: `${issue.what} ${issue.value} ${issue.problem}`,
      });
    }
  },
});
