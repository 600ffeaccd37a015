import { defineRule, factObject, nodeIpList, type Ip, type KubeVersion } from '../src/rule-api.js';

const PROVIDED_NODE_IP = 'alpha.kubernetes.io/provided-node-ip';

/** The list problem of `parseNodeIP`, checked before the cloud provider and the unspecified address. */
function notAPair(ips: readonly Ip[]): boolean {
  return ips.length > 2 || (ips.length === 2 && ips[0].family === ips[1].family);
}

function hasUnspecified(ips: readonly Ip[]): boolean {
  return ips.some((ip) => ip.value === 0n);
}

/** Why `--cloud-provider=external` does not allow a pair on this version, or undefined when it does (or the version is unknown). */
function externalPairBlocked(version: KubeVersion | undefined, gates: Readonly<Record<string, boolean>>): string | undefined {
  if (!version || version.major > 1 || version.minor >= 29) return undefined;
  if (version.minor < 27) return `Kubernetes ${version.text} (${version.source}) has no dual-stack node IPs with an external cloud provider (added in 1.27)`;
  if (gates.CloudDualStackNodeIPs === true) return undefined;
  return `Kubernetes ${version.text} (${version.source}) needs --feature-gates=CloudDualStackNodeIPs=true (alpha in 1.27 and 1.28, on by default from 1.29)`;
}

export default defineRule({
  id: 'kubelet-node-ip-invalid',
  code: 'DS503',
  title: 'kubelet --node-ip invalid for dual-stack',
  description:
    'Checks kubelet --node-ip values (kubeadm nodeRegistration.kubeletExtraArgs) and Node alpha.kubernetes.io/provided-node-ip annotations the way Kubernetes parses them: a single IP or a pair of one IP of each family, no unspecified address in a pair, a pair only without a cloud provider or with an external one.',
  rationale:
    'The kubelet validates --node-ip at start-up and exits on a list it rejects, so the node never registers; the cloud node controller rejects the same mistakes in the provided-node-ip annotation. Unparsable entries of the flag are only logged and ignored, so the node comes up with fewer addresses than intended.',
  remediation:
    'Give --node-ip one IP, or one IPv4 and one IPv6 address with the cluster primary family first, never 0.0.0.0 or ::; drop --cloud-provider or use --cloud-provider=external for a pair (before 1.29 with --feature-gates=CloudDualStackNodeIPs=true), then restart the kubelet.',
  family: 'config',
  defaultSeverity: 'error',
  requires: ['clusterNetwork'],
  uses: ['nodes'],
  sources: [
    'kubernetes staging/src/k8s.io/component-helpers/node/util/ips.go#ParseNodeIPArgument, #ParseNodeIPAnnotation',
    'KEP-3705 cloud dual-stack node IPs (feature gate CloudDualStackNodeIPs: alpha 1.27, beta 1.29, GA 1.30)',
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/#configure-ipv4-ipv6-dual-stack (kubelet --node-ip pair)',
  ],
  messages: {
    notAPair: (d: { source: string; value: string; count: number }) =>
      `${d.source} --node-ip "${d.value}" holds ${d.count} IPs that are not one of each family: it must contain either a single IP or a dual-stack pair of IPs`,
    unspecified: (d: { source: string; value: string }) => `${d.source} --node-ip "${d.value}": a dual-stack node IP cannot include '0.0.0.0' or '::'`,
    cloudProvider: (d: { source: string; value: string; cloudProvider: string }) =>
      `${d.source} --node-ip "${d.value}" is a dual-stack pair but --cloud-provider=${d.cloudProvider}: dual-stack is not supported in this configuration (only without a cloud provider or with external)`,
    externalTooOld: (d: { source: string; value: string; why: string }) => `${d.source} --node-ip "${d.value}" is a dual-stack pair with --cloud-provider=external, but ${d.why}`,
    ignored: (d: { source: string; value: string; entries: string }) =>
      `${d.source} --node-ip "${d.value}": the kubelet logs and ignores the unparsable ${d.entries}, so the node gets fewer addresses than written`,
    annotationUnparsable: (d: { value: string; entries: string }) => `Node annotation ${PROVIDED_NODE_IP} "${d.value}" holds unparsable ${d.entries}, which the cloud node controller rejects`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const kubelets = net.kubelets.filter((k) => k.nodeIp !== undefined);
    const annotated = ctx.model.nodes.filter((n) => n.annotations[PROVIDED_NODE_IP] !== undefined);
    if (kubelets.length === 0 && annotated.length === 0) {
      return ctx.notAssessed(`no kubelet --node-ip in the input (kubeadm nodeRegistration.kubeletExtraArgs or Node annotation ${PROVIDED_NODE_IP})`);
    }
    for (const k of kubelets) {
      const value = k.nodeIp!;
      const { ips, unparsable } = nodeIpList(value);
      const object = factObject(ctx.model, k);
      const at = { path: k.path ?? '' };
      const source = k.source;
      const cloud = k.cloudProvider ?? '';
      // ParseIPSloppy of an empty entry fails too, but `--node-ip=` alone is "no node IP".
      const skipped = unparsable.filter((e) => e !== '');
      if (notAPair(ips)) yield ctx.finding(object, 'notAPair', { source, value, count: ips.length }, at);
      else if (ips.length === 2 && cloud !== '' && cloud !== 'external') yield ctx.finding(object, 'cloudProvider', { source, value, cloudProvider: cloud }, at);
      else if (ips.length === 2 && hasUnspecified(ips)) yield ctx.finding(object, 'unspecified', { source, value }, at);
      else if (ips.length === 2 && cloud === 'external') {
        const why = externalPairBlocked(net.version, k.featureGates);
        if (why) yield ctx.finding(object, 'externalTooOld', { source, value, why }, at);
      }
      if (skipped.length > 0) yield ctx.finding(object, 'ignored', { source, value, entries: skipped.map((e) => `"${e}"`).join(', ') }, { ...at, severity: 'warning' });
    }
    for (const node of annotated) {
      const value = node.annotations[PROVIDED_NODE_IP];
      const { ips, unparsable } = nodeIpList(value);
      const source = `Node ${node.ref.name} annotation ${PROVIDED_NODE_IP}`;
      const at = { path: 'metadata.annotations' };
      // The annotation is parsed strictly: any unparsable entry is an error, and the kubelet only sets it with an external cloud provider.
      if (unparsable.length > 0) yield ctx.finding(node, 'annotationUnparsable', { value, entries: unparsable.map((e) => `"${e}"`).join(', ') }, at);
      else if (notAPair(ips)) yield ctx.finding(node, 'notAPair', { source, value, count: ips.length }, at);
      else if (ips.length === 2 && hasUnspecified(ips)) yield ctx.finding(node, 'unspecified', { source, value }, at);
    }
  },
});
