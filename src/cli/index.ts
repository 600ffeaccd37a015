/** The dsaudit command line: commander wiring and exit codes. */
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../engine/config.js';
import { BaselineError } from '../engine/baseline.js';
import { ConfigFileError } from '../sources/config-file.js';
import { ClusterSourceError } from '../sources/cluster.js';
import { LoadError } from '../sources/load.js';
import { phaseReport, phasesEnabled, startPhases } from '../model/phases.js';
import { TOOL_VERSION } from '../version.js';
import { registerBaseline } from './commands/baseline.js';
import { registerCidrs } from './commands/cidrs.js';
import { registerCompletion } from './commands/completion.js';
import { registerDiff } from './commands/diff.js';
import { registerPlan } from './commands/plan.js';
import { registerRules } from './commands/rules.js';
import { registerScan } from './commands/scan.js';
import { registerSchema } from './commands/schema.js';
import { registerSnapshot } from './commands/snapshot.js';
import { EXIT, internalErrorLine, processIO, UsageError, type CliIO } from './io.js';

/** Errors whose message is the whole story: printed as one line, exit 2. */
const EXPECTED_ERRORS = [UsageError, ConfigError, ConfigFileError, BaselineError, LoadError, ClusterSourceError];

export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command()
    .name('dsaudit')
    .description('Audit Kubernetes clusters and manifests for IPv4/IPv6 dual-stack readiness')
    .version(TOOL_VERSION)
    .option('--debug', 'print stack traces for unexpected errors')
    .showHelpAfterError('(run dsaudit --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.writeOut(s), writeErr: (s) => io.writeErr(s) });
  registerScan(program, io, setExit);
  registerBaseline(program, io, setExit);
  registerCidrs(program, io, setExit);
  registerPlan(program, io, setExit);
  registerDiff(program, io, setExit);
  registerRules(program, io, setExit);
  registerSnapshot(program, io, setExit);
  registerSchema(program, io, setExit);
  registerCompletion(program, io, setExit);
  for (const c of program.commands) c.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code. Never throws. */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => { code = c; });
  if (io.env.DSAUDIT_PROFILE === '1') startPhases();
  try {
    await program.parseAsync([...argv]);
    if (phasesEnabled()) io.writeErr(phaseReport());
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.error;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (EXPECTED_ERRORS.some((k) => e instanceof k)) {
      io.writeErr(`dsaudit: error: ${message}\n`);
    } else {
      io.writeErr(internalErrorLine(e, argv.includes('--debug')));
    }
    return EXIT.error;
  }
}
