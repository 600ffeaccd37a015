import { defineRule, singleIpUses, worklistSeverity } from '../src/rule-api.js';

export default defineRule({
  id: 'workload-single-ip-downward-api',
  code: 'DS603',
  title: 'Workload uses the single-address downward API field as its address',
  description:
    'Looks for containers that expand a status.podIP or status.hostIP variable ($(POD_IP)) as the host of a listen or bind setting, or join it to a port without brackets, in the command, args and env of each workload pod template and bare Pod.',
  rationale:
    'status.podIP and status.hostIP hold one address, of the primary family. A process told to listen on it serves that family only, so on a dual-stack pod every client of the other family is refused; and "$(POD_IP):7946" is not a valid host:port when the address is IPv6.',
  remediation:
    'Listen on "::" (or the empty host) instead of the pod address; where the program needs its own addresses, read status.podIPs (status.hostIPs from Kubernetes 1.29), which hold every family, and write IPv6 hosts in brackets ("[$(POD_IP)]:7946").',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['workloadSpecs'],
  targets: ['dual', 'ipv6'],
  sources: [
    'https://kubernetes.io/docs/concepts/workloads/pods/downward-api/ (status.podIP, status.podIPs, status.hostIP, status.hostIPs)',
    'https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/ ($(VAR) expansion, $$ escape)',
    'RFC 3986 section 3.2.2 (an IPv6 host in brackets)',
  ],
  messages: {
    listensOnSingleIp: (d: { container: string; variable: string; fieldPath: string; setting: string }) =>
      `Container ${d.container} listens on $(${d.variable}) (${d.setting}), which holds only ${d.fieldPath}, one address of the primary family; clients of the other family are refused`,
    joinsSingleIpToPort: (d: { container: string; variable: string; fieldPath: string; value: string }) =>
      `Container ${d.container} joins $(${d.variable}) (${d.fieldPath}) to a port without brackets in ${d.value}, which is not a valid host:port when the address is IPv6`,
  },
  *check(ctx) {
    const net = ctx.model.clusterNetwork;
    const severity = worklistSeverity(ctx.model, 'warning', 'pods');
    // An unbracketed host:port breaks only when the pod's first address is IPv6: known IPv4-primary dual-stack clusters are spared.
    const ipv6Primary = ctx.model.target === 'ipv6' || net.clusterCidrs[0]?.family !== 'IPv4';
    for (const { object, spec } of ctx.model.workloadSpecs) {
      for (const u of singleIpUses(spec)) {
        if (u.use === 'listen') {
          // On an IPv6-only target the one address is the only family there is.
          if (ctx.model.target === 'ipv6') continue;
          const setting = u.name !== '' ? u.name : u.value;
          yield ctx.finding(object, 'listensOnSingleIp', { container: u.container, variable: u.variable, fieldPath: u.fieldPath, setting }, { path: u.path, severity, confidence: 'high', key: u.variable });
        } else if (ipv6Primary) {
          yield ctx.finding(object, 'joinsSingleIpToPort', { container: u.container, variable: u.variable, fieldPath: u.fieldPath, value: u.value }, { path: u.path, severity, confidence: 'medium', key: u.variable });
        }
      }
    }
  },
});
