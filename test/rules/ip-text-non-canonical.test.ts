import rule from '../../rules/ip-text-non-canonical.js';
import { controlPlanePod, endpointSlice, kubeadmConfigMap, node, pod, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const policy = (cidr: string, except: string[] = []) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'egress', namespace: 'shop' },
  spec: { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr, except } }] }] },
});

/** A pod of ReplicaSet `web-5d8f7` (Deployment `web`) with the given IPs. */
const webPod = (name: string, ips: string[]) => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name, namespace: 'shop', uid: `uid-${name}`, labels: { app: 'web', 'pod-template-hash': '5d8f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f7', uid: 'uid-web-5d8f7', controller: true }] },
  spec: { nodeName: 'n1', containers: [{ name: 'app', image: 'web:1' }] },
  status: { phase: 'Running', podIP: ips[0], podIPs: ips.map((ip) => ({ ip })) },
});
const WEB = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'uid-web' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'web:1' }] } } } };

runRuleTests(rule, {
  valid: [
    {
      name: 'canonical values in every field',
      objects: [
        kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16,fd00:10:96::/112'),
        node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']),
        pod('p1', 'n1', ['10.244.1.10', 'fd00:10:244:1::a']),
        { ...svc({ clusterIPs: ['10.96.0.10', 'fd00:10:96::a'], externalIPs: ['203.0.113.10', '2001:db8::10'], policy: 'RequireDualStack' }) },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'default' }, spec: { type: 'LoadBalancer', loadBalancerSourceRanges: [' 192.0.2.0/24 ', '2001:db8::/32'] } },
        policy('0.0.0.0/0', ['10.0.0.0/8']),
        endpointSlice('web', 'IPv4', [{ address: '10.244.1.10' }, { address: '10.244.0.100' }]),
        endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::a' }]),
        { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/16', 'fd00:10:96::/112'] } },
      ],
    },
    {
      name: 'an FQDN EndpointSlice holds names, not addresses',
      objects: [{ ...endpointSlice('ext', 'IPv4', [{ address: '010.0.0.1' }], 'fqdn'), addressType: 'FQDN' }],
    },
    {
      name: 'a value that does not parse is DS501, not DS507',
      objects: [svc({ clusterIPs: ['010.0.0.256'] }), node('n1', ['::ffff:10.0.0.0/104'])],
    },
    {
      name: 'a zero octet and zero IPv6 groups compressed as RFC 5952 asks',
      objects: [pod('p1', 'n1', ['10.0.0.0', '2001:db8:0:1::']), svc({ clusterIPs: ['10.96.0.1'], externalIPs: ['2001:db8::1:0:0:1'] })],
    },
  ],
  invalid: [
    {
      name: 'leading-zero IPv4 in a Service clusterIP',
      objects: [svc({ name: 'dns', namespace: 'kube-system', clusterIPs: ['010.096.000.010'] })],
      expect: [{ messageId: 'nonCanonical', object: 'Service kube-system/dns', severity: 'warning', path: 'spec.clusterIPs[0]' }],
    },
    {
      name: 'IPv4-mapped IPv6 externalIP; one finding per object for several values',
      objects: [svc({ clusterIPs: ['10.96.0.20'], externalIPs: ['::ffff:203.0.113.10', '203.0.113.011'] })],
      expect: [{ messageId: 'nonCanonical', object: 'Service default/web', path: 'spec.externalIPs[0]' }],
    },
    {
      name: 'loadBalancerSourceRanges with host bits set',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb', namespace: 'default' }, spec: { type: 'LoadBalancer', loadBalancerSourceRanges: ['192.0.2.0/24', '198.51.100.7/24'] } }],
      expect: [{ messageId: 'nonCanonical', object: 'Service default/lb', path: 'spec.loadBalancerSourceRanges[1]' }],
    },
    {
      name: 'Node podCIDR with upper-case IPv6',
      objects: [node('n1', ['10.244.1.0/24', 'FD00:10:244:1::/64'])],
      expect: [{ messageId: 'nonCanonical', object: 'Node n1', path: 'spec.podCIDRs[1]' }],
    },
    {
      name: 'Pod podIP with leading zeros in an IPv6 group',
      objects: [pod('p1', 'n1', ['10.244.1.10', 'fd00:10:244:1:0:0:0:000a'])],
      expect: [{ messageId: 'nonCanonical', object: 'Pod default/p1', path: 'status.podIPs[1]' }],
    },
    {
      name: 'pods of a Deployment: one finding for the workload',
      objects: [WEB, webPod('web-5d8f7-a', ['10.244.1.5', 'fd00:10:244:1:0::5']), webPod('web-5d8f7-b', ['10.244.1.6', 'fd00:10:244:1::6']), webPod('web-5d8f7-c', ['10.244.1.7', 'FD00:10:244:1::7']), webPod('web-5d8f7-d', ['10.244.1.8', 'fd00:10:244:1:0::8']), webPod('web-5d8f7-e', ['10.244.1.9', 'fd00:10:244:1:0::9'])],
      expect: [{ messageId: 'nonCanonical', object: 'Deployment shop/web', path: '' }],
    },
    {
      name: 'NetworkPolicy ipBlock cidr and except',
      objects: [policy('10.0.0.1/8', ['010.1.0.0/16'])],
      expect: [{ messageId: 'nonCanonical', object: 'NetworkPolicy shop/egress', path: 'spec.egress[0].to[0].ipBlock.cidr' }],
    },
    {
      name: 'EndpointSlice address with leading zeros, at its index',
      objects: [endpointSlice('web', 'IPv4', [{ address: '10.244.1.10' }, { address: '10.244.001.011' }])],
      expect: [{ messageId: 'nonCanonical', object: 'EndpointSlice default/web-ipv4', path: 'endpoints[1].addresses[0]' }],
    },
    {
      name: 'EndpointSlice IPv6 address with a "::" for a single zero group',
      objects: [endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244::a:b:c:d' }])],
      expect: [{ messageId: 'nonCanonical', object: 'EndpointSlice default/web-ipv6', path: 'endpoints[0].addresses[0]' }],
    },
    {
      name: 'ServiceCIDR with host bits set',
      objects: [{ apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.100.0.1/16'] } }],
      expect: [{ messageId: 'nonCanonical', object: 'ServiceCIDR extra', path: 'spec.cidrs[0]' }],
    },
    {
      name: 'kube-controller-manager --cluster-cidr with host bits set',
      objects: [controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.1/16,fd00:10:244::/56', 'allocate-node-cidrs': 'true' })],
      expect: [{ messageId: 'nonCanonical', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'kubeadm podSubnet and serviceSubnet: one finding for the ConfigMap',
      objects: [kubeadmConfigMap('010.244.0.0/16', '10.96.0.0/12,FD00:10:96::/112')],
      expect: [{ messageId: 'nonCanonical', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
  ],
});
