/**
 * Loading: an input request (files, stdin, snapshots, live contexts, range overrides) → one
 * normalized model per audited cluster, or one for the whole manifest set. Every input goes through
 * the same ModelBuilder path, and each file is opened once.
 */
import { readEnvoyDumps, type EnvoyDumpRequest } from './envoy-dump-files.js';
import { readHelmValues, type HelmValuesRequest } from './helm-values.js';
import { ModelBuilder, type NormalizeOptions, type NormalizeResult } from '../model/normalize.js';
import { endPhase, phasesEnabled, within } from '../model/phases.js';
import type { InputError, InputNotice, RawObject } from '../model/input.js';
import type { ClusterModel } from '../model/types.js';
import { loadCluster, type ClusterProgress, type ClusterSourceOptions } from './cluster.js';
import { StreamAbort } from './json-list-stream.js';
import { streamInputs } from './manifests.js';
import { isSnapshotDocument, readSnapshot, type LoadedSnapshot } from './snapshot.js';
import type { StreamedSnapshot } from './snapshot-stream.js';

/** What to read, as the user asked for it: no command-line options, only their meaning. */
export interface InputRequest {
  /** Files and directories; `-` is stdin. */
  readonly files: readonly string[];
  /** Kubeconfig contexts to read live; empty with no files means the current context. */
  readonly contexts: readonly string[];
  /** How live clusters are read (kubeconfig, namespaces, timeouts, page size, TLS). */
  readonly live: Omit<ClusterSourceOptions, 'context' | 'onObjects' | 'onProgress'>;
  readonly cwd: string;
  readonly readStdin?: () => Promise<string>;
  /** The target, the scenario and the user's range declarations (which describe one cluster). */
  readonly normalize: Pick<NormalizeOptions, 'target' | 'scenario' | 'overrides'>;
  /** `--envoy-dump NS/POD=FILE`: Envoy listener dumps of named Pods, audited with the files or the one live cluster. */
  readonly envoyDumps?: readonly EnvoyDumpRequest[];
  /** `--helm-values CHART=FILE`: Helm values of a chart dsaudit reads (Cilium), audited with the files or each live cluster. */
  readonly helmValues?: readonly HelmValuesRequest[];
  /** Progress of a live read; `context` is undefined for the current context. */
  readonly onProgress?: (context: string | undefined, e: ClusterProgress) => void;
}

/** Every audited cluster (or the manifest set) normalized into its own model. */
export interface LoadedModels {
  readonly models: readonly ClusterModel[];
  readonly inputErrors: readonly InputError[];
  readonly notices: readonly InputNotice[];
}

/** A request that cannot be carried out as given (exit 2 with its one-line message). */
export class LoadError extends Error {
  override readonly name = 'LoadError';
}

export async function loadModels(request: InputRequest): Promise<LoadedModels> {
  const contexts = [...new Set(request.contexts)];
  const overrides = request.normalize.overrides;
  const declaresRanges = (overrides?.serviceCidrs?.length ?? 0) > 0 || (overrides?.podCidrs?.length ?? 0) > 0;
  if (request.files.length > 0 && contexts.length > 0) throw new LoadError('--context reads a live cluster and -f reads files; use one or the other');
  if (contexts.length > 1 && declaresRanges) throw severalClustersOverrides();
  if ((request.envoyDumps?.length ?? 0) > 0 && contexts.length > 1) throw new LoadError('--envoy-dump names Pods of one cluster; it cannot be used when scanning several');
  const loaded = request.files.length > 0 ? await loadFiles(request) : await loadContexts(request, contexts);
  if (loaded.models.length > 1 && declaresRanges) throw severalClustersOverrides();
  return loaded;
}

function severalClustersOverrides(): LoadError {
  return new LoadError('--service-cidr/--pod-cidr (and serviceCidrs/podCidrs in the config) describe one cluster; they cannot be used when scanning several');
}

function builderFor(request: InputRequest, cluster?: { readonly name: string; readonly serverVersion?: string }): ModelBuilder {
  return new ModelBuilder({
    ...request.normalize,
    ...(cluster ? { cluster: cluster.name } : {}),
    ...(cluster?.serverVersion !== undefined ? { serverVersion: cluster.serverVersion } : {}),
  });
}

/** Adds one object to the model; its time is the profile's `normalize` phase when profiling. */
function addObject(builder: ModelBuilder, raw: RawObject): void {
  if (phasesEnabled()) within('normalize', () => builder.add(raw));
  else builder.add(raw);
}

/** A snapshot's model: its cluster, coverage and recorded errors, normalized from its items. */
interface SnapshotModel {
  readonly file: string;
  readonly cluster: string;
  readonly built: NormalizeResult;
  /** What the live read recorded, then (streamed) header and item problems. */
  readonly errors: readonly InputError[];
  /** Notices the live read recorded. */
  readonly notices: readonly InputNotice[];
}

function snapshotModel(request: InputRequest, snap: LoadedSnapshot | StreamedSnapshot): SnapshotModel {
  const { cluster, serverVersion } = snap.metadata;
  const builder = builderFor(request, { name: cluster, ...(serverVersion !== undefined ? { serverVersion } : {}) });
  const objects = 'source' in snap ? snap.source.objects : snap.objects();
  for (const raw of objects) addObject(builder, raw);
  const availability = 'source' in snap ? (snap.source.availability ?? {}) : snap.availability;
  endPhase('read+parse');
  const built = builder.build({ availability });
  endPhase('build');
  // A streamed snapshot's item problems are known once its items have been read (above).
  return { file: snap.file, cluster, built, errors: 'source' in snap ? snap.source.errors : snap.errors, notices: 'source' in snap ? snap.source.notices : snap.notices };
}

/**
 * Files and stdin: the manifest set normalized as it is read (one file's text in memory at a time),
 * each snapshot into a model of its own. A file found invalid half-way through item-by-item reading
 * is read again, whole.
 */
async function loadFiles(request: InputRequest): Promise<LoadedModels> {
  try {
    return await readFiles(request, {});
  } catch (e) {
    if (e instanceof StreamAbort) return readFiles(request, { streamMinBytes: Infinity });
    throw e;
  }
}

async function readFiles(request: InputRequest, limits: { readonly streamMinBytes?: number }): Promise<LoadedModels> {
  const stream = await streamInputs(request.files, { cwd: request.cwd, ...(request.readStdin ? { readStdin: request.readStdin } : {}), ...limits });
  const manifests = builderFor(request);
  let stray: RawObject | undefined;
  const snapshots: SnapshotModel[] = [];
  const snapshotErrors: InputError[] = [];
  for await (const input of stream.inputs) {
    if (input.kind === 'snapshot') {
      snapshots.push(snapshotModel(request, input.snapshot));
      continue;
    }
    for (const raw of input.objects) {
      if (!isSnapshotDocument(raw)) {
        stray ??= raw;
        addObject(manifests, raw);
        continue;
      }
      const read = readSnapshot(raw);
      snapshotErrors.push(...read.errors);
      if (read.snapshot) snapshots.push(snapshotModel(request, read.snapshot));
    }
  }
  // Problems of the files themselves belong to no cluster in particular: they are reported once, first.
  const dumps = readEnvoyDumps(request.envoyDumps ?? [], request.cwd);
  for (const raw of dumps.objects) manifests.add(raw);
  const values = readHelmValues(request.helmValues ?? [], request.cwd);
  for (const raw of values.objects) manifests.add(raw);
  const fileErrors = [...stream.errors, ...snapshotErrors, ...dumps.errors, ...values.errors];
  if (snapshots.length === 0) {
    endPhase('read+parse');
    const { model, errors, notices } = manifests.build();
    endPhase('build');
    return { models: [model], inputErrors: [...fileErrors, ...errors], notices: [...stream.notices, ...notices] };
  }
  snapshots.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  if (dumps.objects.length > 0) throw new LoadError('--envoy-dump cannot be combined with a cluster snapshot yet; scan the snapshot with -f and the dumps given by file name (<namespace>.<pod>.json)');
  if (values.objects.length > 0) throw new LoadError('--helm-values cannot be combined with a cluster snapshot yet; scan the values with the manifests or a live cluster');
  if (stray) {
    const where = stray.origin.kind === 'file' ? stray.origin.file : stray.origin.cluster;
    throw new LoadError(`${where}: a cluster snapshot (${snapshots[0].file}) cannot be scanned together with manifests; scan them separately`);
  }
  const seen = new Map<string, string>();
  for (const snap of snapshots) {
    const other = seen.get(snap.cluster);
    if (other !== undefined) throw new LoadError(`${other} and ${snap.file} are both snapshots of cluster "${snap.cluster}"; scan them separately`);
    seen.set(snap.cluster, snap.file);
  }
  return {
    models: snapshots.map((s) => s.built.model),
    inputErrors: [...fileErrors, ...snapshots.flatMap((s) => [...s.errors, ...s.built.errors])],
    notices: [...stream.notices, ...snapshots.flatMap((s) => [...s.notices, ...s.built.notices])],
  };
}

/** Live clusters, read one after another; each is normalized page by page while it is read. */
async function loadContexts(request: InputRequest, contexts: readonly string[]): Promise<LoadedModels> {
  const models: ClusterModel[] = [];
  const inputErrors: InputError[] = [];
  const notices: InputNotice[] = [];
  for (const context of contexts.length > 0 ? contexts : [undefined]) {
    const builder = builderFor(request);
    const dumps = readEnvoyDumps(request.envoyDumps ?? [], request.cwd);
    for (const raw of dumps.objects) builder.add(raw);
    inputErrors.push(...dumps.errors);
    const values = readHelmValues(request.helmValues ?? [], request.cwd);
    for (const raw of values.objects) builder.add(raw);
    inputErrors.push(...values.errors);
    const onProgress = request.onProgress;
    const result = await loadCluster({
      ...request.live,
      ...(context !== undefined ? { context } : {}),
      onObjects: (objects) => {
        for (const raw of objects) addObject(builder, raw);
      },
      ...(onProgress ? { onProgress: (e: ClusterProgress) => onProgress(context, e) } : {}),
    });
    endPhase('read+parse');
    const { model, errors, notices: understood } = builder.build({
      cluster: result.clusterName,
      ...(result.availability ? { availability: result.availability } : {}),
      ...(result.serverVersion !== undefined ? { serverVersion: result.serverVersion } : {}),
    });
    endPhase('build');
    models.push(model);
    // Pages arrive in whatever order the server answers: sort what they produced.
    const sorted = [...errors].sort((a, b) => (a.file === b.file ? (a.message < b.message ? -1 : a.message > b.message ? 1 : 0) : a.file < b.file ? -1 : 1));
    inputErrors.push(...result.errors, ...sorted);
    notices.push(...result.notices, ...understood);
  }
  return { models, inputErrors, notices };
}
