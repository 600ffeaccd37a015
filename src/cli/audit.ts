/** What `scan`, `baseline` and `cidrs` share: flags → config and input request → models → engine → derived views. */
import { parseConfigText, resolveConfig, type EffectiveConfig } from '../engine/config.js';
import { parseBaseline } from '../engine/baseline.js';
import { defaultRegistry } from '../engine/registry.js';
import type { AuditResult } from '../engine/result.js';
import { runAudit } from '../engine/run.js';
import { buildAddressPlan } from '../plan/address-plan.js';
import { buildTeamMap } from '../plan/teams.js';
import type { DerivedViews } from '../report/index.js';
import { endPhase } from '../model/phases.js';
import type { ClusterModel } from '../model/types.js';
import { readConfigFile, readUserFile } from '../sources/config-file.js';
import { parseEnvoyDumpFlag, type EnvoyDumpRequest } from '../sources/envoy-dump-files.js';
import { parseHelmValuesFlag, type HelmValuesRequest } from '../sources/helm-values.js';
import { loadModels as load, type InputRequest, type LoadedModels } from '../sources/load.js';
import { ClusterSourceError, type ClusterProgress, type ClusterSourceOptions } from '../sources/cluster.js';
import type { CliIO } from './io.js';
import { UsageError } from './io.js';
import { deadlineError, startDeadline, type LiveDeadline } from './deadline.js';
import { parseDuration } from './duration.js';

/** The input flags every reading command shares (public interface: extend, never rename). */
export interface InputOptions {
  readonly filename?: string[];
  readonly config?: string;
  readonly serviceCidr?: string[];
  readonly podCidr?: string[];
  readonly externalCidr?: string[];
  readonly envoyDump?: string[];
  readonly helmValues?: string[];
  readonly meshListeners?: boolean;
  readonly meshListenersPerWorkload?: string;
  readonly kubeconfig?: string;
  readonly context?: string[];
  readonly namespace?: string[];
  readonly allNamespaces?: boolean;
  readonly requestTimeout?: string;
  /** `--timeout`: bound for the whole live read. */
  readonly timeout?: string;
  readonly chunkSize?: string;
  /** `--max-configmaps`: how many of the ConfigMaps the pods reference are read by name. */
  readonly maxConfigmaps?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly quiet?: boolean;
}

/** Input flags plus the rule and gate flags of `scan` and `baseline`. */
export interface AuditOptions extends InputOptions {
  readonly enable?: string[];
  readonly disable?: string[];
  readonly severity?: string[];
  readonly failOn?: string;
  readonly target?: string;
  /** `--rollback-to ipv4|ipv6`: the family kept. */
  readonly rollbackTo?: string;
  /** `--new-primary ipv4|ipv6`. */
  readonly newPrimary?: string;
  readonly baseline?: string;
  /** `--connected`: the audited clusters are connected (DS204 overlaps are errors). */
  readonly connected?: boolean;
  /** `--strict`: incomplete coverage (a forbidden collection) exits 2. */
  readonly strict?: boolean;
  /** `scan --team-label`: the Namespace label naming a team; builds the `teams` view. */
  readonly teamLabel?: string;
}

export interface AuditRun {
  readonly result: AuditResult;
  readonly config: EffectiveConfig;
  /** Views derived from the same models, for the formats that show them. */
  readonly views: DerivedViews;
  /** The models audited, for commands that derive a view of their own (`plan`). */
  readonly models: readonly ClusterModel[];
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
    rollbackTo: opts.rollbackTo,
    newPrimary: opts.newPrimary,
    serviceCidrs: opts.serviceCidr,
    podCidrs: opts.podCidr,
    externalCidrs: opts.externalCidr,
    connected: opts.connected,
  });
}

function meshListenerOptions(opts: InputOptions): Pick<ClusterSourceOptions, 'meshListeners'> {
  const perText = opts.meshListenersPerWorkload;
  if (perText !== undefined && !opts.meshListeners) throw new UsageError('--mesh-listeners-per-workload needs --mesh-listeners');
  if (!opts.meshListeners) return {};
  const per = perText === undefined ? 1 : Number(perText);
  if (!Number.isInteger(per) || per < 1) throw new UsageError(`--mesh-listeners-per-workload: expected a positive whole number, got "${perText}"`);
  return { meshListeners: { perWorkload: per } };
}

function parseMaxConfigMaps(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--max-configmaps: expected a whole number, 0 or more, got "${text}"`);
  return n;
}

function parseChunkSize(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--chunk-size: expected a positive whole number, got "${text}"`);
  return n;
}

/** The namespaces of `-n` (repeatable, comma-separated); empty for all (`-A`, or none given). */
export function namespacesOf(opts: InputOptions): string[] {
  return opts.allNamespaces ? [] : (opts.namespace ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
}

/** Namespace names are DNS-1123 labels (k8s.io/apimachinery ValidateNamespaceName). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** How live clusters are read, from the live flags; the flags are checked whatever the source, so a typo is a usage error even when -f leaves them unused. */
export function liveOptions(opts: InputOptions, deadline?: LiveDeadline): Omit<ClusterSourceOptions, 'context' | 'onObjects' | 'onProgress'> {
  const namespaces = namespacesOf(opts);
  const bad = namespaces.find((n) => !NAMESPACE_NAME.test(n));
  if (bad !== undefined) throw new UsageError(`--namespace: "${bad}" is not a namespace name (lowercase letters, digits and "-", at most 63)`);
  return {
    ...(deadline ? { signal: deadline.signal } : {}),
    ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}),
    ...(namespaces.length ? { namespaces } : {}),
    ...(opts.requestTimeout !== undefined ? { requestTimeoutMs: parseDuration(opts.requestTimeout) } : {}),
    ...(opts.chunkSize !== undefined ? { pageSize: parseChunkSize(opts.chunkSize) } : {}),
    ...(opts.maxConfigmaps !== undefined ? { maxConfigMaps: parseMaxConfigMaps(opts.maxConfigmaps) } : {}),
    ...meshListenerOptions(opts),
    insecureSkipTlsVerify: Boolean(opts.insecureSkipTlsVerify),
  };
}

/** Live-read progress on stderr, only on a terminal and without `-q`; prefixed by the context when several are read. */
export function progressPrinter(io: CliIO, opts: InputOptions): ((context: string | undefined, e: ClusterProgress) => void) | undefined {
  if (opts.quiet || !io.stderrIsTTY) return undefined;
  const several = new Set(opts.context ?? []).size > 1;
  return (context, e) => {
    const prefix = several && context ? `${context}: ` : '';
    io.writeErr(`\r\x1b[K${prefix}${e.resource}${e.namespace ? ` (${e.namespace})` : ''}: ${e.objects} objects, ${e.pages} pages${e.done ? '\n' : ''}`);
  };
}

/** The flags as an input request for src/sources/load.ts; `deadline` is the run's `--timeout`. */
export function inputRequest(io: CliIO, opts: InputOptions, config: EffectiveConfig, deadline?: LiveDeadline): InputRequest {
  const onProgress = progressPrinter(io, opts);
  return {
    files: opts.filename ?? [],
    contexts: opts.context ?? [],
    live: liveOptions(opts, deadline),
    cwd: io.cwd,
    readStdin: io.readStdin,
    normalize: {
      target: config.target,
      scenario: config.scenario,
      overrides: { serviceCidrs: config.serviceCidrs, podCidrs: config.podCidrs, externalNetworks: config.externalNetworks },
    },
    ...(opts.envoyDump && opts.envoyDump.length > 0 ? { envoyDumps: opts.envoyDump.map(envoyDumpRequest) } : {}),
    ...(opts.helmValues && opts.helmValues.length > 0 ? { helmValues: helmValuesRequests(opts.helmValues) } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
}

function helmValuesRequests(texts: readonly string[]): HelmValuesRequest[] {
  const out: HelmValuesRequest[] = [];
  for (const text of texts) {
    const r = parseHelmValuesFlag(text);
    if ('error' in r) throw new UsageError(r.error);
    if (out.some((x) => x.chart === r.chart)) throw new UsageError(`--helm-values: one values file per chart (merge them first); ${r.chart} is given twice`);
    out.push(r);
  }
  return out;
}

function envoyDumpRequest(text: string): EnvoyDumpRequest {
  const r = parseEnvoyDumpFlag(text);
  if (!r) throw new UsageError(`--envoy-dump must be NAMESPACE/POD=FILE (got "${text}")`);
  return r;
}

/**
 * Runs a live read under the run's `--timeout`: when the deadline aborts it, the run ends with one
 * line naming the context that was still being read.
 */
export async function withDeadline<T>(deadline: LiveDeadline | undefined, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (deadline?.signal.aborted && e instanceof ClusterSourceError) throw deadlineError(deadline, e.context ?? 'current');
    throw e;
  }
}

/** Config → sources → models: what `scan`, `baseline` and `cidrs` read. */
export async function loadModels(io: CliIO, opts: AuditOptions): Promise<LoadedModels & { readonly config: EffectiveConfig }> {
  const config = await loadConfig(io, opts);
  const deadline = startDeadline(opts.timeout);
  return { config, ...(await withDeadline(deadline, () => load(inputRequest(io, opts, config, deadline)))) };
}

export async function audit(io: CliIO, opts: AuditOptions): Promise<AuditRun> {
  const baseline = opts.baseline ? parseBaseline(readUserFile(io.cwd, opts.baseline, 'baseline'), opts.baseline) : undefined;
  const { config, models, inputErrors, notices } = await loadModels(io, opts);
  const result = runAudit({
    models,
    rules: defaultRegistry().rules,
    config,
    ...(baseline ? { baseline } : {}),
    inputErrors,
    notices,
  });
  endPhase('findings');
  const views = { addressPlan: buildAddressPlan(models), ...(opts.teamLabel !== undefined ? { teams: buildTeamMap(models, opts.teamLabel) } : {}) };
  endPhase('views');
  return { result, config, views, models };
}
