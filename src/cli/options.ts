/** Option helpers shared by commands. */
import type { Command } from 'commander';
import type { InputError } from '../sources/types.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Flags shared by `scan` and `baseline` (public interface: extend, never rename). */
export function addAuditOptions(cmd: Command): Command {
  return cmd
    .option('-f, --filename <path>', 'file, directory (recursive) or - for stdin (repeatable)', collect, [])
    .option('--config <file>', 'config file (default: .dsaudit.yaml in the working directory)')
    .option('--enable <rules>', 'enable rules by id or code (repeatable, comma-separated)', collect, [])
    .option('--disable <rules>', 'disable rules by id or code (repeatable, comma-separated)', collect, [])
    .option('--severity <rule=level>', 'override a rule severity: error, warning, info or off (repeatable)', collect, [])
    .option('--fail-on <level>', 'exit 1 when a finding is at or above: error | warning | info | never (default: error)')
    .option('--target <stack>', 'target stack: dual | ipv4 | ipv6 (default: dual)')
    .option('--service-cidr <cidrs>', 'cluster service range(s), comma-separated (repeatable)', collect, [])
    .option('--pod-cidr <cidrs>', 'cluster pod range(s), comma-separated (repeatable)', collect, [])
    .option('--baseline <file>', 'mark findings recorded in this baseline file; they do not fail the gate')
    .option('--kubeconfig <file>', 'kubeconfig for live scans (default: KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context to scan (default: current context)', collect, [])
    .option('-n, --namespace <ns>', 'limit namespaced resources to these namespaces (repeatable, comma-separated)', collect, [])
    .option('-A, --all-namespaces', 'read every namespace (the default)')
    .option('--request-timeout <duration>', 'bound for each API request, e.g. 30s (default 30s)')
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
