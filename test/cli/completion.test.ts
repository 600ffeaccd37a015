import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/index.js';
import { completionScript, SHELLS } from '../../src/cli/completion.js';
import { dsaudit } from '../helpers/cli.js';

const io = { writeOut() {}, writeErr() {}, env: {}, cwd: '/', stdoutIsTTY: false, stderrIsTTY: false } as never;
const program = buildProgram(io, () => {});

/** Runs the bash script's completion for a command line whose last word is being completed. */
function bashComplete(line: string): string[] {
  const words = line.split(' ');
  const script = `${completionScript(program, 'bash')}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _dsaudit; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: '/' });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').filter((w) => w !== '');
}

describe('dsaudit completion', () => {
  it.each(SHELLS)('%s: names every command and every long flag of the program', (shell) => {
    const text = completionScript(program, shell);
    for (const cmd of program.commands) {
      expect(text).toContain(cmd.name());
      for (const o of cmd.options) expect(text, `${cmd.name()} ${o.long}`).toContain(shell === 'fish' ? `-l ${o.long!.slice(2)} ` : o.long!);
    }
    for (const bin of ['dsaudit', 'kubectl-dsaudit']) expect(text).toContain(bin);
  });

  it('is generated from the program, not a hand-kept list', () => {
    const toy = new Command('dsaudit');
    toy.command('frob').description('frobnicate').option('--widget <path>', 'a widget file');
    for (const shell of SHELLS) {
      const text = completionScript(toy, shell);
      expect(text).toContain('frob');
      expect(text).toContain('widget');
      expect(text).not.toContain('scan');
    }
  });

  it('bash: completes commands, flags, flag values and argument choices', () => {
    expect(spawnSync('bash', ['-n'], { input: completionScript(program, 'bash') }).status).toBe(0);
    expect(bashComplete('dsaudit sc')).toEqual(['scan', 'schema']);
    expect(bashComplete('dsaudit scan --fa')).toEqual(['--fail-on']);
    expect(bashComplete('dsaudit scan -f /et')).toEqual(['/etc']);
    expect(bashComplete('dsaudit scan --fail-on ')).toEqual([]);
    expect(bashComplete('dsaudit completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(bashComplete('dsaudit schema j')).toEqual(['json']);
    expect(bashComplete('dsaudit --deb')).toEqual(['--debug']);
  });

  it('zsh: every _arguments spec is well quoted (brace groups outside quotes, quotes balanced)', () => {
    const text = completionScript(program, 'zsh');
    for (const line of text.split('\n')) expect(line.replace(/'\\''/g, '').split("'").length % 2, line).toBe(1);
    expect(text).toContain("'(-V --version)'{-V,--version}'[");
    expect(text).toContain("'*'{-f,--filename}'[");
    expect(text).toContain("'*'{-o,--output}'[");
    expect(text).not.toMatch(/''\{-/);
  });

  it('the CLI prints a script per shell and refuses other shells with exit 2', () => {
    const r = dsaudit(['completion', 'bash']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(completionScript(program, 'bash'));
    expect(dsaudit(['completion', 'tcsh']).code).toBe(2);
  });
});
