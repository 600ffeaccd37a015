/** `dsaudit diff BEFORE AFTER`: per family what became dual-stack and what regressed between two readings of one cluster; exit 1 on a regression. */
import type { Command } from 'commander';
import type { ClusterModel } from '../../model/types.js';
import { buildDiff } from '../../plan/diff.js';
import { PLAN_GOALS, type PlanGoal } from '../../plan/change-plan.js';
import { VIEW_FORMATTERS } from '../../report/index.js';
import { loadModels } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { printInputErrors, useColor } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

interface DiffOptions {
  readonly to: string;
  readonly output: string;
  readonly color: string;
  readonly config?: string;
}

async function side(io: CliIO, path: string, opts: DiffOptions, which: string): Promise<{ model: ClusterModel; errors: Awaited<ReturnType<typeof loadModels>>['inputErrors'] }> {
  const { models, inputErrors } = await loadModels(io, { filename: [path], ...(opts.config ? { config: opts.config } : {}) });
  if (models.length !== 1) throw new UsageError(`diff: ${which} ${path} holds ${models.length} clusters; give one snapshot, file or directory per side`);
  return { model: models[0], errors: inputErrors };
}

export function registerDiff(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description('compare two snapshots or manifest sets of one cluster: what became dual-stack, what regressed, the plan\'s progress; exit 1 on a regression')
    .argument('<before>', 'snapshot, manifest file or directory as it was')
    .argument('<after>', 'snapshot, manifest file or directory as it is')
    .option('--to <stack>', `the plan whose progress is compared: ${PLAN_GOALS.join(' | ')}`, 'dual')
    .option('-o, --output <format>', 'table | markdown | json', 'table')
    .option('--color <when>', 'auto | always | never', 'auto')
    .option('--config <file>', 'config file (default: .dsaudit.yaml in the working directory)')
    .action(async (before: string, after: string, opts: DiffOptions) => {
      const formats = VIEW_FORMATTERS.diff;
      if (!Object.hasOwn(formats, opts.output)) throw new UsageError(`unknown diff output "${opts.output}" (expected ${Object.keys(formats).join(', ')})`);
      const goal = opts.to.trim().toLowerCase() as PlanGoal;
      if (!PLAN_GOALS.includes(goal)) throw new UsageError(`--to: unknown stack "${opts.to}" (expected ${PLAN_GOALS.join(', ')})`);
      const format = opts.output as keyof typeof formats;
      const color = useColor(opts.color, io);
      const a = await side(io, before, opts, 'BEFORE');
      const b = await side(io, after, opts, 'AFTER');
      const diff = buildDiff(a.model, b.model, goal);
      writeOutput(io, STDOUT, [formats[format](diff, { color })]);
      const errors = [...a.errors, ...b.errors];
      printInputErrors(io, errors);
      setExit(errors.length > 0 ? EXIT.error : diff.regressions > 0 ? EXIT.findings : EXIT.ok);
    });
}
