/** Kubeconfig resolution (kubectl precedence and merge rules) and the authenticated connection it yields. */

import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { homedir } from 'node:os';
import path from 'node:path';
import type { Cluster, Context, KubeConfig, User } from '@kubernetes/client-node';
import { ClusterSourceError, displayUrl, redact } from './errors.js';

const SA_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** How to find and use a kubeconfig. */
export interface ConnectOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly insecureSkipTlsVerify?: boolean;
  /** Sockets kept per host; matches the request concurrency. */
  readonly maxSockets: number;
}

/** An authenticated way to talk to one API server. */
export interface Connection {
  /** Kubeconfig context name; objects are attributed to it. */
  readonly context: string;
  /** Server URL without credentials, for messages. */
  readonly server: string;
  readonly baseUrl: URL;
  readonly agent: http.Agent;
  /** Headers to send (Authorization, Impersonate-User). */
  headers(): Readonly<Record<string, string>>;
  /** `user:password` for basic auth, when configured. */
  basicAuth(): string | undefined;
  /** Re-runs the credential plugins (after a 401). */
  refresh(): Promise<void>;
  /**
   * Strings that must never appear in messages: every credential this connection has held (a token an
   * exec plugin returned stays here after a refresh replaces it).
   */
  secrets(): readonly string[];
  close(): void;
}

/** Loads the kubeconfig, selects the context and prepares TLS and credentials. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const { KubeConfig: KubeConfigClass } = await import('@kubernetes/client-node');
  const kc = new KubeConfigClass();
  loadInto(kc, options.kubeconfig);

  const contextName = options.context ?? kc.getCurrentContext();
  if (!contextName) {
    throw new ClusterSourceError(`kubeconfig has no current context; pass --context (available: ${contextList(kc)})`);
  }
  const ctx = kc.getContextObject(contextName);
  if (!ctx) {
    throw new ClusterSourceError(`context "${contextName}" not found in kubeconfig (available: ${contextList(kc)})`, contextName);
  }
  kc.setCurrentContext(contextName);
  const cluster = kc.getCluster(ctx.cluster);
  if (!cluster || !cluster.server) {
    throw new ClusterSourceError(`context "${contextName}" refers to cluster "${ctx.cluster}", which is missing or has no server`, contextName);
  }
  const server = displayUrl(cluster.server);
  let baseUrl: URL;
  try {
    baseUrl = new URL(cluster.server);
  } catch {
    throw new ClusterSourceError(`context "${contextName}" has an invalid server URL ${server}`, contextName, server);
  }
  const plainHttp = baseUrl.protocol === 'http:';
  if (options.insecureSkipTlsVerify || plainHttp) {
    // client-node refuses http:// servers unless TLS verification is off; for http it means nothing.
    kc.clusters = kc.clusters.map((c: Cluster) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
  }
  const user = kc.getUser(ctx.user);
  const secrets = new Set(userSecrets(user));

  let current: https.RequestOptions = {};
  const apply = async (from: KubeConfig): Promise<https.RequestOptions> => {
    const opts: https.RequestOptions = {};
    try {
      await from.applyToHTTPSOptions(opts);
    } catch (err) {
      throw new ClusterSourceError(`cannot get credentials for context "${contextName}" (${server}): ${redact(errorMessage(err), [...secrets])}`, contextName, server);
    }
    for (const s of appliedSecrets(opts)) secrets.add(s);
    return opts;
  };
  current = await apply(kc);

  let agent: http.Agent;
  if (cluster.proxyUrl && current.agent instanceof http.Agent) {
    agent = current.agent;
  } else if (plainHttp) {
    agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  } else {
    agent = new https.Agent({
      keepAlive: true,
      maxSockets: options.maxSockets,
      ca: current.ca,
      cert: current.cert,
      key: current.key,
      pfx: current.pfx,
      passphrase: current.passphrase,
      servername: current.servername,
      rejectUnauthorized: options.insecureSkipTlsVerify ? false : (current.rejectUnauthorized ?? true),
    });
  }

  return {
    context: contextName,
    server,
    baseUrl,
    agent,
    headers: () => stringHeaders(current.headers),
    basicAuth: () => (typeof current.auth === 'string' ? current.auth : undefined),
    refresh: async () => {
      // A fresh KubeConfig has fresh authenticators: exec plugins run again instead of answering from cache.
      const fresh = new KubeConfigClass();
      fresh.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: kc.currentContext });
      current = await apply(fresh);
    },
    secrets: () => [...secrets],
    close: () => agent.destroy(),
  };
}

/** kubectl precedence: explicit path, then KUBECONFIG (merged, first wins), then ~/.kube/config, then in-cluster. */
function loadInto(kc: KubeConfig, explicit: string | undefined): void {
  if (explicit) {
    loadFile(kc, explicit);
    return;
  }
  const env = process.env.KUBECONFIG;
  if (env) {
    const files = env.split(path.delimiter).filter((f) => f !== '' && existsSync(f));
    if (files.length === 0) throw new ClusterSourceError(`none of the files in KUBECONFIG exist: ${env}`);
    mergeFiles(kc, files);
    return;
  }
  const home = path.join(process.env.HOME || homedir(), '.kube', 'config');
  if (existsSync(home)) {
    loadFile(kc, home);
    return;
  }
  if (process.env.KUBERNETES_SERVICE_HOST && existsSync(SA_TOKEN)) {
    kc.loadFromCluster();
    return;
  }
  throw new ClusterSourceError('no kubeconfig found: pass --kubeconfig, set KUBECONFIG, create ~/.kube/config, or run inside a cluster');
}

function loadFile(kc: KubeConfig, file: string): void {
  try {
    kc.loadFromFile(file, { onInvalidEntry: 'filter' });
  } catch (err) {
    // YAML errors quote the offending line, which may hold a token: report only the reason.
    throw new ClusterSourceError(`cannot load kubeconfig ${file}: ${yamlReason(err)}`);
  }
}

/** Merges kubeconfig files the way kubectl does: the first file to define a name or current-context wins. */
function mergeFiles(kc: KubeConfig, files: readonly string[]): void {
  const clusters: Cluster[] = [];
  const users: User[] = [];
  const contexts: Context[] = [];
  let currentContext = '';
  for (const file of files) {
    const one = new (kc.constructor as new () => KubeConfig)();
    loadFile(one, file);
    for (const c of one.clusters ?? []) if (!clusters.some((x) => x.name === c.name)) clusters.push(c);
    for (const u of one.users ?? []) if (!users.some((x) => x.name === u.name)) users.push(u);
    for (const c of one.contexts ?? []) if (!contexts.some((x) => x.name === c.name)) contexts.push(c);
    if (!currentContext && one.currentContext) currentContext = one.currentContext;
  }
  kc.loadFromOptions({ clusters, users, contexts, currentContext });
}

function contextList(kc: KubeConfig): string {
  const names = (kc.contexts ?? []).map((c) => c.name).sort();
  return names.length > 0 ? names.join(', ') : 'none';
}

function userSecrets(user: User | null): string[] {
  if (!user) return [];
  return [user.token, user.password, user.keyData, user.certData].filter((s): s is string => typeof s === 'string');
}

/**
 * The credentials applied to requests: the Authorization header's credential (a static token or what
 * an exec plugin returned), basic auth as `user:password` and as the base64 the header carries, and
 * client key and certificate material (from files or an exec plugin).
 */
function appliedSecrets(opts: https.RequestOptions): string[] {
  const out: string[] = [];
  const auth = stringHeaders(opts.headers).Authorization;
  if (auth) out.push(auth.replace(/^\S+\s+/, ''));
  if (typeof opts.auth === 'string') out.push(opts.auth, Buffer.from(opts.auth).toString('base64'));
  for (const pem of [opts.key, opts.cert]) if (typeof pem === 'string' || Buffer.isBuffer(pem)) out.push(String(pem).trim());
  return out;
}

function stringHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h && typeof h === 'object' && !Array.isArray(h)) {
    for (const [k, v] of Object.entries(h as Record<string, unknown>)) {
      if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
      else if (Array.isArray(v)) out[k] = v.map(String).join(', ');
    }
  }
  return out;
}

function yamlReason(err: unknown): string {
  const e = err as { reason?: unknown; mark?: { line?: number; column?: number }; code?: unknown };
  if (typeof e?.reason === 'string') {
    const line = typeof e.mark?.line === 'number' ? ` at line ${e.mark.line + 1}` : '';
    return `invalid YAML: ${e.reason}${line}`;
  }
  if (e?.code === 'ENOENT') return 'file not found';
  return errorMessage(err).split(/\r?\n/, 1)[0] ?? 'unknown error';
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
