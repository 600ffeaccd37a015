/** Shared pipeline of `scan` and `baseline`: config → sources → model → engine. */
import { parseConfigText, resolveConfig, type EffectiveConfig } from '../engine/config.js';
import { parseBaseline } from '../engine/baseline.js';
import { defaultRegistry } from '../engine/registry.js';
import type { AuditResult } from '../engine/result.js';
import { runAudit } from '../engine/run.js';
import { normalize } from '../model/normalize.js';
import { readConfigFile, readUserFile } from '../sources/config-file.js';
import { loadManifests } from '../sources/manifests.js';
import { ClusterSourceError, loadCluster, type ClusterProgress } from '../sources/cluster.js';
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
  readonly kubeconfig?: string;
  readonly context?: string[];
  readonly namespace?: string[];
  readonly allNamespaces?: boolean;
  readonly requestTimeout?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly quiet?: boolean;
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

/** kubectl-style durations: `30s`, `2m`, `500ms`, or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--request-timeout: invalid duration "${text}" (e.g. 30s, 2m)`);
  const n = Number(m[1]);
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h']);
}

async function loadSources(io: CliIO, opts: AuditOptions): Promise<SourceResult> {
  const inputs = opts.filename ?? [];
  if (inputs.length > 0) return loadManifests(inputs, { cwd: io.cwd, readStdin: io.readStdin });
  const contexts = opts.context ?? [];
  if (contexts.length > 1) throw new UsageError('several --context values are not supported yet; scan one context at a time');
  const namespaces = opts.allNamespaces ? [] : (opts.namespace ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
  const progress = !opts.quiet && io.stderrIsTTY;
  try {
    const result = await loadCluster({
      ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}),
      ...(contexts[0] ? { context: contexts[0] } : {}),
      ...(namespaces.length ? { namespaces } : {}),
      ...(opts.requestTimeout ? { requestTimeoutMs: parseDuration(opts.requestTimeout) } : {}),
      insecureSkipTlsVerify: Boolean(opts.insecureSkipTlsVerify),
      ...(progress ? { onProgress: (e: ClusterProgress) => io.writeErr(`\r\x1b[K${e.resource}${e.namespace ? ` (${e.namespace})` : ''}: ${e.objects} objects, ${e.pages} pages${e.done ? '\n' : ''}`) } : {}),
    });
    return result;
  } catch (e) {
    if (e instanceof ClusterSourceError) throw new UsageError(e.message);
    throw e;
  }
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
