/** Paginated LIST (limit/continue, restart on an expired token) and named GET, each reduced as it arrives. */

import { TransportError, type ApiClient, type ApiResponse } from './client.js';
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
    let cont: string | undefined;
    let expired = false;
    // The first page leaves resourceVersion unset: a consistent, quorum-read list.
    let next: Promise<ApiResponse | { status: 'error'; message: string }> | undefined = send(client, path, { limit: String(opts.pageSize) });
    while (next) {
      const requested = cont;
      const res = await next;
      next = undefined;
      if ('status' in res && res.status === 'error') return res;
      const r = res as ApiResponse;
      if (r.status === 410 && requested !== undefined) {
        expired = true;
        break;
      }
      if (r.status !== 200) return failure(r, `list ${req.resource}`);
      const list = asObject(r.body);
      const meta = asObject(list?.metadata);
      cont = typeof meta?.continue === 'string' && meta.continue !== '' ? meta.continue : undefined;
      // Ask for the next page before handling this one: the server prepares it while this one is reduced and handed over.
      if (cont !== undefined) {
        next = send(client, path, { limit: String(opts.pageSize), continue: cont });
        next.catch(() => undefined);
      }
      const apiVersion = typeof list?.apiVersion === 'string' ? list.apiVersion : apiVersionOf(req.group, req.version);
      const kind = typeof list?.kind === 'string' && list.kind.endsWith('List') ? list.kind.slice(0, -4) : req.kind;
      const page: Item[] = handed ? [] : items;
      for (const raw of Array.isArray(list?.items) ? list.items : []) {
        const item = asObject(raw);
        if (!item) continue;
        count++;
        if (handed) {
          const key = identity(item);
          if (handed.has(key)) continue;
          handed.add(key);
        }
        page.push(complete(item, apiVersion, kind, opts.reduce));
      }
      if (handed && page.length > 0) opts.onItems?.(page);
      pages++;
      opts.onPage?.(pages, count);
    }
    if (!expired) return { status: 'ok', items };
    if (restarts >= opts.maxRestarts) {
      return { status: 'error', message: `list ${req.resource}: continue token expired ${restarts + 1} times` };
    }
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

async function send(client: ApiClient, path: string, query: Record<string, string | undefined>): Promise<ApiResponse | { status: 'error'; message: string }> {
  try {
    return await client.get(path, query);
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

function identity(item: Item): string {
  const meta = asObject(item.metadata);
  return `${String(meta?.namespace ?? '')}/${String(meta?.name ?? '')}`;
}

function asObject(v: unknown): Item | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Item) : undefined;
}
