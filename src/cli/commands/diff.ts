/** `dsaudit diff BEFORE [AFTER]`: per family what became dual-stack and what regressed between two readings of one cluster, either of them live; exit 1 on a regression. */
import type { Command } from 'commander';
import type { ClusterModel } from '../../model/types.js';
import type { InputError } from '../../model/input.js';
import { buildDiff, type ClusterDiff } from '../../plan/diff.js';
import { PLAN_GOALS, type PlanGoal } from '../../plan/change-plan.js';
import { VIEW_FORMATTERS } from '../../report/index.js';
import { loadModels, type InputOptions } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { addLiveOptions, printInputErrors, useColor } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

interface DiffOptions extends InputOptions {
  readonly to: string;
  readonly live?: string;
  readonly output: string;
  readonly color: string;
}

type Side = 'before' | 'after';

/** Where each side is read from: a path, or the live cluster (`--context`, default the current context). */
type Sources = Readonly<Record<Side, { readonly path: string } | { readonly live: true }>>;

/**
 * Two operands are two files; one operand is compared with the live cluster, which is AFTER (the
 * cluster now against a saved reading) unless `--live before` (the cluster now against manifests
 * about to be applied, as `kubectl diff` compares live objects with local files).
 */
function sourcesOf(operands: readonly string[], opts: DiffOptions): Sources {
  const live = opts.live?.trim().toLowerCase();
  if (live !== undefined && live !== 'before' && live !== 'after') throw new UsageError(`--live: expected before or after, got "${opts.live}"`);
  const contexts = new Set(opts.context ?? []);
  if (contexts.size > 1) throw new UsageError('diff: --context names the one live cluster compared; give it once');
  if (operands.length === 2) {
    if (live !== undefined || contexts.size > 0) throw new UsageError('diff: BEFORE and AFTER are both given, so no side is live; drop AFTER to compare with the live cluster');
    return { before: { path: operands[0] }, after: { path: operands[1] } };
  }
  if (operands.length === 0) throw new UsageError('diff: give BEFORE AFTER, or one of them and compare it with the live cluster (--context, --live)');
  const liveSide: Side = live === 'before' ? 'before' : 'after';
  return liveSide === 'after' ? { before: { path: operands[0] }, after: { live: true } } : { before: { live: true }, after: { path: operands[0] } };
}

/** Reads one side through the same loading path as `scan`: a file set, or the live cluster with the live flags. */
async function readSide(io: CliIO, source: Sources[Side], opts: DiffOptions, side: Side): Promise<{ model: ClusterModel; errors: readonly InputError[] }> {
  const request: InputOptions = 'path' in source ? { ...opts, filename: [source.path], context: [] } : { ...opts, filename: [] };
  const { models, inputErrors } = await loadModels(io, request);
  const what = 'path' in source ? source.path : `the live cluster${opts.context?.[0] ? ` ${opts.context[0]}` : ''}`;
  if (models.length !== 1) throw new UsageError(`diff: ${side.toUpperCase()} ${what} holds ${models.length} clusters; give one snapshot, file or directory per side`);
  return { model: models[0], errors: inputErrors };
}

/** One stderr line when a reading was refused a compared collection, so a piped or gated run says why it exits 2. */
function printIncomplete(io: CliIO, diff: ClusterDiff): void {
  const forbidden = diff.notCompared.filter((g) => g.status === 'forbidden');
  if (forbidden.length === 0) return;
  const what = forbidden.map((g) => `${g.side.toUpperCase()}${diff[g.side] ? ` (${diff[g.side]})` : ''}: ${g.collection}`).join(', ');
  io.writeErr(`dsaudit: error: incomplete diff, forbidden to read ${what}; those objects were not compared\n`);
}

export function registerDiff(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command('diff')
    .description('compare two readings of one cluster (snapshots, manifest sets, or one of them and the live cluster): what became dual-stack, what regressed, the plan\'s progress; exit 1 on a regression, 2 when a reading could not be read in full')
    .argument('<before>', 'snapshot, manifest file or directory as it was (with --live before, the one operand is AFTER)')
    .argument('[after]', 'snapshot, manifest file or directory as it is; without it, AFTER is the live cluster (--context)')
    .option('--live <side>', 'with one operand, which side is the live cluster: after (default: a saved reading against the cluster now) | before (the cluster now against manifests to apply)')
    .option('--to <stack>', `the plan whose progress is compared: ${PLAN_GOALS.join(' | ')}`, 'dual')
    .option('-o, --output <format>', 'table | markdown | json', 'table')
    .option('--color <when>', 'auto | always | never', 'auto')
    .option('--config <file>', 'config file (default: .dsaudit.yaml in the working directory)');
  addLiveOptions(cmd, 'kubeconfig context of the live side (default: current context)');
  cmd.action(async (before: string, after: string | undefined, opts: DiffOptions) => {
    const formats = VIEW_FORMATTERS.diff;
    if (!Object.hasOwn(formats, opts.output)) throw new UsageError(`unknown diff output "${opts.output}" (expected ${Object.keys(formats).join(', ')})`);
    const goal = opts.to.trim().toLowerCase() as PlanGoal;
    if (!PLAN_GOALS.includes(goal)) throw new UsageError(`--to: unknown stack "${opts.to}" (expected ${PLAN_GOALS.join(', ')})`);
    const format = opts.output as keyof typeof formats;
    const color = useColor(opts.color, io);
    const sources = sourcesOf(after === undefined ? [before] : [before, after], opts);
    const a = await readSide(io, sources.before, opts, 'before');
    const b = await readSide(io, sources.after, opts, 'after');
    const diff = buildDiff(a.model, b.model, goal);
    writeOutput(io, STDOUT, [formats[format](diff, { color })]);
    const errors = [...a.errors, ...b.errors];
    printInputErrors(io, errors);
    printIncomplete(io, diff);
    setExit(errors.length > 0 || !diff.complete ? EXIT.error : diff.regressions > 0 ? EXIT.findings : EXIT.ok);
  });
}
