import { defineRule, factObject } from '../src/rule-api.js';

export default defineRule({
  id: 'kube-proxy-local-detection-missing-family',
  code: 'DS109',
  title: 'kube-proxy local-traffic detection has no cluster CIDR for a family',
  description: 'Reports a dual-stack cluster whose kube-proxy detects local traffic by cluster CIDR (the default) without a clusterCIDR of each pod family.',
  rationale:
    'kube-proxy logs "no cluster CIDR for family" and falls back to a no-op local-traffic detector for that family: traffic from outside the cluster to that family\'s Service IPs is not masqueraded and the local-endpoint shortcuts are lost.',
  remediation: 'Set the KubeProxyConfiguration clusterCIDR (or the DaemonSet --cluster-cidr) to "<IPv4 CIDR>,<IPv6 CIDR>" in the controller-manager\'s order, or use detectLocalMode: NodeCIDR.',
  family: 'config',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  sources: [
    'kubernetes cmd/kube-proxy/app/server_linux.go#getLocalDetector',
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/ (kube-proxy --cluster-cidr)',
  ],
  messages: {
    noClusterCidr: (d: { family: string; value: string; source: string }) =>
      `kube-proxy detects local traffic by cluster CIDR but its clusterCIDR (${d.value}, ${d.source}) has no ${d.family} range: ${d.family} traffic from outside the cluster to Service IPs is not masqueraded`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const kp = net.kubeProxy;
    if (!kp) {
      const unread = net.kubeProxyNotUnderstood;
      // Say what was read and not understood rather than that nothing was there.
      if (unread) return ctx.notAssessed(`${unread.source} was read but not understood: ${unread.detail}; no kube-proxy DaemonSet or Pod in the input`);
      return ctx.notAssessed('no kube-proxy DaemonSet, Pod or configuration (ConfigMap kube-system/kube-proxy, KubeProxyConfiguration) in the input');
    }
    if (!net.podDualStack) return;
    if (kp.detectLocalMode !== '' && kp.detectLocalMode !== 'ClusterCIDR') return;
    const value = kp.clusterCidrs.length > 0 ? kp.clusterCidrs.map((c) => c.canonical).join(',') : 'unset';
    for (const family of net.podFamilies) {
      if (kp.clusterCidrs.some((c) => c.family === family)) continue;
      // With masqueradeAll every Service packet is masqueraded anyway; only the local shortcuts are lost.
      yield ctx.finding(factObject(ctx.model, kp), 'noClusterCidr', { family, value, source: kp.source }, { path: kp.path ?? '', ipFamily: family, key: family, ...(kp.masqueradeAll ? { severity: 'info' as const } : {}) });
    }
  },
});
