/** Paginated LIST (limit/continue, restart on an expired token) and named GET, each reduced as it arrives. */

import { TransportError, type ApiClient, type ApiResponse, type RequestHooks } from './client.js';
import { ContinueGuard, shortToken } from './continue-guard.js';
import { apiVersionOf, resourcePath } from './plan.js';

type Item = Record<string, unknown>;

/** How one list or named GET ended. */
export type FetchOutcome =
  | { readonly status: 'ok'; readonly items: Item[] }
  | { readonly status: 'forbidden'; readonly message?: string }
  | { readonly status: 'absent'; readonly message?: string }
  | { readonly status: 'error'; readonly message: string };

export interface ListRequest {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
  readonly kind: string;
  readonly namespace?: string;
}

export interface ListOptions {
  readonly pageSize: number;
  readonly reduce: boolean;
  /** Expired-continue restarts allowed per list. */
  readonly maxRestarts: number;
  readonly onPage?: (pages: number, objects: number) => void;
  /**
   * Receives each page's items as it arrives; the outcome then carries no items. After an expired
   * continue token restarts the list, items already handed over are not handed over again.
   */
  readonly onItems?: (items: Item[]) => void;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Lists every object of one resource (in one namespace or all), page by page. */
export async function listAll(client: ApiClient, req: ListRequest, opts: ListOptions): Promise<FetchOutcome> {
  const path = resourcePath(req.group, req.version, req.resource, req.namespace);
  // Streaming: identities handed over so far, so a restarted list does not hand them over twice.
  const handed = opts.onItems ? new Set<string>() : undefined;
  for (let restarts = 0; ; restarts++) {
    const items: Item[] = [];
    let count = 0;
    let pages = 0;
    let expired = false;
    const guard = new ContinueGuard(opts.pageSize);
    // The first page leaves resourceVersion unset: a consistent, quorum-read list.
    let page: PageRequest | undefined = new PageRequest(client, path, opts.pageSize, undefined);
    page.becomeCurrent();
    while (page) {
      const res = await page.response;
      if ('status' in res && res.status === 'error') return res;
      const r = res as ApiResponse;
      if (r.status === 410 && page.token !== undefined) {
        expired = true;
        break;
      }
      if (r.status !== 200) return failure(r, `list ${req.resource}`);
      const list = parsePage(r);
      if (list === undefined) return { status: 'error', message: `list ${req.resource}: invalid JSON in response to GET ${path}` };
      const meta = asObject(list?.metadata);
      const cont = typeof meta?.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
      if (cont !== undefined && guard.runaway(pages + 1, cont, meta?.remainingItemCount)) {
        const token = shortToken(client.redact(cont));
        return { status: 'error', message: `list ${req.resource}: the server kept returning continue token "${token}"; list abandoned after ${pages + 1} pages` };
      }
      // The next page was usually asked for when this one's head arrived; if not (or for another token), ask now.
      page = page.successor(cont);
      page?.becomeCurrent();
      const apiVersion = typeof list?.apiVersion === 'string' ? list.apiVersion : apiVersionOf(req.group, req.version);
      const kind = typeof list?.kind === 'string' && list.kind.endsWith('List') ? list.kind.slice(0, -4) : req.kind;
      const batch: Item[] = handed ? [] : items;
      for (const raw of Array.isArray(list?.items) ? list.items : []) {
        const item = asObject(raw);
        if (!item) continue;
        count++;
        if (handed) {
          const key = identity(item);
          if (handed.has(key)) continue;
          handed.add(key);
        }
        batch.push(complete(item, apiVersion, kind, opts.reduce));
      }
      if (handed && batch.length > 0) opts.onItems?.(batch);
      pages++;
      opts.onPage?.(pages, count);
    }
    if (!expired) return { status: 'ok', items };
    if (restarts >= opts.maxRestarts) {
      return { status: 'error', message: `list ${req.resource}: continue token expired ${restarts + 1} times` };
    }
  }
}

type PageResponse = ApiResponse | { status: 'error'; message: string };

/**
 * One page of a list. Once it is the page being read (current), the page after it is requested as
 * soon as this one's continue token shows in the head of the response, so the server prepares the
 * next page while this one downloads and is handed over: at most two pages of a list are in flight.
 */
class PageRequest {
  readonly response: Promise<PageResponse>;
  private peeked: { token: string | undefined } | undefined;
  private current = false;
  private next: PageRequest | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly path: string,
    private readonly pageSize: number,
    readonly token: string | undefined,
  ) {
    const query = { limit: String(pageSize), ...(token !== undefined ? { continue: token } : {}) };
    this.response = send(client, path, query, { onContinue: (t) => this.onPeek(t), deferJson: true });
    // A page dropped after a mismatch (or after the list fails) must not become an unhandled rejection.
    this.response.catch(() => undefined);
  }

  becomeCurrent(): void {
    this.current = true;
    if (this.peeked) this.prefetch(this.peeked.token);
  }

  /** The page after this one, whose continue token turned out to be `token`; undefined at the end. */
  successor(token: string | undefined): PageRequest | undefined {
    if (token === undefined) return undefined;
    if (this.next?.token === token) return this.next;
    return new PageRequest(this.client, this.path, this.pageSize, token);
  }

  private onPeek(token: string | undefined): void {
    const t = token === '' ? undefined : token;
    // A retried request peeks again: the first answer stands.
    if (this.peeked) return;
    this.peeked = { token: t };
    if (this.current) this.prefetch(t);
  }

  private prefetch(token: string | undefined): void {
    // The same token again asks for this very page: the list's guard ends it once this page is parsed.
    if (this.next || token === undefined || token === this.token) return;
    this.next = new PageRequest(this.client, this.path, this.pageSize, token);
  }
}

/** GETs one object by name; a 404 is an absent object, not an error. */
export async function getNamed(client: ApiClient, req: ListRequest & { name: string }, reduce: boolean): Promise<FetchOutcome> {
  const res = await send(client, resourcePath(req.group, req.version, req.resource, req.namespace, req.name), {});
  if ('status' in res && res.status === 'error') return res;
  const r = res as ApiResponse;
  if (r.status === 404) return { status: 'ok', items: [] };
  if (r.status !== 200) return failure(r, `get ${req.resource} ${req.namespace}/${req.name}`);
  const obj = asObject(r.body);
  return { status: 'ok', items: obj ? [complete(obj, apiVersionOf(req.group, req.version), req.kind, reduce)] : [] };
}

async function send(client: ApiClient, path: string, query: Record<string, string | undefined>, hooks: RequestHooks = {}): Promise<PageResponse> {
  try {
    return await client.get(path, query, hooks);
  } catch (err) {
    if (err instanceof TransportError) return { status: 'error', message: `GET ${path}: ${err.message}` };
    throw err;
  }
}

function failure(r: ApiResponse, what: string): FetchOutcome {
  const message = r.error?.message;
  if (r.status === 403) return { status: 'forbidden', message };
  if (r.status === 404) return { status: 'absent', message };
  return { status: 'error', message: `${what}: HTTP ${r.status}${message ? `: ${message}` : ''}` };
}

/** Adds apiVersion/kind (list items lack them) and drops fields no rule reads. */
function complete(item: Item, apiVersion: string, kind: string, reduce: boolean): Item {
  const out: Item = { apiVersion, kind, ...item };
  if (typeof item.apiVersion === 'string') out.apiVersion = item.apiVersion;
  if (typeof item.kind === 'string') out.kind = item.kind;
  if (!reduce) return out;
  const meta = asObject(item.metadata);
  if (meta) {
    const { managedFields: _dropped, ...rest } = meta;
    const ann = asObject(rest.annotations);
    if (ann && LAST_APPLIED in ann) {
      const { [LAST_APPLIED]: _big, ...keep } = ann;
      rest.annotations = keep;
    }
    out.metadata = rest;
  }
  return out;
}

/** The list object of a 200 page (parsed here when the client deferred it); undefined when it is not JSON. */
function parsePage(r: ApiResponse): Item | undefined {
  if (r.text === undefined) return asObject(r.body) ?? {};
  try {
    return asObject(JSON.parse(r.text)) ?? {};
  } catch {
    return undefined;
  }
}

function identity(item: Item): string {
  const meta = asObject(item.metadata);
  return `${String(meta?.namespace ?? '')}/${String(meta?.name ?? '')}`;
}

function asObject(v: unknown): Item | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Item) : undefined;
}
