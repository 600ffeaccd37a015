/** Reads Kubernetes manifests from files, directories and stdin into RawObjects that keep their file positions. */
import { collectJson, jsonSyntaxError } from './json-manifest.js';
import { checkText, expandInputs, fsErrorMessage, readManifestFile } from './manifest-files.js';
import { newCollector, type Collector } from './manifest-objects.js';
import type { SourceResult } from './types.js';
import { collectYaml } from './yaml-manifest.js';

export interface ManifestOptions {
  cwd: string;
  readStdin?: () => Promise<string>;
  /** Files larger than this are reported and not read. Default 256 MiB. */
  maxFileBytes?: number;
  /** Bound on YAML alias expansion (billion laughs). Default 100. */
  maxAliasCount?: number;
}

export interface ParseLimits {
  maxAliasCount?: number;
}

const STDIN = '-';
const STDIN_FILE = '<stdin>';
const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_ALIAS_COUNT = 100;
/** Text that starts like JSON but is not valid JSON is retried as YAML (flow style) only up to this size. */
const YAML_FALLBACK_MAX_CHARS = 4 * 1024 * 1024;

/**
 * Loads every input in a deterministic order: files sorted by display path (directories expanded),
 * then stdin. Unreadable inputs become InputErrors; the other inputs are still loaded.
 */
export async function loadManifests(inputs: readonly string[], options: ManifestOptions): Promise<SourceResult> {
  const out = newCollector();
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const limits = { maxAliasCount: options.maxAliasCount };
  const files = await expandInputs(inputs.filter((i) => i !== STDIN), options.cwd, out.errors);
  for (const file of files) {
    await loadOne(file.display, () => readManifestFile(file.path, maxBytes), limits, out);
  }
  if (inputs.includes(STDIN)) {
    await loadOne(STDIN_FILE, () => readStdinText(options.readStdin, maxBytes), limits, out);
  }
  return out;
}

async function loadOne(file: string, read: () => Promise<string>, limits: ParseLimits, out: Collector): Promise<void> {
  let text: string;
  try {
    text = await read();
  } catch (e) {
    out.errors.push({ file, line: null, message: fsErrorMessage(e) });
    return;
  }
  collectText(text, file, limits, out);
}

async function readStdinText(readStdin: (() => Promise<string>) | undefined, maxBytes: number): Promise<string> {
  if (!readStdin) throw new Error('reading stdin is not available');
  const text = await readStdin();
  checkText(text, maxBytes);
  return text;
}

/** Parses one manifest text (pure). `file` is used as-is in origins, errors and notices. */
export function parseManifestText(text: string, file: string, limits: ParseLimits = {}): SourceResult {
  const out = newCollector();
  collectText(text, file, limits, out);
  return out;
}

function collectText(raw: string, file: string, limits: ParseLimits, out: Collector): void {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const first = text.search(/\S/);
  if (first < 0) {
    out.notices.push({ file, line: null, message: 'file is empty' });
    return;
  }
  const maxAliasCount = limits.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT;
  const looksLikeJson = text[first] === '{' || text[first] === '[';
  if (looksLikeJson && collectJson(text, file, out)) return;
  // Flow-style YAML also starts with `{` or `[`; a .json file or a huge text is reported as JSON.
  if (looksLikeJson && (/\.json$/i.test(file) || text.length > YAML_FALLBACK_MAX_CHARS)) out.errors.push(jsonSyntaxError(text, file));
  else collectYaml(text, file, maxAliasCount, out);
}
