import rule from '../../rules/cni-family-removed.js';
import { DUAL_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const cilium = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data });
const flannel = (conf: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel' }, data: { 'net-conf.json': JSON.stringify(conf) } });
const ipPool = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name }, spec });
const installation = (pools: unknown[]) => ({ apiVersion: 'operator.tigera.io/v1', kind: 'Installation', metadata: { name: 'default' }, spec: { calicoNetwork: { ipPools: pools } } });
const DUAL_CILIUM = { 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'cluster-pool-ipv6-cidr': 'fd00::/104' };
const V4_POOL = ipPool('v4', { cidr: '10.244.0.0/16' });

runRuleTests(rule, {
  valid: [
    { name: 'Calico IPv6 pool disabled before the rollback', objects: [DUAL_KUBEADM, V4_POOL, ipPool('v6', { cidr: 'fd00:10:244::/56', disabled: true })], rollbackTo: 'IPv4' },
    { name: 'Cilium with IPv6 switched off (CIDR left in place)', objects: [DUAL_KUBEADM, cilium({ ...DUAL_CILIUM, 'enable-ipv6': 'false' })], rollbackTo: 'IPv4' },
    { name: 'Cilium with kubernetes IPAM takes node podCIDRs', objects: [DUAL_KUBEADM, cilium({ 'enable-ipv6': 'true', ipam: 'kubernetes' })], rollbackTo: 'IPv4' },
    { name: 'Flannel IPv4 only', objects: [DUAL_KUBEADM, flannel({ Network: '10.244.0.0/16', Backend: { Type: 'vxlan' } })], rollbackTo: 'IPv4' },
    { name: 'a primary change removes no family', objects: [DUAL_KUBEADM, V4_POOL, ipPool('v6', { cidr: 'fd00:10:244::/56' })], newPrimary: 'IPv6' },
  ],
  invalid: [
    {
      name: 'enabled Calico IPv6 IPPool on a rollback to IPv4',
      objects: [DUAL_KUBEADM, V4_POOL, ipPool('v6', { cidr: 'fd00:10:244::/56' })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'assignsRemoved', object: 'IPPool v6', severity: 'warning', path: 'spec.cidr' }],
    },
    {
      name: 'operator Installation with an IPv6 pool',
      objects: [DUAL_KUBEADM, installation([{ cidr: '10.244.0.0/16' }, { cidr: 'fd00:10:244::/56', encapsulation: 'VXLAN' }])],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'assignsRemoved', object: 'Installation default', severity: 'warning', path: 'spec.calicoNetwork.ipPools[1].cidr' }],
    },
    {
      name: 'Cilium cluster-pool with IPv6 on',
      objects: [DUAL_KUBEADM, cilium(DUAL_CILIUM)],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'assignsRemoved', object: 'ConfigMap kube-system/cilium-config', severity: 'warning', path: 'data.cluster-pool-ipv6-cidr' }],
    },
    {
      name: 'Flannel with EnableIPv6',
      objects: [DUAL_KUBEADM, flannel({ Network: '10.244.0.0/16', EnableIPv6: true, IPv6Network: 'fd00:10:244::/56', Backend: { Type: 'vxlan' } })],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'assignsRemoved', object: 'ConfigMap kube-flannel/kube-flannel-cfg', severity: 'warning' }],
    },
    {
      name: 'IPv4 turned off: the Calico IPv4 pool',
      objects: [DUAL_KUBEADM, V4_POOL, ipPool('v6', { cidr: 'fd00:10:244::/56' })],
      target: 'ipv6-only',
      expect: [{ messageId: 'assignsRemoved', object: 'IPPool v4', severity: 'warning', path: 'spec.cidr' }],
    },
    {
      name: 'no scenario: info, as if the secondary family were removed',
      objects: [DUAL_KUBEADM, V4_POOL, ipPool('v6', { cidr: 'fd00:10:244::/56' })],
      expect: [{ messageId: 'assignsRemoved', object: 'IPPool v6', severity: 'info' }],
    },
  ],
});
