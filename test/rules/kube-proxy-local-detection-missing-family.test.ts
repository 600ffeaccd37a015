import rule from '../../rules/kube-proxy-local-detection-missing-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, kubeProxyConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const daemonSet = (args: string[]) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
  spec: { template: { spec: { containers: [{ name: 'kube-proxy', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', ...args] }] } } },
});

runRuleTests(rule, {
  valid: [
    { name: 'both families in clusterCIDR', objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16,fd00:10:244::/56\n')] },
    { name: 'NodeCIDR detection', objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\ndetectLocalMode: NodeCIDR\n')] },
    { name: 'single-stack cluster', objects: [IPV4_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n')] },
    { name: 'DaemonSet flag adds the IPv6 range', objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n'), daemonSet(['--cluster-cidr=10.244.0.0/16,fd00:10:244::/56'])] },
  ],
  invalid: [
    {
      name: 'IPv4-only clusterCIDR on a dual-stack cluster',
      objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n')],
      expect: [{ messageId: 'noClusterCidr', object: 'ConfigMap kube-system/kube-proxy', severity: 'warning' }],
    },
    {
      name: 'no clusterCIDR at all, masqueradeAll on',
      objects: [DUAL_KUBEADM, kubeProxyConfigMap('iptables:\n  masqueradeAll: true\n')],
      expect: [
        { messageId: 'noClusterCidr', object: 'ConfigMap kube-system/kube-proxy', severity: 'info' },
        { messageId: 'noClusterCidr', object: 'ConfigMap kube-system/kube-proxy', severity: 'info' },
      ],
    },
    {
      name: 'DaemonSet flag forces ClusterCIDR detection',
      objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\ndetectLocalMode: NodeCIDR\n'), daemonSet(['--detect-local-mode=ClusterCIDR'])],
      expect: [{ messageId: 'noClusterCidr', object: 'DaemonSet kube-system/kube-proxy' }],
    },
  ],
  notAssessed: [{ name: 'no kube-proxy in the input', objects: [DUAL_KUBEADM] }],
});
