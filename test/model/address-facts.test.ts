import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { clusterRanges, nodeRangeCapacity, usablePodIps, usableServiceIps } from '../../src/model/network/ranges.js';
import { parseCidr, type Cidr } from '../../src/net/index.js';
import { controlPlanePod, DUAL_KUBEADM, externalNetwork, kubeadmConfig, kubeProxyConfigMap, node } from '../helpers/builders.js';
import { rawObjects } from '../helpers/rule-tester.js';

type Obj = Record<string, unknown>;
const net = (objects: Obj[], overrides = {}) => normalize(rawObjects(objects), { target: 'dual', overrides }).model.clusterNetwork;
const cidr = (t: string): Cidr => {
  const p = parseCidr(t);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};
const masks = (n: ReturnType<typeof net>) => n.nodeMasks.map((m) => `${m.family}/${m.size} ${m.flag}`);
const kindConfig = (extra: Obj = {}): Obj => ({ apiVersion: 'kind.x-k8s.io/v1alpha4', kind: 'Cluster', name: 'dev', networking: { ipFamily: 'dual' }, ...extra });

describe('node masks (NodeMask[f])', () => {
  it('defaults to /24 and /64 on a dual-stack cluster', () => {
    expect(masks(net([DUAL_KUBEADM]))).toEqual(['IPv4/24 default', 'IPv6/64 default']);
  });

  it('takes the per-family flags of the controller-manager static pod', () => {
    const n = net([controlPlanePod('kube-controller-manager', { 'cluster-cidr': 'fd00::/56,10.244.0.0/16', 'node-cidr-mask-size-ipv6': '72', 'allocate-node-cidrs': 'true' })]);
    expect(masks(n)).toEqual(['IPv6/72 --node-cidr-mask-size-ipv6', 'IPv4/24 default']);
    expect(n.nodeMasks[0].source).toMatch(/^kube-controller-manager \(Pod kube-system\/kube-controller-manager-cp1\) --node-cidr-mask-size-ipv6$/);
  });

  it('uses --node-cidr-mask-size on a single-stack cluster only', () => {
    expect(masks(net([controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16', 'node-cidr-mask-size': '26' })]))).toEqual(['IPv4/26 --node-cidr-mask-size']);
    expect(masks(net([controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16,fd00::/56', 'node-cidr-mask-size': '26' })]))).toEqual(['IPv4/24 default', 'IPv6/64 default']);
  });

  it('reads kubeadm controllerManager.extraArgs in the v1beta4 list form', () => {
    const cfg = kubeadmConfig('controllerManager:\n  extraArgs:\n    - name: node-cidr-mask-size-ipv4\n      value: "25"\nnetworking:\n  podSubnet: 10.244.0.0/16,fd00::/56\n');
    const n = net([cfg]);
    expect(masks(n)).toEqual(['IPv4/25 --node-cidr-mask-size-ipv4', 'IPv6/64 default']);
    expect(n.controllerManager?.sourceKind).toBe('kubeadm');
    expect(n.controllerManager?.allocateNodeCidrs).toBe(true);
  });

  it('prefers static pod flags over kubeadm-config', () => {
    const n = net([DUAL_KUBEADM, controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16', 'allocate-node-cidrs': 'true' })]);
    expect(n.controllerManager?.sourceKind).toBe('static-pod');
    expect(n.controllerManagers.map((c) => c.sourceKind)).toEqual(['static-pod', 'kubeadm']);
  });
});

describe('kind configuration', () => {
  it('applies kubeadmConfigPatches controller-manager extraArgs over the kind podSubnet', () => {
    const n = net([kindConfig({ kubeadmConfigPatches: ['kind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    cluster-cidr: "10.244.0.0/16"\n'] })]);
    expect(n.controllerManager?.clusterCidrs.map((c) => c.canonical)).toEqual(['10.244.0.0/16']);
    expect(n.kubeadmManaged).toBe(true);
    const pods = n.declarations.filter((d) => d.role === 'pods').map((d) => [d.sourceKind, d.entries.join(',')]);
    expect(pods).toEqual([['kind', '10.244.0.0/16,fd00:10:244::/56'], ['kube-controller-manager', '10.244.0.0/16']]);
    expect(n.declarations[0].ref?.name).toBe('dev');
  });
});

describe('kube-apiserver instances, version and allocator', () => {
  it('keeps each apiserver separately with its version', () => {
    const a = controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16' }, 'cp1');
    const b = controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/12' }, 'cp2');
    const n = net([a, b]);
    expect(n.apiServers.map((s) => [s.ref?.name, s.serviceCidrs.map((c) => c.canonical).join(','), s.version?.text])).toEqual([
      ['kube-apiserver-cp1', '10.96.0.0/16', '1.31'],
      ['kube-apiserver-cp2', '10.96.0.0/12', '1.31'],
    ]);
    expect(n.serviceAllocator.legacy).toBe(true);
  });

  it('lifts the bitmap limits on 1.34 or when both gates are on', () => {
    const v134 = controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16' });
    ((v134.spec as { containers: { image: string }[] }).containers[0]).image = 'registry.k8s.io/kube-apiserver:v1.34.1';
    expect(net([v134]).serviceAllocator).toEqual({ legacy: false, basis: 'Kubernetes 1.34, kube-apiserver image' });
    const gates = controlPlanePod('kube-apiserver', { 'feature-gates': 'MultiCIDRServiceAllocator=true,DisableAllocatorDualWrite=true' });
    expect(net([gates]).serviceAllocator.legacy).toBe(false);
    expect(net([]).serviceAllocator).toEqual({ legacy: true, basis: 'server version unknown' });
  });

  it('reads the version from kubeadm kubernetesVersion without control-plane pods', () => {
    expect(net([kubeadmConfig('kubernetesVersion: v1.33.0\nnetworking:\n  serviceSubnet: 10.96.0.0/16\n')]).version?.text).toBe('1.33');
  });
});

describe('ServiceCIDRs', () => {
  it('adds extra ServiceCIDRs as ranges but not as family evidence', () => {
    const extra = { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'more' }, spec: { cidrs: ['fd00:99::/112'] } };
    const n = net([controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16' }), extra]);
    expect(n.serviceFamilies).toEqual(['IPv4']);
    expect(n.evidence.map((e) => e.source)).not.toContain('ServiceCIDR more spec.cidrs');
    expect(clusterRanges(n).map((r) => `${r.role} ${r.cidr.canonical} ${r.sourceKind}`)).toEqual(['services 10.96.0.0/16 kube-apiserver', 'services fd00:99::/112 service-cidr-extra']);
    expect(n.serviceRanges.map((c) => c.canonical)).toEqual(['10.96.0.0/16']);
  });
});

describe('kube-proxy', () => {
  const ds = (args: string[]): Obj => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    spec: { template: { spec: { containers: [{ name: 'kube-proxy', command: ['/usr/local/bin/kube-proxy', ...args] }] } } },
  });

  it('reads the config file', () => {
    const kp = net([kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\ndetectLocalMode: ClusterCIDR\niptables:\n  masqueradeAll: true\n')]).kubeProxy;
    expect(kp && { cidrs: kp.clusterCidrs.map((c) => c.canonical), mode: kp.detectLocalMode, masq: kp.masqueradeAll, running: kp.running }).toEqual({ cidrs: ['10.244.0.0/16'], mode: 'ClusterCIDR', masq: true, running: false });
  });

  it('lets DaemonSet flags override the file', () => {
    const kp = net([kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n'), ds(['--cluster-cidr=10.244.0.0/16,fd00::/56', '--detect-local-mode', 'NodeCIDR'])]).kubeProxy;
    expect(kp && { cidrs: kp.clusterCidrs.map((c) => c.canonical), mode: kp.detectLocalMode, running: kp.running, source: kp.source }).toEqual({
      cidrs: ['10.244.0.0/16', 'fd00::/56'], mode: 'NodeCIDR', running: true, source: 'kube-proxy (DaemonSet kube-system/kube-proxy)',
    });
  });

  it('is absent without kube-proxy in the input', () => {
    expect(net([DUAL_KUBEADM]).kubeProxy).toBeUndefined();
  });
});

describe('max pods', () => {
  it('takes the largest node capacity, else kubelet-config, else 110', () => {
    const cap = (name: string, pods: unknown): Obj => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { capacity: { pods } } });
    expect(net([cap('a', '110'), cap('b', 250)]).maxPods).toEqual({ value: 250, source: 'Node b status.capacity.pods' });
    const kubelet: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: 'kube-system' }, data: { kubelet: 'kind: KubeletConfiguration\nmaxPods: 64\n' } };
    expect(net([kubelet]).maxPods).toEqual({ value: 64, source: 'ConfigMap kube-system/kubelet-config maxPods' });
    expect(net([]).maxPods.value).toBe(110);
  });
});

describe('kubelet clusterDNS', () => {
  it('reads the IPs of kubelet-config clusterDNS, skipping entries that are no IP', () => {
    const kubelet: Obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: 'kube-system' }, data: { kubelet: 'kind: KubeletConfiguration\nclusterDNS: [10.96.0.10, "fd00:10:96::a", dns.local]\n' } };
    const dns = net([kubelet]).kubeletClusterDns;
    expect(dns?.ips.map((ip) => `${ip.family} ${ip.text}`)).toEqual(['IPv4 10.96.0.10', 'IPv6 fd00:10:96::a']);
    expect([dns?.source, dns?.path]).toEqual(['ConfigMap kube-system/kubelet-config clusterDNS', 'data.kubelet']);
    expect(net([]).kubeletClusterDns).toBeUndefined();
  });
});

describe('external networks', () => {
  it('merges overrides and ExternalNetwork objects', () => {
    const n = net([externalNetwork('vpn', ['10.8.0.0/16', 'fd00:8::/48'], 'warning')], { externalNetworks: [{ name: 'on-prem', cidr: '10.0.0.0/8', source: '--external-cidr' }] });
    expect(n.externalNetworks.map((e) => [e.name, e.cidr.canonical, e.severity ?? null, e.source])).toEqual([
      ['on-prem', '10.0.0.0/8', null, '--external-cidr'],
      ['vpn', '10.8.0.0/16', 'warning', 'ExternalNetwork vpn'],
      ['vpn', 'fd00:8::/48', 'warning', 'ExternalNetwork vpn'],
    ]);
  });

  it('records an unparsable external CIDR as a list issue', () => {
    expect(net([externalNetwork('bad', ['10.0.0.0/33'])]).listIssues.map((i) => i.what)).toEqual(['ExternalNetwork spec.cidrs']);
  });
});

describe('sizing arithmetic', () => {
  it('counts usable Service IPs like hostsPerNetwork', () => {
    expect(usableServiceIps(cidr('10.96.0.0/16'), true)).toBe(65_534n);
    expect(usableServiceIps(cidr('10.96.0.0/31'), true)).toBe(0n);
    expect(usableServiceIps(cidr('fd00::/112'), true)).toBe(65_535n);
    expect(usableServiceIps(cidr('fd00::/108'), true)).toBe(65_535n);
    expect(usableServiceIps(cidr('fd00::/108'), false)).toBe(1_048_575n);
  });

  it('counts pod addresses per node range', () => {
    expect(usablePodIps('IPv4', 24)).toBe(253n);
    expect(usablePodIps('IPv4', 32)).toBe(0n);
    expect(usablePodIps('IPv6', 120)).toBe(254n);
  });

  it('subtracts node blocks occupied by a Service range inside the cluster range', () => {
    expect(nodeRangeCapacity(cidr('10.244.0.0/16'), 24, [])).toEqual({ total: 256n, occupied: 0n });
    expect(nodeRangeCapacity(cidr('10.244.0.0/16'), 24, [cidr('10.244.128.0/20'), cidr('10.244.130.0/24'), cidr('10.96.0.0/12')])).toEqual({ total: 256n, occupied: 16n });
    expect(nodeRangeCapacity(cidr('10.244.0.0/16'), 24, [cidr('10.244.7.128/25')])).toEqual({ total: 256n, occupied: 1n });
    expect(nodeRangeCapacity(cidr('10.244.0.0/16'), 12, [])).toEqual({ total: 0n, occupied: 0n });
  });
});

describe('list issues', () => {
  it('collects component and object list problems with their sources', () => {
    const n = net([
      kubeadmConfig('networking:\n  podSubnet: 10.244.0.0/16,10.245.0.0/16,fd00::/56\n  serviceSubnet: 10.96.0.0/29\n'),
      node('n1', ['10.244.1.0/24', '10.244.2.0/24']),
    ]);
    expect(n.listIssues.map((i) => `${i.what}: ${i.problem}`)).toEqual([
      'ConfigMap kube-system/kubeadm-config networking.serviceSubnet: 10.96.0.0/29 has fewer than 10 addresses',
      'ConfigMap kube-system/kubeadm-config networking.podSubnet: expected one (IPv4 or IPv6) CIDR or two CIDRs from each family',
      'Node spec.podCIDRs: may specify no more than one CIDR for each IP family',
    ]);
  });
});

describe('kubeadm defaults', () => {
  const doc = (networking: Obj): Obj => ({ apiVersion: 'kubeadm.k8s.io/v1beta3', kind: 'ClusterConfiguration', networking });

  it('takes kubeadm\'s default serviceSubnet 10.96.0.0/12 when a ClusterConfiguration omits it, marked as the default', () => {
    const n = net([doc({ podSubnet: '10.244.0.0/16' })]);
    expect(n.serviceFamilies).toEqual(['IPv4']);
    expect(n.serviceFamiliesSource).toBe('declared');
    const services = n.evidence.filter((e) => e.role === 'services');
    expect(services).toEqual([expect.objectContaining({ ranges: ['10.96.0.0/12'], inferred: false, source: expect.stringMatching(/networking\.serviceSubnet \(kubeadm default\)$/) })]);
    expect(n.ranges.find((r) => r.role === 'services')).toMatchObject({ field: 'networking.serviceSubnet (kubeadm default)', path: 'networking' });
  });

  it('takes a serviceSubnet that is written, at its field', () => {
    const n = net([doc({ podSubnet: '10.244.0.0/16', serviceSubnet: '10.100.0.0/16,fd00:10:96::/112' })]);
    expect(n.ranges.filter((r) => r.role === 'services').map((r) => [r.cidr.text, r.field, r.path])).toEqual([
      ['10.100.0.0/16', 'networking.serviceSubnet', 'networking.serviceSubnet'],
      ['fd00:10:96::/112', 'networking.serviceSubnet', 'networking.serviceSubnet'],
    ]);
  });

  it('does not add kubeadm\'s default inside a kind config, where kind\'s own default applies', () => {
    const n = net([kindConfig({ networking: { ipFamily: 'ipv4' }, kubeadmConfigPatches: ['kind: ClusterConfiguration\nnetworking:\n  dnsDomain: example.local\n'] })]);
    expect(n.ranges.filter((r) => r.role === 'services').map((r) => r.cidr.text)).toEqual(['10.96.0.0/16']);
  });
});
