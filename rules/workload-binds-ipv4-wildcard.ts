import { defineRule, isKnownGoImage, listenAddresses, worklistSeverity, type ModelObject } from '../src/rule-api.js';

/**
 * Kubernetes' own control-plane static pods (kubeadm labels them tier=control-plane) treat an unspecified
 * --bind-address as every family, and their loopback binds are local by design.
 */
function isControlPlane(o: ModelObject): boolean {
  return o.ref.kind === 'Pod' && o.ref.namespace === 'kube-system' && o.labels.tier === 'control-plane';
}

export default defineRule({
  id: 'workload-binds-ipv4-wildcard',
  code: 'DS121',
  title: 'Workload listens on an IPv4-only address',
  description: 'Looks for IPv4 listen addresses (0.0.0.0, or an IPv4 literal under a listen or bind flag or variable) in the command, args and env of each workload pod template and bare Pod. 0.0.0.0 in a container whose image is a well-known Go program (Prometheus, its config reloader, Jaeger, SPIRE, etcd, CoreDNS…) is not reported: Go listens on both families for it.',
  rationale:
    'A process bound to 0.0.0.0 or to an IPv4 address accepts only IPv4 connections, so on a dual-stack pod every IPv6 client, probe and Service VIP of the IPv6 family is refused even though the pod and its Services have IPv6 addresses.',
  remediation:
    'Listen on "::" (or "[::]:<port>"), which accepts both families on Linux unless net.ipv6.bindv6only is set, or leave the host empty (":8080") where the program supports it.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['workloadSpecs'],
  targets: ['dual'],
  sources: [
    'https://kubernetes.io/docs/concepts/services-networking/dual-stack/ (pods get one address per family)',
    'ipv6(7) Linux man page: IPV6_V6ONLY and net.ipv6.bindv6only (an IPv6 wildcard socket also accepts IPv4)',
    'golang/go src/net/ipsock_posix.go#favoriteAddrFamily (the exception: Go opens a dual-stack socket for 0.0.0.0)',
  ],
  messages: {
    ipv4Listen: (d: { container: string; value: string; more: number }) =>
      `Container ${d.container} listens on ${d.value}, an IPv4-only address${d.more > 0 ? ` (and ${d.more} more)` : ''}`,
  },
  *check(ctx) {
    const severity = worklistSeverity(ctx.model, 'warning', 'pods');
    for (const { object, spec } of ctx.model.workloadSpecs) {
      if (isControlPlane(object)) continue;
      const images = new Map([...spec.initContainers, ...spec.containers].map((c) => [c.name, c.image]));
      // A Go program's 0.0.0.0 listener is a dual-stack socket (src/model/config/go-programs.ts).
      const hits = listenAddresses(spec).filter((a) => a.ip.family === 'IPv4' && !(a.wildcard && isKnownGoImage(images.get(a.container))));
      if (hits.length === 0) continue;
      const first = hits[0];
      yield ctx.finding(object, 'ipv4Listen', { container: first.container, value: first.value, more: hits.length - 1 }, { path: first.path, severity, ipFamily: 'IPv6' });
    }
  },
});
