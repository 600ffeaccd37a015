/** Shared pipeline of `scan` and `baseline`: config → sources → model → engine. */
import { parseConfigText, resolveConfig, type EffectiveConfig } from '../engine/config.js';
import { parseBaseline } from '../engine/baseline.js';
import { defaultRegistry } from '../engine/registry.js';
import type { AuditResult } from '../engine/result.js';
import { runAudit } from '../engine/run.js';
import { normalize } from '../model/normalize.js';
import { readConfigFile, readUserFile } from '../sources/config-file.js';
import { loadManifests } from '../sources/manifests.js';
import type { SourceResult } from '../sources/types.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';

export interface AuditOptions {
  readonly filename?: string[];
  readonly config?: string;
  readonly enable?: string[];
  readonly disable?: string[];
  readonly severity?: string[];
  readonly failOn?: string;
  readonly target?: string;
  readonly serviceCidr?: string[];
  readonly podCidr?: string[];
  readonly baseline?: string;
}

export interface AuditRun {
  readonly result: AuditResult;
  readonly config: EffectiveConfig;
}

export async function loadConfig(io: CliIO, opts: AuditOptions): Promise<EffectiveConfig> {
  const file = readConfigFile(io.cwd, opts.config);
  const fileConfig = file ? parseConfigText(file.text, file.file) : {};
  return resolveConfig(defaultRegistry(), fileConfig, {
    enable: opts.enable,
    disable: opts.disable,
    severity: opts.severity,
    failOn: opts.failOn,
    target: opts.target,
    serviceCidrs: opts.serviceCidr,
    podCidrs: opts.podCidr,
  });
}

async function loadSources(io: CliIO, opts: AuditOptions): Promise<SourceResult> {
  const inputs = opts.filename ?? [];
  if (inputs.length === 0) throw new UsageError('no input: pass -f FILE|DIR|- (live cluster scanning reads the current kubeconfig context)');
  return loadManifests(inputs, { cwd: io.cwd, readStdin: io.readStdin });
}

export async function audit(io: CliIO, opts: AuditOptions): Promise<AuditRun> {
  const config = await loadConfig(io, opts);
  const baseline = opts.baseline ? parseBaseline(readUserFile(io.cwd, opts.baseline, 'baseline'), opts.baseline) : undefined;
  const source = await loadSources(io, opts);
  const { model, errors } = normalize(source.objects, {
    target: config.target,
    overrides: { serviceCidrs: config.serviceCidrs, podCidrs: config.podCidrs },
    ...(source.availability ? { availability: source.availability } : {}),
  });
  const result = runAudit({
    model,
    rules: defaultRegistry().rules,
    config,
    ...(baseline ? { baseline } : {}),
    inputErrors: [...source.errors, ...errors],
    notices: source.notices,
  });
  return { result, config };
}
