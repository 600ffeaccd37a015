import { defineRule, displayRef, familiesOf, worklistSeverity, type CniPlugin, type ClusterModel, type Family } from '../src/rule-api.js';

const CNI_NAMES: Readonly<Record<CniPlugin, string>> = { calico: 'Calico', cilium: 'Cilium', flannel: 'Flannel' };

/** The families a hostPort can be reached over on this cluster, and why, when the nodes or the CNI limit them. */
function servedFamilies(model: ClusterModel): { readonly families: readonly Family[]; readonly reason: string } | undefined {
  const ips = model.nodes
    .filter((n) => !n.virtual)
    .flatMap((n) => n.addresses.filter((a) => (a.type === 'InternalIP' || a.type === 'ExternalIP') && a.ip).map((a) => a.ip!));
  const nodeFamilies = familiesOf(ips);
  if (nodeFamilies.length === 1) return { families: nodeFamilies, reason: `every Node in the input has ${nodeFamilies[0]} addresses only` };
  const cniFamilies = familiesOf(model.cni.configs.flatMap((c) => c.families.map((family) => ({ family }))));
  if (model.cni.configs.length > 0 && cniFamilies.length === 1) {
    const names = [...new Set(model.cni.configs.map((c) => CNI_NAMES[c.plugin]))].join(' and ');
    return { families: cniFamilies, reason: `${names} assigns ${cniFamilies[0]} pod addresses only` };
  }
  return undefined;
}

export default defineRule({
  id: 'workload-host-port-single-family',
  code: 'DS609',
  title: 'hostPort is reachable over one IP family only',
  description:
    'Looks for container ports published on the node (hostPort) that the target needs over both families (or over IPv6) but that are bound to a hostIP of one family, or run on a cluster whose nodes or CNI serve one family.',
  rationale:
    'A hostPort is a DNAT rule on the node to the pod address of the same family (the CNI portmap plugin, or Cilium\'s eBPF host ports): a hostIP of one family (0.0.0.0 is IPv4) gets rules for that family only, and a node without an address of a family, or a pod without one because the CNI assigns one family, cannot forward the other. Clients of that family, such as node-local agents and DaemonSet-based ingress controllers reached on the node address, then get connection refused.',
  remediation:
    'Leave hostIP unset (every node address of both families), give the nodes addresses of both families and enable both in the CNI, or expose the workload through a dual-stack Service (PreferDualStack or RequireDualStack) instead of a hostPort.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['workloadSpecs'],
  uses: ['nodes', 'cni', 'clusterNetwork'],
  targets: ['dual', 'ipv6'],
  sources: [
    'containernetworking/plugins plugins/meta/portmap/portmap.go fillDnatRules (an entry with a hostIP gets rules only for the container address of the same family)',
    'https://kubernetes.io/docs/concepts/configuration/overview/#services ("Don\'t specify a hostPort for a Pod unless it is absolutely necessary")',
    'https://docs.cilium.io/en/stable/network/kubernetes/kubeproxy-free/#container-hostport-support',
  ],
  messages: {
    hostIpFamily: (d: { container: string; port: string; hostIP: string; family: Family; missing: Family }) =>
      `Container ${d.container} publishes hostPort ${d.port} on hostIP ${d.hostIP}, an ${d.family} address, so no ${d.missing} client reaches it`,
    servedFamily: (d: { container: string; port: string; reason: string; missing: Family }) =>
      `Container ${d.container} publishes hostPort ${d.port}, but ${d.reason}: no ${d.missing} client reaches it`,
  },
  *check(ctx) {
    const { model } = ctx;
    const needed: readonly Family[] = model.target === 'dual' ? ['IPv4', 'IPv6'] : [model.target === 'ipv4' ? 'IPv4' : 'IPv6'];
    const served = servedFamilies(model);
    const severity = worklistSeverity(model, 'warning', 'pods');
    for (const { object, spec } of model.workloadSpecs) {
      // With hostNetwork the container binds the node's addresses itself; its bind address decides (DS121).
      if (spec.hostNetwork) continue;
      for (const c of [...spec.initContainers, ...spec.containers]) {
        for (const hp of c.hostPorts) {
          const port = `${hp.hostPort}/${hp.protocol}`;
          const pinned = hp.hostIP?.ip;
          const unspecified = pinned !== undefined && (pinned.canonical === '0.0.0.0' || pinned.canonical === '::');
          const missingPinned = pinned ? needed.find((f) => f !== pinned.family) : undefined;
          if (pinned && hp.hostIP && missingPinned) {
            yield ctx.finding(object, 'hostIpFamily', { container: c.name, port, hostIP: hp.hostIP.text, family: pinned.family, missing: missingPinned }, {
              path: hp.hostIP.path, severity, ipFamily: missingPinned, key: hp.path,
              ...(unspecified ? { fix: `Remove ${hp.hostIP.path} from ${displayRef(object.ref)}: unset, the port is published on every node address of both families` } : {}),
            });
            continue;
          }
          const missing = served ? needed.find((f) => !served.families.includes(f)) : undefined;
          if (served && missing) {
            yield ctx.finding(object, 'servedFamily', { container: c.name, port, reason: served.reason, missing }, { path: `${hp.path}.hostPort`, severity, ipFamily: missing, key: hp.path });
          }
        }
      }
    }
  },
});
