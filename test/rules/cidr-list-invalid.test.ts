import rule from '../../rules/cidr-list-invalid.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfigMap, kubeProxyConfigMap, node, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'valid dual-stack lists', objects: [DUAL_KUBEADM, node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']), svc({ clusterIPs: ['10.96.0.5', 'fd00:10:96::5'], families: ['IPv4', 'IPv6'] })] },
    { name: 'nothing declared', objects: [] },
  ],
  invalid: [
    {
      name: 'apiserver range with two IPv4 entries',
      objects: [controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,10.97.0.0/16' })],
      expect: [{ messageId: 'invalidList', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }],
    },
    {
      name: 'controller-manager cluster CIDR with three entries',
      objects: [controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16,fd00::/56,10.245.0.0/16' })],
      expect: [{ messageId: 'invalidList', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'kubeadm pod subnet with fewer than 14 addresses',
      objects: [kubeadmConfigMap('10.244.0.0/29', '10.96.0.0/16')],
      expect: [{ messageId: 'invalidList', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'kube-proxy clusterCIDR not a dual-stack pair',
      objects: [kubeProxyConfigMap('clusterCIDR: fd00:1::/56,fd00:2::/56\n')],
      expect: [{ messageId: 'invalidList', object: 'ConfigMap kube-system/kube-proxy' }],
    },
    {
      name: 'unparsable entry',
      objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16,not-a-cidr')],
      expect: [{ messageId: 'invalidList', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'ServiceCIDR with two IPv6 ranges',
      objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['fd00:1::/112', 'fd00:2::/112'] } }],
      expect: [{ messageId: 'invalidList', object: 'ServiceCIDR extra' }],
    },
    {
      name: 'node with two IPv4 podCIDRs',
      objects: [node('n1', ['10.244.1.0/24', '10.245.1.0/24'])],
      expect: [{ messageId: 'invalidList', object: 'Node n1', path: 'spec.podCIDRs' }],
    },
    {
      name: 'service families out of order',
      objects: [svc({ clusterIPs: ['10.96.0.5', 'fd00:10:96::5'], families: ['IPv6', 'IPv4'] })],
      expect: [
        { messageId: 'invalidList', object: 'Service default/web', path: 'spec.ipFamilies[0]' },
        { messageId: 'invalidList', object: 'Service default/web', path: 'spec.ipFamilies[1]' },
      ],
    },
    {
      name: 'service with two IPv4 cluster IPs',
      objects: [svc({ clusterIPs: ['10.96.0.5', '10.96.0.6'] })],
      expect: [{ messageId: 'invalidList', object: 'Service default/web', path: 'spec.clusterIPs' }],
    },
    {
      name: 'pod with two IPv6 addresses',
      objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] }, status: { podIPs: [{ ip: 'fd00::1' }, { ip: 'fd00::2' }] } }],
      expect: [{ messageId: 'invalidList', object: 'Pod default/p', path: 'status.podIPs' }],
    },
    {
      name: 'node mask flag that is not a number',
      objects: [controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': 'twenty-four' })],
      expect: [{ messageId: 'invalidList', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
  ],
});
