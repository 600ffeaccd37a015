/** `dsaudit baseline`: print a baseline of the current findings for `scan --baseline`. */
import type { Command } from 'commander';
import { renderBaseline } from '../../engine/baseline.js';
import { audit, type AuditOptions } from '../audit.js';
import { EXIT, type CliIO } from '../io.js';
import { addAuditOptions, printInputErrors } from '../options.js';
import { STDOUT, writeOutput } from '../write-output.js';

export function registerBaseline(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program.command('baseline').description('print a baseline file of the current findings (redirect to .dsaudit-baseline.json)');
  addAuditOptions(cmd);
  cmd.action(async (opts: AuditOptions) => {
    const { result } = await audit(io, { ...opts, baseline: undefined });
    writeOutput(io, STDOUT, [renderBaseline(result)]);
    printInputErrors(io, result.inputErrors);
    setExit(result.inputErrors.length > 0 ? EXIT.error : EXIT.ok);
  });
}
