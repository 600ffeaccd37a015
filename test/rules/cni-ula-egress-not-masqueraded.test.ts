import rule from '../../rules/cni-ula-egress-not-masqueraded.js';
import { DUAL_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const cilium = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data });
const ipPool = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name }, spec });
const daemonSet = (name: string, container: Record<string, unknown>) => ({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'kube-system' },
  spec: { template: { spec: { containers: [{ name, ...container }] } } },
});
const calicoNode = (env: Record<string, string>) =>
  daemonSet('calico-node', { image: 'calico/node:v3.30.0', env: Object.entries(env).map(([name, value]) => ({ name, value })) });
const masqAgent = (args: string[]) => daemonSet('ip-masq-agent', { image: 'registry.k8s.io/networking/ip-masq-agent:v2.9.3', args });
const installation = (pools: unknown[]) => ({ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { calicoNetwork: { ipPools: pools } } });
const CALICO_V6_ON = { IP: 'autodetect', IP6: 'autodetect', FELIX_IPV6SUPPORT: 'true', CALICO_IPV4POOL_CIDR: '10.244.0.0/16' };
const DUAL_CILIUM = { 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'cluster-pool-ipv6-cidr': 'fd00::/104' };

runRuleTests(rule, {
  valid: [
    { name: 'Calico ULA IPv6 pool with natOutgoing', objects: [ipPool('v4', { cidr: '10.244.0.0/16', natOutgoing: true }), ipPool('v6', { cidr: 'fd00:10:244::/56', natOutgoing: true })] },
    { name: 'Calico GUA IPv6 pool without natOutgoing', objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: '2001:db8:244::/56' })] },
    { name: 'Calico ULA pool disabled', objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56', disabled: true })] },
    { name: 'Cilium default masquerade (key unset)', objects: [cilium(DUAL_CILIUM)] },
    { name: 'Cilium with IPv6 off', objects: [cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'enable-ipv6-masquerade': 'false' })] },
    { name: 'Installation IPv6 pool, natOutgoing default Enabled', objects: [installation([{ cidr: '10.244.0.0/16' }, { cidr: 'fd00:10:244::/56', encapsulation: 'VXLAN' }])] },
    { name: 'calico-node generated ULA pool with CALICO_IPV6POOL_NAT_OUTGOING', objects: [calicoNode({ ...CALICO_V6_ON, CALICO_IPV6POOL_NAT_OUTGOING: 'true' })] },
    {
      name: 'ip-masq-agent with --enable-ipv6 masquerades what Calico does not',
      objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56' }), masqAgent(['--enable-ipv6=true', '--v=2'])],
    },
    { name: 'Cilium kubernetes IPAM on a GUA cluster CIDR', objects: [cilium({ 'enable-ipv6': 'true', ipam: 'kubernetes', 'enable-ipv6-masquerade': 'false' })], podCidrs: ['10.244.0.0/16', '2001:db8:244::/56'] },
  ],
  invalid: [
    {
      name: 'Calico ULA IPv6 pool without natOutgoing',
      objects: [DUAL_KUBEADM, ipPool('v4', { cidr: '10.244.0.0/16', natOutgoing: true }), ipPool('v6', { cidr: 'fd00:10:244::/56' })],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'IPPool v6', severity: 'warning', path: 'spec.natOutgoing' }],
    },
    {
      name: 'Cilium enable-ipv6-masquerade "false" on a ULA cluster pool',
      objects: [cilium({ ...DUAL_CILIUM, 'enable-ipv6-masquerade': 'false' })],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'ConfigMap kube-system/cilium-config', path: 'data.enable-ipv6-masquerade' }],
    },
    {
      name: 'Cilium kubernetes IPAM on a ULA cluster CIDR',
      objects: [DUAL_KUBEADM, cilium({ 'enable-ipv6': 'true', ipam: 'kubernetes', 'enable-ipv6-masquerade': 'false' })],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'ConfigMap kube-system/cilium-config', path: 'data.enable-ipv6-masquerade' }],
    },
    {
      name: 'Installation IPv6 pool with natOutgoing Disabled',
      objects: [installation([{ cidr: '10.244.0.0/16' }, { cidr: 'fd00:10:244::/56', natOutgoing: 'Disabled' }])],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'Installation default', path: 'spec.calicoNetwork.ipPools[1].natOutgoing' }],
    },
    {
      name: 'calico-node IPv6 pool from env, CALICO_IPV6POOL_NAT_OUTGOING unset (default false)',
      objects: [calicoNode({ ...CALICO_V6_ON, CALICO_IPV6POOL_CIDR: 'fd00:10:244::/56' })],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'DaemonSet kube-system/calico-node' }],
    },
    {
      name: 'calico-node generates a ULA pool, NAT outgoing off',
      objects: [calicoNode(CALICO_V6_ON)],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'DaemonSet kube-system/calico-node' }],
    },
    {
      name: 'ip-masq-agent without --enable-ipv6 does not help',
      objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56' }), masqAgent(['--masq-chain=IP-MASQ'])],
      expect: [{ messageId: 'ulaNotMasqueraded', object: 'IPPool v6' }],
    },
  ],
  notAssessed: [{ name: 'no CNI configuration', objects: [DUAL_KUBEADM, masqAgent(['--enable-ipv6'])] }],
});
