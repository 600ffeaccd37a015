/** Finds and reads the dsaudit config file (`--config FILE`, else `.dsaudit.yaml` in the working directory). */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONFIG_NAMES = ['.dsaudit.yaml', '.dsaudit.yml'] as const;

export class ConfigFileError extends Error {}

/** The config text and its display path, or undefined when no file is given and none is discovered. */
export function readConfigFile(cwd: string, explicit?: string): { text: string; file: string } | undefined {
  const file = explicit ?? CONFIG_NAMES.find((n) => existsSync(join(cwd, n)));
  if (!file) return undefined;
  try {
    return { text: readFileSync(resolve(cwd, file), 'utf8'), file };
  } catch (e) {
    throw new ConfigFileError(`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Reads a small text file named by the user (a baseline), with a one-line error. */
export function readUserFile(cwd: string, file: string, what: string): string {
  try {
    return readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    throw new ConfigFileError(`cannot read ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
