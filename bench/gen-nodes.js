/**
 * Deterministic many-findings inputs for `npm run bench`, as `kubectl get -o json` Lists (4-space
 * indent, no managedFields) plus the kubeadm-config ConfigMap that declares the cluster's ranges.
 *
 *   nodesInPodRange(n, dir)   n nodes whose InternalIPs all lie in the pod range 10.0.0.0/8: every
 *                             node address is a DS202 hit (the rule's cost must grow with the hits)
 *   nodesWithPolicies(n, dir) n dual-stack nodes (two podCIDRs each) and n/10 NetworkPolicies with
 *                             ten ipBlocks each (single-family blocks: DS5xx-style findings per policy)
 * Each returns the object counts.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ListWriter } from './generate.js';

const POD_SUBNET = '10.0.0.0/8,fd00:10::/48';
const SERVICE_SUBNET = '172.20.0.0/16,fd00:20::/108';

function kubeadmConfig() {
  return {
    apiVersion: 'v1',
    data: { ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: ${POD_SUBNET}\n  serviceSubnet: ${SERVICE_SUBNET}\n` },
    kind: 'ConfigMap',
    metadata: { name: 'kubeadm-config', namespace: 'kube-system', resourceVersion: '1', uid: '00000000-0000-4000-8000-000000000001' },
  };
}

const hex = (i) => i.toString(16);
const uid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

function node(i, v4, podCIDRs) {
  const name = `node-${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'topology.kubernetes.io/zone': `zone-${i % 3}` },
      name,
      resourceVersion: String(1000 + i),
      uid: uid(i),
    },
    spec: { podCIDR: podCIDRs[0], podCIDRs },
    status: {
      addresses: [{ address: v4, type: 'InternalIP' }, { address: `2001:db8:1:${hex(i >> 8)}::${hex(i & 255)}`, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
      conditions: [{ lastHeartbeatTime: '2024-01-15T08:00:00Z', lastTransitionTime: '2024-01-15T08:00:00Z', message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' }],
      nodeInfo: { architecture: 'amd64', containerRuntimeVersion: 'containerd://1.7.22', kernelVersion: '6.1.0', kubeletVersion: 'v1.31.2', operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)' },
    },
  };
}

// Node i's pod ranges: the i-th /27 of 10.64.0.0/10 and the i-th /64 of fd00:10::/48.
function podCIDRs(i) {
  const o = i * 32;
  return [`10.${64 + (o >> 16)}.${(o >> 8) & 255}.${o & 255}/27`, `fd00:10:0:${hex(i)}::/64`];
}

async function start(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const cm = new ListWriter(join(dir, 'kube-system.json'));
  cm.add(kubeadmConfig());
  await cm.close();
}

export async function nodesInPodRange(n, dir) {
  await start(dir);
  const w = new ListWriter(join(dir, 'nodes.json'));
  // InternalIPs in 10.1.0.0/16.. (inside the pod range 10.0.0.0/8), pod ranges per node from 10.64.0.0/10.
  for (let i = 0; i < n; i++) w.add(node(i, `10.${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, podCIDRs(i)));
  await w.close();
  return { nodes: n, configMaps: 1, total: n + 1 };
}

export async function nodesWithPolicies(n, dir) {
  await start(dir);
  const w = new ListWriter(join(dir, 'nodes.json'));
  // InternalIPs in 192.168.0.0/16 and beyond (outside every cluster range).
  for (let i = 0; i < n; i++) w.add(node(i, `192.${168 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}`, podCIDRs(i)));
  await w.close();
  const policies = Math.max(1, Math.round(n / 10));
  const p = new ListWriter(join(dir, 'networkpolicies.json'));
  for (let k = 0; k < policies; k++) {
    const ns = `team-${k % 50}`;
    // Ten ipBlocks per policy: egress to partner networks, IPv4 only on a dual-stack cluster.
    const blocks = Array.from({ length: 10 }, (_, j) => ({ ipBlock: { cidr: `198.${18 + (j & 1)}.${(k * 10 + j) & 255}.0/24` } }));
    p.add({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: `allow-partners-${k}`, namespace: ns, resourceVersion: String(500000 + k), uid: uid(1_000_000 + k) },
      spec: { egress: [{ ports: [{ port: 443, protocol: 'TCP' }], to: blocks }], podSelector: { matchLabels: { app: `app-${k % 40}` } }, policyTypes: ['Egress'] },
    });
  }
  await p.close();
  return { nodes: n, networkPolicies: policies, configMaps: 1, total: n + policies + 1 };
}
