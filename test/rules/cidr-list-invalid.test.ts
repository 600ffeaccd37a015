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
      name: 'invalid cluster IP after empty entries is named by its index as written',
      objects: [svc({ clusterIPs: ['10.96.0.5', '', '', '', '', '', '', 'not-an-ip'] })],
      expect: [{ messageId: 'invalidList', object: 'Service default/web', path: 'spec.clusterIPs[7]' }],
    },
    {
      name: 'unknown family before a known one is named by its index as written',
      objects: [svc({ clusterIPs: ['fd00:10:96::5'], families: ['IPv5', 'IPv4'] })],
      expect: [
        { messageId: 'invalidList', object: 'Service default/web', path: 'spec.ipFamilies[0]' },
        { messageId: 'invalidList', object: 'Service default/web', path: 'spec.ipFamilies[1]' },
      ],
    },
    {
      name: 'ServiceCIDR entry that does not parse',
      objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.97.0.0/16', 'fd00:97::/200'] } }],
      expect: [{ messageId: 'invalidList', object: 'ServiceCIDR extra', path: 'spec.cidrs[1]' }],
    },
    {
      name: 'kubernetes ServiceCIDR with only an entry that does not parse',
      objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/33'] } }],
      expect: [{ messageId: 'invalidList', object: 'ServiceCIDR kubernetes', path: 'spec.cidrs[0]' }],
    },
    {
      name: 'NetworkPolicy ipBlock cidr and except entries that do not parse',
      objects: [{
        apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'default' },
        spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }, { ipBlock: { cidr: '10.0.0.0/8', except: ['', '10.1.0.0/16', '10.2.0.0'] } }] }], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/-1' } }] }] },
      }],
      expect: [
        { messageId: 'invalidList', object: 'NetworkPolicy default/np', path: 'spec.ingress[0].from[1].ipBlock.except[0]' },
        { messageId: 'invalidList', object: 'NetworkPolicy default/np', path: 'spec.ingress[0].from[1].ipBlock.except[2]' },
        { messageId: 'invalidList', object: 'NetworkPolicy default/np', path: 'spec.egress[0].to[0].ipBlock.cidr' },
      ],
    },
    {
      name: 'load-balancer ingress IP written as a CIDR (Service and Ingress)',
      objects: [
        { ...svc({ type: 'LoadBalancer' }), status: { loadBalancer: { ingress: [{ hostname: 'lb.example' }, { ip: '80.15.0.1/32' }] } } },
        { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'ing', namespace: 'default' }, spec: {}, status: { loadBalancer: { ingress: [{ ip: '2001:db8::1/128' }] } } },
      ],
      expect: [
        { messageId: 'invalidList', object: 'Service default/web', path: 'status.loadBalancer.ingress[1].ip' },
        { messageId: 'invalidList', object: 'Ingress default/ing', path: 'status.loadBalancer.ingress[0].ip' },
      ],
    },
    {
      name: 'source-ranges annotation entry that does not parse',
      objects: [svc({ type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '10.0.0.0/8, 192.168.0.0' } })],
      expect: [{ messageId: 'invalidList', object: 'Service default/web', path: 'metadata.annotations' }],
    },
    {
      name: 'MetalLB loadBalancerIPs annotation entry that does not parse',
      objects: [svc({ type: 'LoadBalancer', annotations: { 'metallb.io/loadBalancerIPs': '192.0.2.10,2001:db8::10/128' } })],
      expect: [{ messageId: 'invalidList', object: 'Service default/web', path: 'metadata.annotations' }],
    },
    {
      name: 'pod IP that does not parse',
      objects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] }, status: { podIPs: [{ ip: '' }, { ip: '10.244.1.5' }, { ip: '10.244.1.300' }] } }],
      expect: [{ messageId: 'invalidList', object: 'Pod default/p', path: 'status.podIPs[2]' }],
    },
    {
      name: 'node InternalIP that does not parse (a Hostname is a name)',
      objects: [{ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {}, status: { addresses: [{ type: 'Hostname', address: 'n1' }, { type: 'InternalIP', address: '10.0.0.1/24' }] } }],
      expect: [{ messageId: 'invalidList', object: 'Node n1', path: 'status.addresses[1].address' }],
    },
    {
      name: 'IPv4-mapped IPv6 podCIDR is reported, not read as IPv4',
      objects: [node('n1', ['fd00:10:244:1::/64', '::ffff:10.0.0.0/104'])],
      expect: [{ messageId: 'invalidList', object: 'Node n1', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'IPv4-mapped IPv6 ServiceCIDR and flag',
      objects: [
        { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['::ffff:10.96.0.0/112'] } },
        controlPlanePod('kube-controller-manager', { 'cluster-cidr': '::ffff:10.244.0.0/112' }),
      ],
      expect: [
        { messageId: 'invalidList', object: 'ServiceCIDR kubernetes', path: 'spec.cidrs[0]' },
        { messageId: 'invalidList', object: 'Pod kube-system/kube-controller-manager-cp1' },
      ],
    },
    {
      name: 'Gateway IPAddress and MetalLB pool addresses that do not parse',
      objects: [
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'default' }, spec: { gatewayClassName: 'x', addresses: [{ type: 'Hostname', value: 'gw.example' }, { value: '10.0.0.0/24' }] } },
        { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'pool', namespace: 'metallb-system' }, spec: { addresses: ['192.168.10.0/24', '192.168.20.9-192.168.20.1'] } },
      ],
      expect: [
        { messageId: 'invalidList', object: 'Gateway default/gw', path: 'spec.addresses[1].value' },
        { messageId: 'invalidList', object: 'IPAddressPool metallb-system/pool', path: 'spec.addresses[1]' },
      ],
    },
    {
      name: 'kube-proxy DaemonSet --cluster-cidr entry that does not parse',
      objects: [{
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-proxy', namespace: 'kube-system' },
        spec: { template: { spec: { containers: [{ name: 'kube-proxy', command: ['/usr/local/bin/kube-proxy', '--cluster-cidr=10.244.0.0/16,::ffff:10.245.0.0/112'] }] } } },
      }],
      expect: [{ messageId: 'invalidList', object: 'DaemonSet kube-system/kube-proxy', path: 'spec.template.spec.containers[0].command' }],
    },
    {
      name: 'node mask flag that is not a number',
      objects: [controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': 'twenty-four' })],
      expect: [{ messageId: 'invalidList', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
  ],
});
