/** `dsaudit plan`: the numbered runbook from the cluster as it is to `--to`, with progress; re-run it during the change window. */
import type { Command } from 'commander';
import { buildChangePlan, PLAN_GOALS, type PlanGoal } from '../../plan/change-plan.js';
import { VIEW_FORMATTERS } from '../../report/index.js';
import { audit, loadConfig, type InputOptions } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { addInputOptions, printInputErrors, useColor } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

interface PlanOptions extends InputOptions {
  readonly to?: string;
  readonly rollbackTo?: string;
  readonly output: string;
  readonly color: string;
}

export function registerPlan(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command('plan')
    .description('ordered steps from the cluster as it is to a target stack, with progress: re-run it during the change window')
    .option('--to <stack>', `the stack to end in: ${PLAN_GOALS.join(' | ')} (default: dual, or the family --rollback-to or the config file's rollbackTo keeps)`)
    .option('--rollback-to <family>', 'plan a rollback that keeps this family: ipv4 | ipv6 (same as --to ipv4|ipv6)')
    .option('-o, --output <format>', 'table | markdown | json', 'table')
    .option('--color <when>', 'auto | always | never', 'auto');
  // The input flags of `scan` (same meaning); rule and gate flags do not apply here.
  addInputOptions(cmd, 'kubeconfig context to plan for (default: current context; repeatable)');
  cmd.action(async (opts: PlanOptions) => {
    const formats = VIEW_FORMATTERS.changePlan;
    if (!Object.hasOwn(formats, opts.output)) throw new UsageError(`unknown plan output "${opts.output}" (expected ${Object.keys(formats).join(', ')})`);
    const kept = opts.rollbackTo?.trim().toLowerCase();
    if (kept !== undefined && kept !== 'ipv4' && kept !== 'ipv6') throw new UsageError(`--rollback-to: expected ipv4 or ipv6, got "${opts.rollbackTo}"`);
    // Without --to or --rollback-to, a rollback the config file names (rollbackTo) is the goal.
    const fileKept = opts.to === undefined && kept === undefined ? (await loadConfig(io, opts)).scenario.rollbackTo?.toLowerCase() : undefined;
    const goal = (opts.to?.trim().toLowerCase() ?? kept ?? fileKept ?? 'dual') as PlanGoal;
    if (!PLAN_GOALS.includes(goal)) throw new UsageError(`--to: unknown stack "${opts.to}" (expected ${PLAN_GOALS.join(', ')})`);
    if (kept !== undefined && goal !== kept) {
      throw new UsageError(`--to ${goal} and --rollback-to ${kept} disagree: a rollback ends in the family it keeps (a plan to ${goal} lists its rollback hazards in its last section)`);
    }
    const format = opts.output as keyof typeof formats;
    const color = useColor(opts.color, io);
    // Going to one family is a rollback that keeps it: the rollback rules then report at full severity.
    const rollbackTo = goal === 'ipv4' || goal === 'ipv6' ? goal : undefined;
    const { result, models } = await audit(io, { ...opts, target: goal, ...(rollbackTo ? { rollbackTo } : {}) });
    writeOutput(io, STDOUT, [formats[format](buildChangePlan(models, goal, result.findings), { color })]);
    printInputErrors(io, result.inputErrors);
    setExit(result.inputErrors.length > 0 ? EXIT.error : EXIT.ok);
  });
}
