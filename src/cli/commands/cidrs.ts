/** `dsaudit cidrs`: the address map — every declared range per family, nested, with usage and collisions. */
import type { Command } from 'commander';
import { buildAddressPlan } from '../../model/address-plan.js';
import { ADDRESS_PLAN_FORMATS, formatAddressPlan, type AddressPlanFormat } from '../../report/address-plan.js';
import { loadModels, type AuditOptions } from '../audit.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { collect, printInputErrors, useColor } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

export function registerCidrs(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('cidrs')
    .description('map the pod, Service, node and external ranges per family: nesting, usage and collisions')
    .option('-o, --output <format>', 'table | markdown | json', 'table')
    .option('--color <when>', 'auto | always | never', 'auto')
    // The input and range flags of `scan` (same meaning); rule and gate flags do not apply here.
    .option('-f, --filename <path>', 'file, directory (recursive) or - for stdin (repeatable)', collect, [])
    .option('--config <file>', 'config file (default: .dsaudit.yaml in the working directory)')
    .option('--service-cidr <cidrs>', 'cluster service range(s), comma-separated (repeatable)', collect, [])
    .option('--pod-cidr <cidrs>', 'cluster pod range(s), comma-separated (repeatable)', collect, [])
    .option('--external-cidr <[name=]cidr>', 'a network outside the cluster its ranges must not overlap, e.g. on-prem=10.0.0.0/8 (repeatable)', collect, [])
    .option('--kubeconfig <file>', 'kubeconfig for live scans (default: KUBECONFIG, ~/.kube/config, in-cluster)')
    .option('--context <name>', 'kubeconfig context to map (default: current context; repeatable)', collect, [])
    .option('--request-timeout <duration>', 'bound for each API request, e.g. 30s (default 30s)')
    .option('--insecure-skip-tls-verify', 'do not verify the API server certificate (unsafe)')
    .option('-q, --quiet', 'no progress on stderr')
    .action(async (opts: AuditOptions & { output: string; color: string }) => {
      const format = opts.output as AddressPlanFormat;
      if (!ADDRESS_PLAN_FORMATS.includes(format)) throw new UsageError(`unknown cidrs output "${opts.output}" (expected ${ADDRESS_PLAN_FORMATS.join(', ')})`);
      const color = useColor(opts.color, io);
      const { models, inputErrors } = await loadModels(io, opts);
      writeOutput(io, STDOUT, [formatAddressPlan(buildAddressPlan(models), format, { color })]);
      printInputErrors(io, inputErrors);
      setExit(inputErrors.length > 0 ? EXIT.error : EXIT.ok);
    });
}
