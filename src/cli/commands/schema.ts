/** `dsaudit schema json`: prints the published JSON Schema of `scan -o json`. */
import { Argument, type Command } from 'commander';
import { readJsonSchema } from '../../sources/package-files.js';
import { EXIT, UsageError, type CliIO } from '../io.js';

/** Output formats that have a published schema. */
const SCHEMAS: Readonly<Record<string, () => string>> = { json: readJsonSchema };

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
