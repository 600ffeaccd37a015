import rule from '../../rules/cni-missing-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const cilium = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data });
const flannel = (conf: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel' }, data: { 'net-conf.json': JSON.stringify(conf) } });
const ipPool = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name }, spec });
const calicoNode = (env: Record<string, string>) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'calico-node', namespace: 'kube-system' },
  spec: { template: { spec: { containers: [{ name: 'calico-node', image: 'calico/node:v3.30.0', env: Object.entries(env).map(([name, value]) => ({ name, value })) }] } } },
});
const installation = (pools: unknown[]) => ({ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { calicoNetwork: { ipPools: pools } } });
const DUAL_CILIUM = { 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'cluster-pool-ipv6-cidr': 'fd00::/104' };

runRuleTests(rule, {
  valid: [
    { name: 'Cilium with both families', objects: [cilium(DUAL_CILIUM)] },
    { name: 'Cilium IPv6 on as a Go boolean "1"', objects: [cilium({ ...DUAL_CILIUM, 'enable-ipv6': '1' })] },
    { name: 'Cilium with kubernetes IPAM takes node podCIDRs', objects: [cilium({ 'enable-ipv6': 'true', ipam: 'kubernetes' })] },
    { name: 'IPv4-only Cilium on an IPv4 target', objects: [cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/8' })], target: 'ipv4' },
    { name: 'Flannel dual-stack', objects: [flannel({ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'vxlan' } })] },
    { name: 'Calico IPPools of both families', objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56' })] },
    {
      name: 'calico-node with IPv6 on and a generated IPv6 pool',
      objects: [calicoNode({ IP: 'autodetect', IP6: 'autodetect', FELIX_IPV6SUPPORT: 'true', CALICO_IPV4POOL_CIDR: '10.244.0.0/16' })],
    },
    { name: 'operator Installation with both pools', objects: [installation([{ cidr: '10.244.0.0/16' }, { cidr: 'fd00:10:244::/56', encapsulation: 'VXLAN' }])] },
  ],
  invalid: [
    {
      name: 'Cilium enable-ipv6 "false" on a dual-stack cluster',
      objects: [DUAL_KUBEADM, cilium({ 'enable-ipv6': 'false', 'cluster-pool-ipv4-cidr': '10.0.0.0/8' })],
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-system/cilium-config', severity: 'error', path: 'data.enable-ipv6' }],
    },
    {
      name: 'Cilium IPv6 on without an IPv6 cluster pool',
      objects: [cilium({ 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8' })],
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-system/cilium-config', path: 'data.cluster-pool-ipv6-cidr' }],
    },
    {
      name: 'IPv6-only target with Cilium IPv4 only',
      objects: [cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/8' })],
      target: 'ipv6',
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-system/cilium-config' }],
    },
    {
      name: 'single-stack cluster: a worklist item',
      objects: [IPV4_KUBEADM, cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/8' })],
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-system/cilium-config', severity: 'info' }],
    },
    {
      name: 'Flannel EnableIPv6 without IPv6Network',
      objects: [flannel({ Network: '10.244.0.0/16', EnableIPv6: true, Backend: { Type: 'vxlan' } })],
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-flannel/kube-flannel-cfg' }],
    },
    {
      name: 'Flannel on a backend without IPv6',
      objects: [flannel({ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'udp' } })],
      expect: [{ messageId: 'familyOff', object: 'ConfigMap kube-flannel/kube-flannel-cfg' }],
    },
    {
      name: 'Calico with only an IPv4 pool',
      objects: [DUAL_KUBEADM, ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6-off', { cidr: 'fd00:10:244::/56', disabled: true })],
      expect: [{ messageId: 'noPool', object: 'IPPool v4' }],
    },
    {
      name: 'Calico IPv6 pool with IP-in-IP',
      objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56', ipipMode: 'Always' })],
      expect: [{ messageId: 'familyOff', object: 'IPPool v6', path: 'spec.ipipMode' }],
    },
    {
      name: 'calico-node with FELIX_IPV6SUPPORT off',
      objects: [calicoNode({ IP: 'autodetect', IP6: 'autodetect', FELIX_IPV6SUPPORT: 'false' })],
      expect: [{ messageId: 'familyOff', object: 'DaemonSet kube-system/calico-node' }],
    },
    {
      name: 'operator Installation without an IPv6 pool',
      objects: [installation([{ cidr: '10.244.0.0/16' }])],
      expect: [{ messageId: 'familyOff', object: 'Installation default', path: 'spec.calicoNetwork.ipPools' }],
    },
  ],
  notAssessed: [{ name: 'no CNI configuration', objects: [DUAL_KUBEADM] }],
});
