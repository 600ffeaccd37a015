/** A faithful-enough fake Kubernetes API server (HTTPS, list/get, pagination, Status errors, faults) for tests. */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { stringify } from 'yaml';

/** A resource the fake serves. */
export interface FakeResource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** Everything a real 1.33 cluster would serve that tests touch (Secrets included, to prove nobody reads them). */
export const FAKE_RESOURCES: readonly FakeResource[] = [
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', resource: 'servicecidrs', kind: 'ServiceCIDR', namespaced: false },
  { group: 'networking.k8s.io', version: 'v1beta1', resource: 'servicecidrs', kind: 'ServiceCIDR', namespaced: false },
  { group: 'gateway.networking.k8s.io', version: 'v1', resource: 'gateways', kind: 'Gateway', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration', namespaced: false },
  { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration', namespaced: false },
  { group: 'apiregistration.k8s.io', version: 'v1', resource: 'apiservices', kind: 'APIService', namespaced: false },
  // A CRD (the Istio operator's): served only where it is installed; the `absent` fault removes it.
  { group: 'install.istio.io', version: 'v1alpha1', resource: 'istiooperators', kind: 'IstioOperator', namespaced: true },
  { group: 'monitoring.coreos.com', version: 'v1', resource: 'servicemonitors', kind: 'ServiceMonitor', namespaced: true },
  { group: 'monitoring.coreos.com', version: 'v1', resource: 'podmonitors', kind: 'PodMonitor', namespaced: true },
  { group: 'monitoring.coreos.com', version: 'v1alpha1', resource: 'scrapeconfigs', kind: 'ScrapeConfig', namespaced: true },
];

/**
 * Faults for one resource. Keys of `FakeApiServerOptions.faults`: `pods`, `networking.k8s.io/servicecidrs`,
 * `networking.k8s.io/v1/servicecidrs`, `v1/pods` (most specific wins), or `/version`.
 * Counted faults (`fail500`, `tooMany.times`, `expireContinue`, `dropConnection`, `slow.times`) are used up.
 */
export interface Fault {
  /** 403 on every request for the resource. */
  forbid?: boolean;
  /** With `forbid`, the objects still allowed by name (an RBAC rule with `resourceNames`): a GET of one of these is answered. */
  allowNames?: string[];
  /** 403 only for requests in these namespaces. */
  forbidNamespaces?: string[];
  /** The API is not served: 404 and missing from discovery. */
  absent?: boolean;
  /** Answer 500 this many times. */
  fail500?: number;
  /** Answer 429 with Retry-After this many times. */
  tooMany?: { times: number; retryAfterSeconds: number };
  /** Answer 410 Expired to this many requests that carry a continue token. */
  expireContinue?: number;
  /** Delay responses; `times` undefined means every response. */
  slow?: { delayMs: number; times?: number };
  /** Destroy the socket without answering this many times. */
  dropConnection?: number;
  /** Send a list page's head (up to `"items":`) at once and the rest after this many ms. */
  holdListItemsMs?: number;
  /**
   * Put a decoy continue token first in a list page's metadata (a duplicate key: JSON.parse keeps
   * the real one, which follows), so a client reading tokens from the head of the body is misled.
   */
  decoyContinue?: string;
  /**
   * A list that never ends: a continued request is answered with its own page and, as its continue
   * token, the very token it carried (`same`) or a new token for the same place (`fresh`), forever.
   */
  loopContinue?: 'same' | 'fresh';
  /** Send a list page's head at once, then one byte of whitespace every this many ms, never the end. */
  trickleMs?: number;
}

export interface FakeApiServerOptions {
  /** Seed objects: full bodies with apiVersion, kind and metadata. */
  objects?: readonly Record<string, unknown>[];
  /** Bearer token accepted (default `FAKE_TOKEN`). */
  token?: string;
  faults?: Record<string, Fault>;
  /** gitVersion reported by /version (default v1.33.1). */
  gitVersion?: string;
  /** Basic-auth credentials accepted besides the token (kubeconfig `username`/`password`). */
  basicAuth?: { readonly username: string; readonly password: string };
  /**
   * Repeat the request's Authorization header, and the credential in it, in the message of every
   * error Status (401, 403, 500, …), as a misconfigured server or an authenticating proxy may do.
   */
  echoAuthorization?: boolean;
  /**
   * Backends behind the service proxy (`/api/v1/namespaces/NS/services/SCHEME:NAME:PORT/proxy/PATH`),
   * keyed `NS/SCHEME:NAME:PORT`: they answer with what the Service's pod would (a captured response).
   * The key with `forbid` in `faults` as `services/proxy` makes the API server refuse the subresource.
   */
  serviceProxy?: Record<string, (path: string, query: Readonly<Record<string, string>>) => { status: number; body: unknown }>;
}

/** One request as the fake saw it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Who authenticated: `token`, `basic:<user>`, `cert:<CN>` or `anonymous`. */
  readonly user: string;
  /** Set for resource requests. */
  readonly group?: string;
  readonly version?: string;
  readonly resource?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** `proxy` for the service proxy; RBAC sees the resource as `services/proxy`. */
  readonly subresource?: string;
  /** RBAC verb: `list` for collections, `get` for one object, `watch` with ?watch. */
  readonly verb?: 'list' | 'get' | 'watch';
  status?: number;
}

/** Test PKI: a CA, the server's cert, a client cert, and an unrelated CA. All PEM. */
export interface FakePki {
  readonly dir: string;
  readonly caCert: string;
  readonly caCertFile: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  readonly wrongCaCert: string;
}

export const FAKE_TOKEN = 'fake-token-5d41402abc4b2a76b9719d911017c592';
export const CLIENT_CERT_CN = 'dsaudit-cert-user';

let pkiCache: FakePki | undefined;

/** Creates (once per process) a CA, a server cert for 127.0.0.1/localhost, a client cert and a wrong CA with openssl. */
export function fakePki(): FakePki {
  if (pkiCache) return pkiCache;
  const dir = mkdtempSync(path.join(tmpdir(), 'dsaudit-pki-'));
  const f = (n: string): string => path.join(dir, n);
  const ossl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const caExt = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
  ossl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=fake-kubernetes-ca', ...caExt);
  ossl('req', '-x509', ...ec, '-keyout', 'wrong-ca.key', '-out', 'wrong-ca.crt', '-days', '2', '-subj', '/CN=fake-kubernetes-ca', ...caExt);
  writeFileSync(f('server.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n');
  writeFileSync(f('client.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\n');
  for (const [name, subj] of [
    ['server', '/CN=kube-apiserver'],
    ['client', `/O=dsaudit/CN=${CLIENT_CERT_CN}`],
  ] as const) {
    ossl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj);
    ossl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '2', '-extfile', `${name}.ext`);
  }
  const r = (n: string): string => readFileSync(f(n), 'utf8');
  pkiCache = {
    dir,
    caCert: r('ca.crt'),
    caCertFile: f('ca.crt'),
    serverCert: r('server.crt'),
    serverKey: r('server.key'),
    clientCert: r('client.crt'),
    clientKey: r('client.key'),
    wrongCaCert: r('wrong-ca.crt'),
  };
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return pkiCache;
}

interface Stored {
  readonly key: string; // `${namespace}/${name}` (etcd key order)
  readonly createdRv: number;
  readonly body: Record<string, unknown>;
}

interface ContinueToken {
  v: string;
  rv: number;
  start: string;
  /** Makes a `loopContinue: 'fresh'` token differ from the one before. */
  n?: number;
}

/** A list page already serialized, possibly sent in two parts (see `Fault.holdListItemsMs`) or never finished (`Fault.trickleMs`). */
class ListText {
  constructor(
    readonly text: string,
    readonly holdItemsMs: number | undefined,
    readonly trickleMs?: number,
  ) {}
}

/** The fake API server. Start with `FakeApiServer.start()`, stop with `close()`. */
export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  readonly pki: FakePki;
  readonly token: string;
  private readonly faults = new Map<string, Fault>();
  private readonly store = new Map<string, Map<string, Stored>>(); // `${group}/${resource}` → objects
  /** Each bucket in key order, built on first read after a change (large benchmark clusters list it per page). */
  private readonly sortedStore = new Map<string, Stored[]>();
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private rv = 1000;
  private port = 0;
  private events = 0;
  private inFlight = 0;
  /** Highest number of requests being answered at once. */
  maxInFlight = 0;

  private constructor(
    private readonly server: https.Server,
    private readonly options: FakeApiServerOptions,
  ) {
    this.pki = fakePki();
    this.token = options.token ?? FAKE_TOKEN;
    for (const [k, v] of Object.entries(options.faults ?? {})) this.faults.set(k, structuredClone(v));
    for (const o of options.objects ?? []) this.add(o);
  }

  static async start(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
    const pki = fakePki();
    const server = https.createServer({
      key: pki.serverKey,
      cert: pki.serverCert,
      ca: [pki.caCert],
      requestCert: true,
      rejectUnauthorized: false,
    });
    const fake = new FakeApiServer(server, options);
    server.on('request', (req, res) => fake.handle(req, res));
    server.on('secureConnection', (s) => {
      fake.sockets.add(s);
      s.on('close', () => fake.sockets.delete(s));
    });
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as net.AddressInfo).port;
    return fake;
  }

  /** `https://127.0.0.1:<port>` */
  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }

  /** Adds (or replaces) an object; it gets a resourceVersion and uid when missing. */
  add(obj: Record<string, unknown>): void {
    const apiVersion = String(obj.apiVersion ?? '');
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const def = FAKE_RESOURCES.find((r) => r.group === group && r.kind === obj.kind);
    if (!def) throw new Error(`fake apiserver: unknown kind ${apiVersion} ${String(obj.kind)}`);
    const meta = { ...((obj.metadata ?? {}) as Record<string, unknown>) };
    const rv = ++this.rv;
    meta.resourceVersion ??= String(rv);
    meta.uid ??= `uid-${rv}`;
    if (def.namespaced) meta.namespace ??= 'default';
    const key = `${def.namespaced ? String(meta.namespace) : ''}/${String(meta.name)}`;
    const bucket = this.store.get(`${group}/${def.resource}`) ?? new Map<string, Stored>();
    bucket.set(key, { key, createdRv: rv, body: { ...obj, metadata: meta } });
    this.store.set(`${group}/${def.resource}`, bucket);
    this.sortedStore.delete(`${group}/${def.resource}`);
  }

  /** Sets or replaces the fault for a key (see `Fault`). */
  setFault(key: string, fault: Fault): void {
    this.faults.set(key, structuredClone(fault));
  }

  /** Resource requests only, in arrival order. */
  resourceRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.resource !== undefined);
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t); // clears intervals too (Node's timers are one kind)
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'https://fake');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const route = parseRoute(url.pathname);
    const rec: RecordedRequest = {
      method: req.method ?? '',
      path: url.pathname,
      query,
      user: this.authenticate(req),
      ...(route ?? {}),
      verb: route ? (query.watch === 'true' || query.watch === '1' ? 'watch' : route.name !== undefined ? 'get' : 'list') : undefined,
      arrived: ++this.events,
    };
    this.requests.push(rec);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let counted = true;
    const done = (): void => {
      rec.finished ??= ++this.events;
      if (counted) this.inFlight--;
      counted = false;
    };
    res.once('finish', done);
    res.once('close', done);
    const echo = this.options.echoAuthorization ? echoedCredentials(req.headers.authorization) : '';
    const send = (code: number, body: unknown, headers: Record<string, string> = {}): void => {
      rec.status = code;
      if (res.destroyed) return;
      if (echo && code >= 400 && isStatus(body)) body = { ...body, message: `${String(body.message)}${echo}` };
      res.writeHead(code, { 'Content-Type': 'application/json', ...headers });
      if (!(body instanceof ListText)) return void res.end(JSON.stringify(body));
      if (body.holdItemsMs === undefined && body.trickleMs === undefined) return void res.end(body.text);
      const cut = body.text.indexOf('"items":');
      res.write(body.text.slice(0, cut));
      if (body.trickleMs !== undefined) {
        const t = setInterval(() => void (res.destroyed || res.write(' ')), body.trickleMs);
        this.timers.add(t);
        res.once('close', () => {
          clearInterval(t);
          this.timers.delete(t);
        });
        return;
      }
      const t = setTimeout(() => {
        this.timers.delete(t);
        if (!res.destroyed) res.end(body.text.slice(cut));
      }, body.holdItemsMs);
      this.timers.add(t);
    };

    if (rec.user === 'anonymous') return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    if (rec.method !== 'GET') return send(405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));

    const def = route ? this.served(route) : undefined;
    const fault = this.faultFor(route, url.pathname);
    if (fault?.dropConnection && fault.dropConnection > 0) {
      fault.dropConnection--;
      rec.status = 0;
      req.socket.destroy();
      return;
    }
    const respond = (): void => {
      if (fault?.fail500 && fault.fail500 > 0) {
        fault.fail500--;
        return send(500, status(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'));
      }
      if (fault?.tooMany && fault.tooMany.times > 0) {
        fault.tooMany.times--;
        const s = fault.tooMany.retryAfterSeconds;
        return send(429, { ...status(429, 'TooManyRequests', 'Too many requests, please try again later.'), details: { retryAfterSeconds: s } }, { 'Retry-After': String(s) });
      }
      const allowedByName = rec.verb === 'get' && route?.name !== undefined && (fault?.allowNames ?? []).includes(route.name);
      if (route && ((fault?.forbid && !allowedByName) || (route.namespace !== undefined && fault?.forbidNamespaces?.includes(route.namespace)))) {
        const scope = route.namespace !== undefined ? `in the namespace "${route.namespace}"` : 'at the cluster scope';
        const who = rec.user === 'token' ? 'system:serviceaccount:dsaudit:dsaudit' : rec.user.replace(/^(cert|basic):/, '');
        return send(403, {
          ...status(403, 'Forbidden', `${route.resource} is forbidden: User "${who}" cannot ${rec.verb} resource "${route.resource}" in API group "${route.group}" ${scope}`),
          details: { kind: route.resource, group: route.group },
        });
      }
      if (route?.subresource === 'proxy') return this.proxy(route, rec, query, send);
      this.route(url.pathname, route, def, rec, query, fault, send);
    };
    const slow = fault?.slow;
    if (slow && (slow.times === undefined || slow.times > 0)) {
      if (slow.times !== undefined) slow.times--;
      const t = setTimeout(() => {
        this.timers.delete(t);
        respond();
      }, slow.delayMs);
      this.timers.add(t);
      return;
    }
    respond();
  }

  /** The API server's service proxy: RBAC on `services/proxy`, then the backend's answer, or 503 when the Service has none. */
  private proxy(route: Route, rec: RecordedRequest, query: Record<string, string>, send: (code: number, body: unknown) => void): void {
    const ns = route.namespace ?? '';
    if (this.faults.get('services/proxy')?.forbid) {
      const who = rec.user === 'token' ? 'system:serviceaccount:dsaudit:dsaudit' : rec.user.replace(/^(cert|basic):/, '');
      return send(403, {
        ...status(403, 'Forbidden', `services "${route.name}" is forbidden: User "${who}" cannot get resource "services/proxy" in API group "" in the namespace "${ns}"`),
        details: { name: route.name, kind: 'services' },
      });
    }
    const backend = this.options.serviceProxy?.[`${ns}/${route.name}`];
    if (!backend) return send(503, status(503, 'ServiceUnavailable', `no endpoints available for service "${route.name}"`));
    const answer = backend(route.proxyPath ?? '/', query);
    send(answer.status, answer.body);
  }

  private route(
    pathname: string,
    route: Route | undefined,
    def: FakeResource | undefined,
    rec: RecordedRequest,
    query: Record<string, string>,
    fault: Fault | undefined,
    send: (code: number, body: unknown, headers?: Record<string, string>) => void,
  ): void {
    const notFound = (): void => send(404, { ...status(404, 'NotFound', 'the server could not find the requested resource'), details: {} });
    if (pathname === '/version') {
      const gitVersion = this.options.gitVersion ?? 'v1.33.1';
      const [major, minor] = gitVersion.replace(/^v/, '').split('.');
      return send(200, { major, minor, gitVersion, gitCommit: '0000000', gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.24.0', compiler: 'gc', platform: 'linux/amd64' });
    }
    if (pathname === '/api') {
      return send(200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${this.port}` }] });
    }
    if (pathname === '/apis') return send(200, this.groupList());
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/?$/.exec(pathname);
    if (gv) {
      const group = gv[2] ?? '';
      const version = gv[1] ?? gv[3];
      const resources = FAKE_RESOURCES.filter((r) => r.group === group && r.version === version && !this.isAbsent(r));
      if (resources.length === 0) return notFound();
      return send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: resources.map((r) => ({ name: r.resource, singularName: r.kind.toLowerCase(), namespaced: r.namespaced, kind: r.kind, verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] })),
      });
    }
    if (!route || !def) return notFound();
    if (def.namespaced === false && route.namespace !== undefined) return notFound();
    if (rec.verb === 'watch') return send(400, status(400, 'BadRequest', 'watch is not supported by the fake apiserver'));
    const bucket = this.sortedBucket(`${def.group}/${def.resource}`);
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (route.name !== undefined) {
      const hit = bucket.find((s) => s.key === `${route.namespace ?? ''}/${route.name}`);
      if (!hit) return send(404, { ...status(404, 'NotFound', `${def.resource} "${route.name}" not found`), details: { name: route.name, kind: def.resource } });
      return send(200, { ...hit.body, apiVersion, kind: def.kind });
    }

    let listRv = this.rv;
    let start = '';
    if (query.continue) {
      let token: ContinueToken;
      try {
        token = JSON.parse(Buffer.from(query.continue, 'base64').toString('utf8')) as ContinueToken;
        if (typeof token.rv !== 'number' || typeof token.start !== 'string') throw new Error('bad token');
      } catch {
        return send(400, status(400, 'BadRequest', 'continue key is not valid: illegal base64 data'));
      }
      if (fault?.expireContinue && fault.expireContinue > 0) {
        fault.expireContinue--;
        return send(410, status(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.'));
      }
      listRv = token.rv;
      start = token.start;
    }
    // A continued list is served at the first page's resourceVersion: later additions stay invisible.
    const visible = (s: Stored): boolean => s.createdRv <= listRv && (route.namespace === undefined || s.key.startsWith(`${route.namespace}/`));
    const limit = Number(query.limit);
    const max = Number.isInteger(limit) && limit > 0 ? limit : Infinity;
    const page: Stored[] = [];
    let remaining = 0;
    for (let i = firstAfter(bucket, start); i < bucket.length; i++) {
      if (!visible(bucket[i])) continue;
      if (page.length < max) page.push(bucket[i]);
      else remaining++;
    }
    const metadata: Record<string, unknown> = { resourceVersion: String(listRv) };
    const encode = (t: ContinueToken): string => Buffer.from(JSON.stringify(t)).toString('base64');
    if (fault?.loopContinue && query.continue) {
      metadata.continue = fault.loopContinue === 'same' ? query.continue : encode({ v: 'meta.k8s.io/v1', rv: listRv, start, n: ++this.events });
      if (remaining > 0) metadata.remainingItemCount = remaining;
    } else if (remaining > 0) {
      metadata.continue = encode({ v: 'meta.k8s.io/v1', rv: listRv, start: page[page.length - 1].key });
      metadata.remainingItemCount = remaining;
    }
    let text = JSON.stringify({
      kind: `${def.kind}List`,
      apiVersion,
      metadata,
      items: page.map((s) => {
        const { apiVersion: _a, kind: _k, ...rest } = s.body;
        return rest;
      }),
    });
    if (fault?.decoyContinue !== undefined && metadata.continue !== undefined) {
      text = text.replace('"metadata":{', `"metadata":{"continue":${JSON.stringify(fault.decoyContinue)},`);
    }
    send(200, new ListText(text, fault?.holdListItemsMs, fault?.trickleMs));
  }

  private sortedBucket(key: string): Stored[] {
    let sorted = this.sortedStore.get(key);
    if (!sorted) {
      sorted = [...(this.store.get(key)?.values() ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      this.sortedStore.set(key, sorted);
    }
    return sorted;
  }

  private authenticate(req: IncomingMessage): string {
    const auth = req.headers.authorization;
    if (auth === `Bearer ${this.token}`) return 'token';
    const basic = this.options.basicAuth;
    if (basic && auth === `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`) return `basic:${basic.username}`;
    const sock = req.socket as TLSSocket;
    if (!auth && sock.authorized) {
      const cn = sock.getPeerCertificate()?.subject?.CN;
      if (cn) return `cert:${cn}`;
    }
    return 'anonymous';
  }

  private served(route: Route): FakeResource | undefined {
    const def = FAKE_RESOURCES.find((r) => r.group === route.group && r.version === route.version && r.resource === route.resource);
    return def && !this.isAbsent(def) ? def : undefined;
  }

  private isAbsent(def: FakeResource): boolean {
    return this.faultFor({ group: def.group, version: def.version, resource: def.resource }, '')?.absent === true;
  }

  private faultFor(route: Pick<Route, 'group' | 'version' | 'resource'> | undefined, pathname: string): Fault | undefined {
    if (!route) return this.faults.get(pathname);
    const apiVersion = route.group ? `${route.group}/${route.version}` : route.version;
    const keys = [`${apiVersion}/${route.resource}`, ...(route.group ? [`${route.group}/${route.resource}`] : []), route.resource];
    for (const k of keys) {
      const f = this.faults.get(k);
      if (f) return f;
    }
    return undefined;
  }

  private groupList(): unknown {
    const groups = new Map<string, string[]>();
    for (const r of FAKE_RESOURCES) {
      if (r.group === '' || this.isAbsent(r)) continue;
      const vs = groups.get(r.group) ?? [];
      if (!vs.includes(r.version)) vs.push(r.version);
      groups.set(r.group, vs);
    }
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
        preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
      })),
    };
  }
}

interface Route {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** The path after `/proxy` of a service proxy request. */
  proxyPath?: string;
}

/** Index of the first stored object whose key sorts after `start` (binary search over key order). */
function firstAfter(sorted: readonly Stored[], start: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].key <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Splits `/api/v1/namespaces/ns/pods/name` and `/apis/g/v/...` into parts; undefined for non-resource paths. */
function parseRoute(pathname: string): Route | undefined {
  const parts = pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1];
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1];
    version = parts[2];
    rest = parts.slice(3);
  } else {
    return undefined;
  }
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  // The service proxy: services/NAME/proxy/PATH (RBAC: get on services/proxy, resourceName NAME).
  if (rest.length >= 3 && rest[0] === 'services' && rest[2] === 'proxy') {
    return { group, version, resource: 'services', namespace, name: rest[1], subresource: 'proxy', proxyPath: `/${rest.slice(3).join('/')}` };
  }
  if (rest.length === 0 || rest.length > 2) return undefined;
  return { group, version, resource: rest[0], namespace, name: rest[1] };
}

function status(code: number, reason: string, message: string): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function isStatus(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && (body as Record<string, unknown>).kind === 'Status';
}

/** What an echoing server appends to a message: the header as sent and the bare credential (decoded for Basic). */
function echoedCredentials(header: string | undefined): string {
  if (!header) return '';
  const [scheme, value = ''] = header.split(/\s+/, 2);
  const bare = scheme === 'Basic' ? Buffer.from(value, 'base64').toString('utf8') : value;
  return ` (request had Authorization: ${header}; credential ${value}, ${bare})`;
}

/** One context of a generated kubeconfig. */
export interface KubeconfigContext {
  readonly name: string;
  /** Default: the fake's URL. */
  readonly server?: string;
  /** CA given to the client: the fake's CA (default), an unrelated CA, or none. */
  readonly ca?: 'good' | 'wrong' | 'none' | 'file';
  readonly insecure?: boolean;
  /** Credentials: the fake's token (default), the client certificate, a given token, or none. */
  readonly auth?:
    | 'token'
    | 'cert'
    | 'none'
    | { readonly token: string }
    | { readonly basic: { readonly username: string; readonly password: string } }
    | { readonly exec: { readonly command: string; readonly args?: readonly string[] } };
  readonly namespace?: string;
}

/** Renders a kubeconfig with one cluster, user and context per entry. */
export function kubeconfigYaml(fake: FakeApiServer, contexts: readonly KubeconfigContext[], currentContext?: string): string {
  const b64 = (s: string): string => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    ...(currentContext !== undefined ? { 'current-context': currentContext } : {}),
    clusters: contexts.map((c) => {
      const ca = c.ca ?? 'good';
      return {
        name: `${c.name}-cluster`,
        cluster: {
          server: c.server ?? fake.url,
          ...(ca === 'good' ? { 'certificate-authority-data': b64(fake.pki.caCert) } : {}),
          ...(ca === 'wrong' ? { 'certificate-authority-data': b64(fake.pki.wrongCaCert) } : {}),
          ...(ca === 'file' ? { 'certificate-authority': fake.pki.caCertFile } : {}),
          ...(c.insecure ? { 'insecure-skip-tls-verify': true } : {}),
        },
      };
    }),
    users: contexts.map((c) => {
      const auth = c.auth ?? 'token';
      let user: Record<string, unknown> = {};
      if (auth === 'token') user = { token: fake.token };
      else if (auth === 'cert') user = { 'client-certificate-data': b64(fake.pki.clientCert), 'client-key-data': b64(fake.pki.clientKey) };
      else if (typeof auth === 'object' && 'token' in auth) user = { token: auth.token };
      else if (typeof auth === 'object' && 'basic' in auth) user = { username: auth.basic.username, password: auth.basic.password };
      else if (typeof auth === 'object') user = { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: auth.exec.command, args: auth.exec.args ?? [], interactiveMode: 'Never' } };
      return { name: `${c.name}-user`, user };
    }),
    contexts: contexts.map((c) => ({
      name: c.name,
      context: { cluster: `${c.name}-cluster`, user: `${c.name}-user`, ...(c.namespace ? { namespace: c.namespace } : {}) },
    })),
  });
}

/** An exec credential plugin: argv = state file, token, mode (`ok`, `stale-first`, `fail`). */
export const EXEC_PLUGIN = `
import fs from 'node:fs';
const [state, good, mode] = process.argv.slice(2);
const n = fs.existsSync(state) ? Number(fs.readFileSync(state, 'utf8')) : 0;
fs.writeFileSync(state, String(n + 1));
if (mode === 'fail') { process.stderr.write('plugin: no credentials\\nsecond line\\n'); process.exit(1); }
const token = mode === 'stale-first' && n === 0 ? 'stale-token-0000000000' : good;
const expirationTimestamp = new Date(Date.now() + 3600e3).toISOString();
process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token, expirationTimestamp } }));
`;

/** Writes `kubeconfigYaml(...)` to `file` and returns the path. */
export function writeKubeconfig(file: string, fake: FakeApiServer, contexts: readonly KubeconfigContext[], currentContext?: string): string {
  writeFileSync(file, kubeconfigYaml(fake, contexts, currentContext), { mode: 0o600 });
  return file;
}

/** A URL on 127.0.0.1 where nothing listens (a port just released). */
export async function closedPortUrl(): Promise<string> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return `https://127.0.0.1:${port}`;
}
