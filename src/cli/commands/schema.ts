/** `dsaudit schema json|plan|diff`: prints the published JSON Schema of `scan -o json`, `plan -o json` or `diff -o json`. */
import { Argument, type Command } from 'commander';
import { readDiffSchema, readJsonSchema, readPlanSchema } from '../../sources/package-files.js';
import { EXIT, UsageError, type CliIO } from '../io.js';

/** Outputs that have a published schema: `json` is `scan -o json`, `plan` is `plan -o json`, `diff` is `diff -o json`. */
const SCHEMAS: Readonly<Record<string, () => string>> = { json: readJsonSchema, plan: readPlanSchema, diff: readDiffSchema };

export function registerSchema(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('schema')
    .description('print the JSON Schema of an output format (the -o json contract)')
    .addArgument(new Argument('<format>', 'output format').choices(Object.keys(SCHEMAS)))
    .action((format: string) => {
      const read = SCHEMAS[format];
      if (!read) throw new UsageError(`no schema for "${format}" (expected ${Object.keys(SCHEMAS).join(', ')})`);
      io.writeOut(read());
      setExit(EXIT.ok);
    });
}
