import { defineRule, listenAddresses, probeTargets, type Family } from '../src/rule-api.js';

export default defineRule({
  id: 'workload-probe-pinned-family',
  code: 'DS602',
  title: 'Probe is pinned to an IP family the container does not serve',
  description:
    'Looks for liveness, readiness and startup probes whose httpGet or tcpSocket host is an IP literal, or whose exec command calls a loopback literal (127.0.0.1, ::1), where the container listens only on the other family or the target has no address of that family.',
  rationale:
    'A probe pinned to one family fails when the process serves only the other one: the kubelet restarts a healthy container or keeps it out of its Services. Migrating a workload to IPv6 (or binding it to [::1]) while its probe still calls 127.0.0.1 is a common way to take it down.',
  remediation:
    'Leave httpGet.host and tcpSocket.host unset (the kubelet then connects to the pod IP), call "localhost" in exec probes (it resolves to both loopback addresses), or make the process listen on "::" so either family reaches it.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['workloadSpecs'],
  sources: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/ (httpGet.host defaults to the pod IP)',
    'ipv6(7) Linux man page: IPV6_V6ONLY (an IPv6 wildcard socket also accepts IPv4; an IPv4 socket never accepts IPv6)',
  ],
  messages: {
    listensOnOtherFamily: (d: { container: string; kind: string; value: string; family: Family; listen: string }) =>
      `The ${d.kind} probe of container ${d.container} calls ${d.value} (${d.family}), but the container listens only on ${d.listen}`,
    familyNotInTarget: (d: { container: string; kind: string; value: string; family: Family; target: string }) =>
      `The ${d.kind} probe of container ${d.container} connects to ${d.value}, an ${d.family} address, but the target is ${d.target}-only`,
  },
  *check(ctx) {
    const target = ctx.model.target;
    for (const { object, spec } of ctx.model.workloadSpecs) {
      const targets = probeTargets(spec);
      if (targets.length === 0) continue;
      const listens = listenAddresses(spec);
      for (const t of targets) {
        // The IPv6 wildcard accepts IPv4 too (IPV6_V6ONLY off by default), so it never decides a family.
        const own = listens.filter((l) => l.container === t.container && !(l.wildcard && l.ip.family === 'IPv6'));
        const confidence = t.handler === 'host' ? 'high' : 'medium';
        if (own.length > 0 && own.every((l) => l.ip.family !== t.ip.family)) {
          yield ctx.finding(object, 'listensOnOtherFamily', { container: t.container, kind: t.probe.kind, value: t.value, family: t.ip.family, listen: own.map((l) => l.value).join(', ') }, { path: t.path, confidence, key: t.path });
        } else if (t.handler === 'host' && target !== 'dual' && t.ip.family !== (target === 'ipv4' ? 'IPv4' : 'IPv6') && !t.loopback) {
          yield ctx.finding(object, 'familyNotInTarget', { container: t.container, kind: t.probe.kind, value: t.value, family: t.ip.family, target: target === 'ipv4' ? 'IPv4' : 'IPv6' }, { path: t.path, confidence, key: t.path });
        }
      }
    }
  },
});
