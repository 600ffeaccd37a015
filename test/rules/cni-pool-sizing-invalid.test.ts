import rule from '../../rules/cni-pool-sizing-invalid.js';
import { node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const ipPool = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name }, spec });
const cilium = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cilium-config', namespace: 'kube-system' }, data });
const flannel = (conf: unknown) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel' }, data: { 'net-conf.json': JSON.stringify(conf) } });
const NODES = [node('n1', []), node('n2', []), node('n3', [])];

runRuleTests(rule, {
  valid: [
    { name: 'Calico defaults', objects: [ipPool('v4', { cidr: '10.244.0.0/16' }), ipPool('v6', { cidr: 'fd00:10:244::/56' })] },
    { name: 'disabled pools are not checked', objects: [ipPool('old', { cidr: '10.244.0.0/16', blockSize: 16, disabled: true })] },
    { name: 'Cilium defaults', objects: [cilium({ 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8', 'cluster-pool-ipv6-cidr': 'fd00::/104' })] },
    { name: 'Flannel defaults on a small network', objects: [flannel({ Network: '10.244.0.0/26', Backend: { Type: 'vxlan' } })] },
    { name: 'blocks enough for the nodes', objects: [...NODES, cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/22', 'cluster-pool-ipv4-mask-size': '24' })] },
  ],
  invalid: [
    { name: 'Calico IPv6 blockSize out of bounds', objects: [ipPool('v6', { cidr: 'fd00:10:244::/56', blockSize: 64 })], expect: [{ messageId: 'blockOutOfBounds', object: 'IPPool v6', path: 'spec.cidr' }] },
    { name: 'Calico pool smaller than a block', objects: [ipPool('v4', { cidr: '10.250.0.0/28', blockSize: 26 })], expect: [{ messageId: 'poolSmallerThanBlock', object: 'IPPool v4' }] },
    { name: 'Calico pool on link-local', objects: [ipPool('ll', { cidr: '169.254.0.0/16' })], expect: [{ messageId: 'linkLocal', object: 'IPPool ll' }] },
    {
      name: 'Cilium mask size shorter than the pool',
      objects: [cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/16', 'cluster-pool-ipv4-mask-size': '8' })],
      expect: [{ messageId: 'poolSmallerThanBlock', object: 'ConfigMap kube-system/cilium-config' }],
    },
    {
      name: 'Flannel network of fewer than four subnets',
      objects: [flannel({ Network: '10.244.0.0/16', SubnetLen: 17, Backend: { Type: 'vxlan' } })],
      expect: [{ messageId: 'tooFewBlocks', object: 'ConfigMap kube-flannel/kube-flannel-cfg' }],
    },
    {
      name: 'Flannel SubnetLen above 30',
      objects: [flannel({ Network: '10.244.0.0/16', SubnetLen: 31, Backend: { Type: 'vxlan' } })],
      expect: [{ messageId: 'blockOutOfBounds', object: 'ConfigMap kube-flannel/kube-flannel-cfg' }],
    },
    {
      name: 'Cilium: fewer blocks than nodes is an error',
      objects: [...NODES, cilium({ 'cluster-pool-ipv4-cidr': '10.0.0.0/23', 'cluster-pool-ipv4-mask-size': '24' })],
      expect: [{ messageId: 'fewerBlocksThanNodes', object: 'ConfigMap kube-system/cilium-config', severity: 'error' }],
    },
    {
      name: 'Calico: fewer blocks than nodes is a warning',
      objects: [...NODES, ipPool('v4', { cidr: '10.244.0.0/25', blockSize: 26 })],
      expect: [{ messageId: 'fewerBlocksThanNodes', object: 'IPPool v4', severity: 'warning' }],
    },
  ],
  notAssessed: [{ name: 'no CNI configuration', objects: NODES }],
});
