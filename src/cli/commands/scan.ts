/** `dsaudit scan`: audit inputs and write one or more reports; exit code is the CI gate. */
import type { Command } from 'commander';
import { gateFails } from '../../engine/run.js';
import { FORMATTERS, type FormatName } from '../../report/index.js';
import { GROUP_BY, type GroupBy } from '../../report/groups.js';
import { audit, type AuditOptions } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { checkDistinct, checkNotInputs, resolveOutput, STDOUT, writeOutput, type NamedInput, type Output } from '../write-output.js';
import { installedLinks } from '../project-links.js';
import { endPhase } from '../../model/phases.js';
import { collect, addAuditOptions, useColor, printInputErrors, printCoverageGaps } from '../options.js';

interface OutputSpec {
  readonly format: FormatName;
  readonly path?: string;
}

export function parseOutputs(values: readonly string[] | undefined): OutputSpec[] {
  const specs = (values && values.length > 0 ? values : ['table']).map((v) => {
    const eq = v.indexOf('=');
    const format = (eq < 0 ? v : v.slice(0, eq)).trim();
    const path = eq < 0 ? undefined : v.slice(eq + 1).trim();
    if (!(format in FORMATTERS)) throw new UsageError(`unknown output format "${format}" (expected ${Object.keys(FORMATTERS).join(', ')})`);
    if (path === '') throw new UsageError(`-o ${v}: missing file path after "="`);
    return { format: format as FormatName, ...(path ? { path } : {}) };
  });
  if (specs.filter((s) => !s.path).length > 1) throw new UsageError('at most one -o format may go to stdout; give the others a path (-o sarif=results.sarif)');
  return specs;
}

/** Where each output goes; a usage error when one cannot be written or two land in the same place. */
function resolveOutputs(cwd: string, specs: readonly OutputSpec[]): { spec: OutputSpec; output: Output; label: string }[] {
  const resolved = specs.map((spec) => ({
    spec,
    output: spec.path ? resolveOutput(cwd, spec.path) : STDOUT,
    label: `-o ${spec.format}${spec.path ? `=${spec.path}` : ''}`,
  }));
  checkDistinct(resolved);
  return resolved;
}

/**
 * A label key as Kubernetes validates it: an optional DNS-subdomain prefix and `/`, then a name of at
 * most 63 alphanumerics, `-`, `_` or `.`, starting and ending alphanumeric (apimachinery IsQualifiedName).
 */
const LABEL_KEY = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** `--group-by` and `--team-label`: a team label alone groups by team; grouping by team needs the label. */
export function parseGrouping(groupBy: string | undefined, teamLabel: string | undefined): GroupBy | undefined {
  if (teamLabel !== undefined && (!LABEL_KEY.test(teamLabel) || teamLabel.lastIndexOf('/') > 253)) throw new UsageError(`--team-label: "${teamLabel}" is not a label key (e.g. team or example.com/team)`);
  if (groupBy === undefined) return teamLabel !== undefined ? 'team' : undefined;
  if (!(GROUP_BY as readonly string[]).includes(groupBy)) throw new UsageError(`--group-by must be ${GROUP_BY.join(', ')} (got "${groupBy}")`);
  if (groupBy === 'team' && teamLabel === undefined) throw new UsageError('--group-by team needs --team-label <label>, the Namespace label that names the team');
  if (groupBy !== 'team' && teamLabel !== undefined) throw new UsageError(`--team-label groups by team; it cannot be combined with --group-by ${groupBy}`);
  return groupBy as GroupBy;
}

/** Every file or directory a scan reads, as named on the command line. */
function namedInputs(opts: AuditOptions): NamedInput[] {
  return [
    ...(opts.filename ?? []).map((path) => ({ flag: '-f', path })),
    ...(opts.config !== undefined ? [{ flag: '--config', path: opts.config }] : []),
    ...(opts.baseline !== undefined ? [{ flag: '--baseline', path: opts.baseline }] : []),
    ...(opts.kubeconfig !== undefined ? [{ flag: '--kubeconfig', path: opts.kubeconfig }] : []),
    ...(opts.envoyDump ?? []).map((spec) => ({ flag: '--envoy-dump', path: spec.slice(spec.indexOf('=') + 1) })),
  ];
}

export function registerScan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command('scan')
    .description('audit manifests, cluster dumps or snapshots for dual-stack readiness')
    .option('-o, --output <format[=path]>', `${Object.keys(FORMATTERS).join(' | ')}, optionally =PATH (repeatable)`, collect, [])
    .option('--color <when>', 'auto | always | never', 'auto')
    .option('--fix', 'table: print the fix under every finding (shown anyway when there are few)')
    .option('--show-not-assessed', 'table: list every rule not assessed and why, instead of one line grouped by cause')
    .option('--group-by <key>', `group findings in table, markdown and json: ${GROUP_BY.join(' | ')}`)
    .option('--team-label <label>', 'the Namespace label naming the team that owns it; groups findings by team');
  addAuditOptions(cmd);
  cmd.action(async (opts: AuditOptions & { output: string[]; color: string; fix?: boolean; showNotAssessed?: boolean; groupBy?: string }) => {
    const outputs = resolveOutputs(io.cwd, parseOutputs(opts.output));
    checkNotInputs(io.cwd, outputs, namedInputs(opts));
    const groupBy = parseGrouping(opts.groupBy, opts.teamLabel);
    const { result, config, views } = await audit(io, opts);
    const color = useColor(opts.color, io);
    for (const { spec, output } of outputs) {
      // Colour and wrap only where the user reads it: the terminal of -o FORMAT (or /dev/stdout).
      const terminal = output.target.kind === 'stdout';
      const text = FORMATTERS[spec.format](result, {
        color: terminal ? color : false,
        links: installedLinks(),
        ...(terminal && io.stdoutIsTTY && io.stdoutColumns !== undefined ? { width: io.stdoutColumns } : {}),
        ...(opts.fix ? { showFixes: true } : {}),
        ...(opts.showNotAssessed ? { showNotAssessed: true } : {}),
        ...(groupBy ? { groupBy } : {}),
      }, views);
      writeOutput(io, output, [text]);
    }
    endPhase('report');
    printInputErrors(io, result.inputErrors);
    const incomplete = printCoverageGaps(io, result, Boolean(opts.strict));
    if (result.inputErrors.length > 0 || (opts.strict && incomplete)) setExit(EXIT.error);
    else setExit(gateFails(result, config.failOn) ? EXIT.findings : EXIT.ok);
  });
}
