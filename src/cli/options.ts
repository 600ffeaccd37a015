/** Option helpers shared by commands. */
import type { Command } from 'commander';
import type { AuditResult } from '../engine/result.js';
import type { InputError } from '../model/input.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The input flags of every command that reads objects: files, ranges, config and live clusters (public interface: extend, never rename). */
export function addInputOptions(cmd: Command, contextHelp: string): Command {
  cmd
    .option('-f, --filename <path>', 'file, directory (recursive) or - for stdin (repeatable)', collect, [])
    .option('--config <file>', 'config file (default: .dsaudit.yaml in the working directory)')
    .option('--service-cidr <cidrs>', 'cluster service range(s), comma-separated (repeatable)', collect, [])
    .option('--pod-cidr <cidrs>', 'cluster pod range(s), comma-separated (repeatable)', collect, [])
    .option('--external-cidr <[name=]cidr>', 'a network outside the cluster its ranges must not overlap, e.g. on-prem=10.0.0.0/8 (repeatable)', collect, [])
    .option('--envoy-dump <ns/pod=file>', 'Envoy listener dump of a Pod: admin /config_dump or istioctl proxy-config output (repeatable)', collect, [])
    .option('--helm-values <chart=file>', 'Helm values file of a chart dsaudit reads (cilium), e.g. cilium=values.yaml (repeatable, one per chart)', collect, [])
    .option('--mesh-listeners', 'live: read sampled proxies\' listeners from istiod through the API server (needs deploy/rbac-mesh.yaml)')
    .option('--mesh-listeners-per-workload <n>', 'proxies sampled per workload with --mesh-listeners (default 1)');
  return addLiveOptions(cmd, contextHelp);
}

/** The input flags plus the rule and gate flags of `scan` and `baseline`. */
export function addAuditOptions(cmd: Command): Command {
  addInputOptions(cmd, 'kubeconfig context to scan (default: current context; repeat to scan several clusters)');
  return cmd
    .option('--enable <rules>', 'enable rules by id or code (repeatable, comma-separated)', collect, [])
    .option('--disable <rules>', 'disable rules by id or code (repeatable, comma-separated)', collect, [])
    .option('--severity <rule=level>', 'override a rule severity: error, warning, info or off (repeatable)', collect, [])
    .option('--fail-on <level>', 'exit 1 when a finding is at or above: error | warning | info | never (default: error)')
    .option('--target <stack>', 'target stack: dual | ipv4 | ipv6 | ipv6-primary | ipv6-only (default: dual)')
    .option('--rollback-to <family>', 'evaluate a rollback that keeps this family: ipv4 | ipv6 (rollback hazards at full severity)')
    .option('--new-primary <family>', 'evaluate a change of the primary family: ipv4 | ipv6')
    .option('--baseline <file>', 'mark findings recorded in this baseline file; they do not fail the gate')
    .option('--connected', 'the scanned clusters are connected (mesh, peering): overlapping pod ranges are errors (DS204)')
    .option('--strict', 'exit 2 when coverage is incomplete (a cluster forbade reading something the rules need)');
}

/** Flags for reading a live cluster: part of the input flags, and all of `snapshot`'s. */
export function addLiveOptions(cmd: Command, contextHelp: string): Command {
  return cmd
    .option('--kubeconfig <file>', 'kubeconfig for live scans (default: KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', contextHelp, collect, [])
    .option('-n, --namespace <ns>', 'limit namespaced resources to these namespaces (repeatable, comma-separated)', collect, [])
    .option('-A, --all-namespaces', 'read every namespace (the default)')
    .option('--request-timeout <duration>', 'bound for each API request, e.g. 30s (default 30s)')
    .option('--timeout <duration>', 'bound for the whole live read, every context included, e.g. 30m; exit 2 when it expires (default: none)')
    .option('--chunk-size <n>', 'objects per list page, as in kubectl (default 500)')
    .option('--max-configmaps <n>', 'ConfigMaps the pods reference read by name, at most (default 500; 0 reads none; beyond it DS601/DS604 miss them, with a notice)')
    .option('--insecure-skip-tls-verify', 'do not verify the API server certificate (unsafe)')
    .option('-q, --quiet', 'no progress on stderr');
}

export function useColor(when: string, io: CliIO): boolean {
  if (when === 'always') return true;
  if (when === 'never') return false;
  if (when !== 'auto') throw new UsageError(`--color must be auto, always or never (got "${when}")`);
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

export function printInputErrors(io: CliIO, errors: readonly InputError[]): void {
  for (const e of errors) io.writeErr(`dsaudit: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
}

/**
 * One stderr line when a cluster forbade reading a collection, so a piped or scheduled run still says
 * that its report is partial. Returns whether coverage is incomplete.
 */
export function printCoverageGaps(io: CliIO, result: Pick<AuditResult, 'coverage' | 'notAssessed'>, strict: boolean): boolean {
  const forbidden = result.coverage.filter((c) => c.status === 'forbidden');
  if (forbidden.length === 0) return false;
  const what = forbidden.map((c) => `${c.cluster}: ${c.collection}`).join(', ');
  const rules = new Set(result.notAssessed.map((n) => n.ruleId)).size;
  const level = strict ? 'error' : 'warning';
  const hint = strict ? '' : ' (--strict makes this exit 2)';
  const impact = rules > 0 ? `; ${rules} rule${rules === 1 ? '' : 's'} not assessed` : '';
  io.writeErr(`dsaudit: ${level}: incomplete coverage, forbidden to read ${what}${impact}${hint}\n`);
  return true;
}
