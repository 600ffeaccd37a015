/** `dsaudit completion bash|zsh|fish`: prints a completion script generated from this program. */
import { Argument, type Command } from 'commander';
import { completionScript, SHELLS, type Shell } from '../completion.js';
import { EXIT, type CliIO } from '../io.js';

export function registerCompletion(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('completion')
    .description('print a shell completion script: source <(dsaudit completion bash), as with kubectl and helm')
    .addArgument(new Argument('<shell>', 'bash | zsh | fish').choices(SHELLS))
    .action((shell: Shell) => {
      io.writeOut(completionScript(program, shell));
      setExit(EXIT.ok);
    });
}
