/** `dsaudit rules` and `dsaudit explain`: rule listings and per-rule help from metadata. */
import type { Command } from 'commander';
import { defaultRegistry, UnknownRuleError } from '../../engine/registry.js';
import { explainText, rulesJson, rulesMarkdownTable, rulesTable } from '../../report/rule-docs.js';
import { readRuleProse } from '../../sources/rule-docs.js';
import { EXIT, UsageError, type CliIO } from '../io.js';
import { installedLinks } from '../project-links.js';
import { useColor } from '../options.js';

/** Colors as `--color` says; wrapping only on a terminal that reports its width. */
function terminalOf(io: CliIO, color: string): { color: boolean; width?: number } {
  return { color: useColor(color, io), ...(io.stdoutColumns !== undefined ? { width: io.stdoutColumns } : {}) };
}

export function registerRules(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('rules')
    .description('list every rule with its code, family and default severity')
    .option('-o, --output <format>', 'table | json | markdown', 'table')
    .option('--color <when>', 'auto | always | never', 'auto')
    .action((opts: { output: string; color: string }) => {
      const metas = defaultRegistry().rules.map((r) => r.meta);
      const term = terminalOf(io, opts.color);
      const render = { table: (m: typeof metas) => rulesTable(m, term), json: (m: typeof metas) => rulesJson(m, installedLinks()), markdown: rulesMarkdownTable }[opts.output];
      if (!render) throw new UsageError(`unknown rules output "${opts.output}" (expected table, json or markdown)`);
      io.writeOut(render(metas));
      setExit(EXIT.ok);
    });

  program
    .command('explain')
    .description('explain a rule: what it checks, why, how to fix, an example')
    .argument('<rule>', 'rule id or code, e.g. DS102')
    .option('--color <when>', 'auto | always | never', 'auto')
    .action((name: string, opts: { color: string }) => {
      let meta;
      try {
        meta = defaultRegistry().resolve(name).meta;
      } catch (e) {
        if (e instanceof UnknownRuleError) throw new UsageError(e.message);
        throw e;
      }
      io.writeOut(explainText(meta, readRuleProse(meta.id), installedLinks(), terminalOf(io, opts.color)));
      setExit(EXIT.ok);
    });
}
