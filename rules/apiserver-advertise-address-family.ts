import { defineRule, factObject } from '../src/rule-api.js';

export default defineRule({
  id: 'apiserver-advertise-address-family',
  code: 'DS504',
  title: 'kube-apiserver advertise address is not of the primary service family',
  description: 'Reports kube-apiserver configurations (static pod flags, kubeadm extraArgs) whose advertise address (or specific bind address) is of another family than the first --service-cluster-ip-range.',
  rationale:
    'The API server publishes its own address as the endpoint of the single-stack default/kubernetes Service, whose family is the first service range\'s. It validates this at start-up ("service IP family … must match public address family …") and exits, unless --endpoint-reconciler-type=none.',
  remediation: 'Advertise an address of the primary service family (--advertise-address, or kubeadm localAPIEndpoint.advertiseAddress), or put that family first in --service-cluster-ip-range.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes cmd/kube-apiserver/app/options/validation.go#validatePublicIPServiceClusterIPRangeIPFamilies',
    'https://kubernetes.io/docs/setup/production-environment/tools/kubeadm/dual-stack-support/ ("The API server advertise address must use the same IP family as the primary service subnet")',
  ],
  messages: {
    familyMismatch: (d: { source: string; flag: string; address: string; family: string; range: string; rangeFamily: string }) =>
      `${d.source} --${d.flag} ${d.address} is ${d.family} but the first --service-cluster-ip-range ${d.range} is ${d.rangeFamily}; the API server exits at start-up (service IP family must match public address family)`,
  },
  *check(ctx) {
    const apiServers = ctx.model.clusterNetwork.apiServers.filter((a) => a.advertiseAddress && a.serviceCidrs.length > 0);
    if (apiServers.length === 0) return ctx.notAssessed('no kube-apiserver with both an advertise address and a service range in the input (static pod flags or kubeadm apiServer.extraArgs)');
    for (const a of apiServers) {
      const advertised = a.advertiseAddress!;
      const primary = a.serviceCidrs[0];
      // `none` stops the apiserver publishing itself, so the check is skipped (validation.go).
      if (a.endpointReconcilerType === 'none' || advertised.ip.family === primary.family) continue;
      yield ctx.finding(
        factObject(ctx.model, a),
        'familyMismatch',
        { source: a.source, flag: advertised.flag, address: advertised.ip.canonical, family: advertised.ip.family, range: primary.canonical, rangeFamily: primary.family },
        { path: a.path ?? '', ipFamily: advertised.ip.family },
      );
    }
  },
});
