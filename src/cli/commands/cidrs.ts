/** `dsaudit cidrs`: the address map — every declared range per family, nested, with usage and collisions. */
import type { Command } from 'commander';
import { buildAddressPlan } from '../../plan/address-plan.js';
import { VIEW_FORMATTERS } from '../../report/index.js';
import { loadModels, type InputOptions } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { addInputOptions, printInputErrors, useColor } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

export function registerCidrs(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command('cidrs')
    .description('map the pod, Service, node and external ranges per family: nesting, usage and collisions')
    .option('-o, --output <format>', 'table | markdown | json | html', 'table')
    .option('--color <when>', 'auto | always | never', 'auto');
  // The input flags of `scan` (same meaning); rule and gate flags do not apply here.
  addInputOptions(cmd, 'kubeconfig context to map (default: current context; repeatable)');
  cmd.action(async (opts: InputOptions & { output: string; color: string }) => {
      const formats = VIEW_FORMATTERS.addressPlan;
      if (!Object.hasOwn(formats, opts.output)) throw new UsageError(`unknown cidrs output "${opts.output}" (expected ${Object.keys(formats).join(', ')})`);
      const format = opts.output as keyof typeof formats;
      const color = useColor(opts.color, io);
      const { models, inputErrors } = await loadModels(io, opts);
      writeOutput(io, STDOUT, [formats[format](buildAddressPlan(models), { color })]);
      printInputErrors(io, inputErrors);
      setExit(inputErrors.length > 0 ? EXIT.error : EXIT.ok);
    });
}
