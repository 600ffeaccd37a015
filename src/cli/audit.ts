/** Shared pipeline of `scan` and `baseline`: config → sources → model → engine. */
import { parseConfigText, resolveConfig, type EffectiveConfig } from '../engine/config.js';
import { parseBaseline } from '../engine/baseline.js';
import { defaultRegistry } from '../engine/registry.js';
import type { AuditResult } from '../engine/result.js';
import { runAudit } from '../engine/run.js';
import { ModelBuilder, normalize, type NormalizeOptions, type NormalizeResult } from '../model/normalize.js';
import { buildAddressPlan } from '../model/address-plan.js';
import { readConfigFile, readUserFile } from '../sources/config-file.js';
import { StreamAbort } from '../sources/json-list-stream.js';
import { loadManifests, streamManifests } from '../sources/manifests.js';
import { ClusterSourceError, loadCluster, type ClusterProgress, type ClusterSourceResult } from '../sources/cluster.js';
import { isSnapshotDocument, splitSnapshots, type LoadedSnapshot } from '../sources/snapshot.js';
import { openSnapshotStream, type StreamedSnapshot } from '../sources/snapshot-stream.js';
import { expandInputs } from '../sources/manifest-files.js';
import type { InputError, InputNotice, RawObject, SourceResult } from '../sources/types.js';
import type { ClusterModel } from '../model/types.js';
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
  readonly externalCidr?: string[];
  readonly baseline?: string;
  readonly kubeconfig?: string;
  readonly context?: string[];
  readonly namespace?: string[];
  readonly allNamespaces?: boolean;
  readonly requestTimeout?: string;
  readonly chunkSize?: string;
  readonly insecureSkipTlsVerify?: boolean;
  readonly quiet?: boolean;
  /** `--connected`: the audited clusters are connected (DS204 overlaps are errors). */
  readonly connected?: boolean;
  /** `--strict`: incomplete coverage (a forbidden collection) exits 2. */
  readonly strict?: boolean;
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
    externalCidrs: opts.externalCidr,
    connected: opts.connected,
  });
}

/** kubectl-style durations: `30s`, `2m`, `500ms`, or a bare number of seconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new UsageError(`--request-timeout: invalid duration "${text}" (e.g. 30s, 2m)`);
  const n = Number(m[1]);
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h']);
}

function parseChunkSize(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--chunk-size: expected a positive whole number, got "${text}"`);
  return n;
}

/** One input to audit on its own: a live cluster, a snapshot, or the whole manifest set (no cluster name). */
interface LoadedInput {
  readonly cluster?: string;
  /** `gitVersion` of the API server (live reads and snapshots). */
  readonly serverVersion?: string;
  readonly source: SourceResult;
  /** A live cluster is normalized page by page while it is read; its model arrives ready. */
  readonly built?: NormalizeResult;
}

function namespacesOf(opts: AuditOptions): string[] {
  return opts.allNamespaces ? [] : (opts.namespace ?? []).flatMap((n) => n.split(',')).map((n) => n.trim()).filter(Boolean);
}

/** Namespace names are DNS-1123 labels (k8s.io/apimachinery ValidateNamespaceName). */
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The live flags' values, checked whatever is scanned: a typo is a usage error even when -f leaves them unused. */
function liveSettings(opts: AuditOptions): { requestTimeoutMs?: number; pageSize?: number; namespaces: string[] } {
  const namespaces = namespacesOf(opts);
  const bad = namespaces.find((n) => !NAMESPACE_NAME.test(n));
  if (bad !== undefined) throw new UsageError(`--namespace: "${bad}" is not a namespace name (lowercase letters, digits and "-", at most 63)`);
  return {
    namespaces,
    ...(opts.requestTimeout !== undefined ? { requestTimeoutMs: parseDuration(opts.requestTimeout) } : {}),
    ...(opts.chunkSize !== undefined ? { pageSize: parseChunkSize(opts.chunkSize) } : {}),
  };
}

/** Reads one kubeconfig context (the current one when `context` is undefined); exit 2 with one line when it cannot. */
export async function readCluster(
  io: CliIO,
  opts: AuditOptions,
  context: string | undefined,
  label = false,
  onObjects?: (objects: RawObject[]) => void,
): Promise<ClusterSourceResult> {
  const { namespaces, requestTimeoutMs, pageSize } = liveSettings(opts);
  const progress = !opts.quiet && io.stderrIsTTY;
  const prefix = label && context ? `${context}: ` : '';
  try {
    return await loadCluster({
      ...(opts.kubeconfig ? { kubeconfig: opts.kubeconfig } : {}),
      ...(context ? { context } : {}),
      ...(namespaces.length ? { namespaces } : {}),
      ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
      ...(pageSize !== undefined ? { pageSize } : {}),
      insecureSkipTlsVerify: Boolean(opts.insecureSkipTlsVerify),
      ...(onObjects ? { onObjects } : {}),
      ...(progress ? { onProgress: (e: ClusterProgress) => io.writeErr(`\r\x1b[K${prefix}${e.resource}${e.namespace ? ` (${e.namespace})` : ''}: ${e.objects} objects, ${e.pages} pages${e.done ? '\n' : ''}`) } : {}),
    });
  } catch (e) {
    if (e instanceof ClusterSourceError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * Yields what to audit, one model's worth at a time so each can be normalized and dropped before the
 * next is read: the manifest set, each snapshot file, or each live context (read one after another).
 */
async function* loadInputs(io: CliIO, opts: AuditOptions, config: EffectiveConfig, found: StreamedSnapshots | undefined): AsyncGenerator<LoadedInput> {
  const files = opts.filename ?? [];
  const contexts = [...new Set(opts.context ?? [])];
  if (files.length > 0) {
    if (contexts.length > 0) throw new UsageError('--context reads a live cluster and -f reads files; use one or the other');
    const split = splitSnapshots(await loadManifests(found ? found.rest : files, { cwd: io.cwd, readStdin: io.readStdin }));
    const loaded = split.snapshots;
    const manifests = found
      ? { ...split.manifests, errors: [...found.errors, ...split.manifests.errors], notices: [...found.notices, ...split.manifests.notices] }
      : split.manifests;
    const snapshots: Array<LoadedSnapshot | StreamedSnapshot> = [...loaded, ...(found?.streamed ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    if (snapshots.length === 0) {
      yield { source: manifests };
      return;
    }
    const stray = manifests.objects[0];
    if (stray) {
      const where = stray.origin.kind === 'file' ? stray.origin.file : stray.origin.cluster;
      throw new UsageError(`${where}: a cluster snapshot (${snapshots[0].file}) cannot be scanned together with manifests; scan them separately`);
    }
    const seen = new Map<string, string>();
    for (const snap of snapshots) {
      const other = seen.get(snap.metadata.cluster);
      if (other !== undefined) throw new UsageError(`${other} and ${snap.file} are both snapshots of cluster "${snap.metadata.cluster}"; scan them separately`);
      seen.set(snap.metadata.cluster, snap.file);
    }
    // Load errors and notices of the files belong to no cluster in particular: report them once, with the first.
    let first = true;
    for (const snap of snapshots) {
      const version = snap.metadata.serverVersion;
      const input = { cluster: snap.metadata.cluster, ...(version !== undefined ? { serverVersion: version } : {}) };
      let loadedInput: LoadedInput;
      if ('source' in snap) loadedInput = { ...input, source: snap.source };
      else {
        // Normalized while it is read, like a live cluster: the raw objects never accumulate.
        const source: SourceResult = { objects: [], errors: snap.errors, notices: [], availability: snap.availability };
        const builder = new ModelBuilder(normalizeOptions(config, { ...input, source }));
        for (const raw of snap.objects()) builder.add(raw);
        loadedInput = { ...input, source, built: builder.build() };
      }
      const { source } = loadedInput;
      const extra = first ? { errors: [...manifests.errors, ...source.errors], notices: [...manifests.notices, ...source.notices] } : {};
      first = false;
      yield { ...loadedInput, source: { ...source, ...extra } };
    }
    return;
  }
  const several = contexts.length > 1;
  for (const context of contexts.length > 0 ? contexts : [undefined]) {
    const builder = new ModelBuilder(normalizeOptions(config, { source: { objects: [], errors: [], notices: [] } }));
    const result = await readCluster(io, opts, context, several, (objects) => {
      for (const raw of objects) builder.add(raw);
    });
    const built = builder.build({
      cluster: result.clusterName,
      ...(result.availability ? { availability: result.availability } : {}),
      ...(result.serverVersion !== undefined ? { serverVersion: result.serverVersion } : {}),
    });
    // Pages arrive in whatever order the server answers: sort what they produced.
    const errors = [...built.errors].sort((a, b) => (a.file === b.file ? (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) : a.file < b.file ? -1 : 1));
    yield { cluster: result.clusterName, source: result, built: { model: built.model, errors } };
  }
}

function severalClustersOverrides(): UsageError {
  return new UsageError('--service-cidr/--pod-cidr (and serviceCidrs/podCidrs in the config) describe one cluster; they cannot be used when scanning several');
}

interface StreamedSnapshots {
  readonly streamed: readonly StreamedSnapshot[];
  /** The other inputs, for the manifest loader. */
  readonly rest: readonly string[];
  /** Inputs that could not be found or listed. */
  readonly errors: readonly InputError[];
  /** What listing the inputs skipped (linked directories). */
  readonly notices: readonly InputNotice[];
}

/**
 * The inputs that are large snapshots in dsaudit's own layout (read line by line, see
 * snapshot-stream.ts) and the other inputs; undefined when there are none.
 */
async function findStreamedSnapshots(inputs: readonly string[], cwd: string): Promise<StreamedSnapshots | undefined> {
  const errors: InputError[] = [];
  const notices: InputNotice[] = [];
  const files = await expandInputs(inputs.filter((i) => i !== '-'), cwd, errors, notices);
  const streamed: StreamedSnapshot[] = [];
  const rest: string[] = [];
  for (const file of files) {
    let snap: StreamedSnapshot | undefined;
    try {
      snap = openSnapshotStream(file);
    } catch {
      snap = undefined; // unreadable: the manifest loader reports it
    }
    if (snap) streamed.push(snap);
    else rest.push(file.display);
  }
  if (inputs.includes('-')) rest.push('-');
  return streamed.length > 0 ? { streamed, rest, errors, notices } : undefined;
}

/** Every audited cluster (or the manifest set) normalized into its own model, with the effective config. */
export interface LoadedModels {
  readonly config: EffectiveConfig;
  readonly models: readonly ClusterModel[];
  readonly inputErrors: readonly InputError[];
  readonly notices: readonly InputNotice[];
}

function normalizeOptions(config: EffectiveConfig, input: LoadedInput): NormalizeOptions {
  return {
    target: config.target,
    overrides: { serviceCidrs: config.serviceCidrs, podCidrs: config.podCidrs, externalNetworks: config.externalNetworks },
    ...(input.cluster !== undefined ? { cluster: input.cluster } : {}),
    ...(input.serverVersion !== undefined ? { serverVersion: input.serverVersion } : {}),
    ...(input.source.availability ? { availability: input.source.availability } : {}),
  };
}

/**
 * Manifest files (no stdin, no snapshot among them) normalized while they are read, so one file's
 * text is in memory at a time instead of every file and every raw object: what lets a dump of a
 * 150,000-pod cluster be scanned in about the memory JSON.parse of its largest file needs. Same
 * model, errors and notices as loadInputs; undefined when that path must be taken instead (other
 * inputs, a snapshot document, or a file found invalid half-way through streaming).
 */
async function streamFileModel(io: CliIO, opts: AuditOptions, config: EffectiveConfig): Promise<LoadedModels | undefined> {
  const files = opts.filename ?? [];
  if (files.length === 0 || files.includes('-') || (opts.context ?? []).length > 0) return undefined;
  const stream = await streamManifests(files, { cwd: io.cwd });
  const builder = new ModelBuilder(normalizeOptions(config, { source: { objects: [], errors: [], notices: [] } }));
  try {
    for await (const objects of stream.files) {
      for (const raw of objects) {
        if (isSnapshotDocument(raw)) throw new StreamAbort(raw.origin.kind === 'file' ? raw.origin.file : raw.origin.cluster);
        builder.add(raw);
      }
    }
    const { model, errors } = builder.build();
    return { config, models: [model], inputErrors: [...stream.errors, ...errors], notices: stream.notices };
  } catch (e) {
    if (e instanceof StreamAbort) return undefined;
    throw e;
  }
}

/** Config → sources → models: the pipeline `scan`, `baseline` and `cidrs` share. */
export async function loadModels(io: CliIO, opts: AuditOptions): Promise<LoadedModels> {
  liveSettings(opts);
  const config = await loadConfig(io, opts);
  if (new Set(opts.context ?? []).size > 1 && (config.serviceCidrs.length > 0 || config.podCidrs.length > 0)) throw severalClustersOverrides();
  // Large snapshots are read line by line on the per-cluster path; everything else may stream as one manifest set.
  const files = opts.filename ?? [];
  const found = files.length > 0 ? await findStreamedSnapshots(files, io.cwd) : undefined;
  const streamed = found ? undefined : await streamFileModel(io, opts, config);
  if (streamed) return streamed;
  const models: ClusterModel[] = [];
  const inputErrors: InputError[] = [];
  const notices: InputNotice[] = [];
  for await (const input of loadInputs(io, opts, config, found)) {
    const { source } = input;
    if (models.length > 0 && (config.serviceCidrs.length > 0 || config.podCidrs.length > 0)) throw severalClustersOverrides();
    // Each cluster gets its own model: ranges, families and objects never mix across clusters.
    const { model, errors } = input.built ?? normalize(source.objects, normalizeOptions(config, input));
    models.push(model);
    inputErrors.push(...source.errors, ...errors);
    notices.push(...source.notices);
  }
  return { config, models, inputErrors, notices };
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
  return { result: { ...result, addressPlan: buildAddressPlan(models) }, config };
}
