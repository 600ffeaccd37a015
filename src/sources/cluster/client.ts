/** GET-only API client: bounded concurrency, per-request timeout, retries for 429/5xx/resets, fatal-error classification. */

import { constants as bufferConstants } from 'node:buffer';
import http from 'node:http';
import https from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { ClusterSourceError, redact } from './errors.js';
import { errorMessage, type Connection } from './kubeconfig.js';

/** Retry and timeout policy. */
export interface ClientPolicy {
  readonly timeoutMs: number;
  readonly concurrency: number;
  /** Attempts per request for transient failures (429, 5xx, resets, timeouts). */
  readonly maxAttempts: number;
  /** First backoff delay; doubles on each retry. */
  readonly baseDelayMs: number;
  /** Upper bound for a server's Retry-After. */
  readonly maxRetryAfterMs: number;
  /** Longest response body accepted, in characters (default and upper bound: V8's string limit). */
  readonly maxResponseChars?: number;
  /** Cancels the client: requests in flight are aborted, backoffs cut short, every request throws. */
  readonly signal?: AbortSignal;
}

/** A Kubernetes `Status` body, as sent with error responses. */
export interface ApiStatus {
  readonly message?: string;
  readonly reason?: string;
  readonly code?: number;
}

/** An HTTP answer from the API server (any status code). */
export interface ApiResponse {
  readonly status: number;
  /** Parsed JSON body of a 2xx answer, when the body is JSON (and parsing was not deferred). */
  readonly body: unknown;
  /** The 200 body as text, unparsed, when the request deferred parsing. */
  readonly text?: string;
  /**
   * The Status fields of an error body, redacted: the only part of an error answer handed on, since
   * servers and proxies may repeat the request's credentials in it ("forbidden for Bearer …").
   */
  readonly error?: ApiStatus;
}

/** Per-request hooks. */
export interface RequestHooks {
  /**
   * Called once, as soon as the start of a 200 list response shows its `metadata.continue` (a
   * string) or shows there is none (undefined), before the rest of the body has arrived: the next
   * page can be requested while this one is still downloading. May be called once per attempt.
   */
  readonly onContinue?: (token: string | undefined) => void;
  /**
   * Hand a 200 body over as `text` and leave parsing to the caller, so a page is parsed only when it
   * is consumed: pages that arrive early then wait as compact strings, not as object trees.
   */
  readonly deferJson?: boolean;
}

/** A request that failed below HTTP after all retries (timeout, reset); the run can go on without it. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** V8's limit on a string's length: a response body longer than this cannot be parsed. */
const MAX_STRING_LENGTH = bufferConstants.MAX_STRING_LENGTH;

const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE', 'DSAUDIT_TIMEOUT', 'DSAUDIT_BAD_JSON']);

/** Issues GET requests against one API server. The first fatal error aborts every later request. */
export class ApiClient {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private fatal: ClusterSourceError | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly conn: Connection,
    private readonly policy: ClientPolicy,
  ) {
    if (policy.signal?.aborted) this.cancel();
    else policy.signal?.addEventListener('abort', this.cancel, { once: true });
  }

  /** Stops listening to the policy's signal (which may outlive this client: one deadline, several clusters). */
  close(): void {
    this.policy.signal?.removeEventListener('abort', this.cancel);
  }

  private readonly cancel = (): void => {
    this.abort(new ClusterSourceError(`reading cluster "${this.conn.context}" at ${this.conn.server} was cancelled`, this.conn.context, this.conn.server));
  };

  /** The fatal error that stopped the client, if any. */
  get fatalError(): ClusterSourceError | undefined {
    return this.fatal;
  }

  /**
   * GETs `path` with `query`. Resolves with any HTTP status once retries are spent; throws
   * `ClusterSourceError` when the cluster as a whole is unusable and `TransportError` otherwise.
   */
  async get(path: string, query: Readonly<Record<string, string | undefined>> = {}, hooks: RequestHooks = {}): Promise<ApiResponse> {
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      this.throwIfFatal();
      let res: ApiResponse;
      try {
        res = await this.limited(() => this.once(path, query, hooks));
      } catch (err) {
        this.throwIfFatal();
        const code = (err as NodeJS.ErrnoException).code;
        if (isTlsError(err)) this.fail(`TLS verification failed for cluster "${this.conn.context}" at ${this.conn.server}: ${errorMessage(err)}`);
        // A response too large for one string fails the same way again: give up on this request only.
        if (code === 'DSAUDIT_TOO_LARGE') throw new TransportError(this.redact(errorMessage(err)), code);
        if (!code || !TRANSIENT_CODES.has(code)) this.fail(`cannot reach cluster "${this.conn.context}" at ${this.conn.server}: ${errorMessage(err)}`);
        if (attempt >= this.policy.maxAttempts) throw new TransportError(this.redact(errorMessage(err)), code);
        await sleep(this.backoff(attempt), this.policy.signal);
        continue;
      }
      if (res.status === 401) {
        if (!reauthenticated) {
          // Credentials from exec plugins can expire mid-run: refresh once (shared), retry once.
          reauthenticated = true;
          this.refreshing ??= this.conn.refresh().catch((err: unknown) => {
            if (err instanceof ClusterSourceError) this.abort(err);
            throw err;
          });
          await this.refreshing;
          attempt--;
          continue;
        }
        this.fail(`cluster "${this.conn.context}" at ${this.conn.server} rejected the credentials (401 Unauthorized)`);
      }
      const retryable = res.status === 429 || res.status >= 500;
      if (!retryable || attempt >= this.policy.maxAttempts) return res;
      await sleep(res.status === 429 ? this.retryAfter(res, attempt) : this.backoff(attempt), this.policy.signal);
    }
  }

  /** Stops the client; later and pending requests throw `err`. */
  abort(err: ClusterSourceError): void {
    this.fatal ??= err;
    this.conn.close();
  }

  private fail(message: string): never {
    this.abort(new ClusterSourceError(this.redact(message), this.conn.context, this.conn.server));
    throw this.fatal;
  }

  private throwIfFatal(): void {
    if (this.fatal) throw this.fatal;
  }

  /**
   * `text` fit for any output: the connection's credentials and anything shaped like `Bearer …` or
   * `Basic …` replaced, one line. Every string of this source that came from the server passes here.
   */
  redact(text: string): string {
    return redact(text, this.conn.secrets());
  }

  private redactStatus(st: ApiStatus): ApiStatus {
    return {
      ...(st.message !== undefined ? { message: this.redact(st.message) } : {}),
      ...(st.reason !== undefined ? { reason: this.redact(st.reason) } : {}),
      ...(st.code !== undefined ? { code: st.code } : {}),
    };
  }

  private backoff(attempt: number): number {
    return this.policy.baseDelayMs * 2 ** (attempt - 1);
  }

  private retryAfter(res: ApiResponse & { retryAfterSeconds?: number }, attempt: number): number {
    const s = res.retryAfterSeconds;
    return s !== undefined ? Math.min(s * 1000, this.policy.maxRetryAfterMs) : this.backoff(attempt);
  }

  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inFlight >= this.policy.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    }
  }

  private once(path: string, query: Readonly<Record<string, string | undefined>>, hooks: RequestHooks): Promise<ApiResponse & { retryAfterSeconds?: number }> {
    this.throwIfFatal();
    const base = this.conn.baseUrl;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, v);
    const qs = params.toString();
    const fullPath = `${base.pathname.replace(/\/$/, '')}${path}${qs ? `?${qs}` : ''}`;
    const mod = base.protocol === 'http:' ? http : https;
    const maxChars = Math.min(this.policy.maxResponseChars ?? MAX_STRING_LENGTH, MAX_STRING_LENGTH);
    return new Promise((resolve, reject) => {
      const req = mod.request(
        {
          method: 'GET',
          protocol: base.protocol,
          hostname: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || undefined,
          path: fullPath,
          agent: this.conn.agent,
          ...(this.policy.signal ? { signal: this.policy.signal } : {}),
          auth: this.conn.basicAuth(),
          headers: { ...this.conn.headers(), Accept: 'application/json', 'User-Agent': `${TOOL_NAME}/${TOOL_VERSION}` },
        },
        (res) => {
          // Decoded as it arrives: strings live in V8's heap, where a page of several megabytes held as
          // Buffers would count as external memory and set off extra scavenges while pages are parsed.
          res.setEncoding('utf8');
          // Appended chunks form a rope that JSON.parse flattens in one copy (cheaper than joining an array).
          let text = '';
          const peek = hooks.onContinue && res.statusCode === 200 ? new ContinuePeek(hooks.onContinue) : undefined;
          res.on('data', (c: string) => {
            if (text.length + c.length > maxChars) {
              req.destroy(codeError(`response is longer than ${maxChars} characters; use a smaller --chunk-size`, 'DSAUDIT_TOO_LARGE'));
              return;
            }
            text += c;
            peek?.feed(c);
          });
          res.on('error', (err) => {
            clearTimeout(timer);
            reject(err);
          });
          res.on('aborted', () => {
            clearTimeout(timer);
            reject(codeError('response aborted', 'ECONNRESET'));
          });
          res.on('end', () => {
            clearTimeout(timer);
            if (!res.complete) return reject(codeError('response ended early', 'ECONNRESET'));
            const status = res.statusCode ?? 0;
            if (status === 200 && hooks.deferJson) return resolve({ status, body: undefined, text });
            let body: unknown;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              if (status === 200) return reject(codeError(`invalid JSON in response to GET ${path}`, 'DSAUDIT_BAD_JSON'));
            }
            const ra = Number(res.headers['retry-after']);
            resolve({
              status,
              body: status >= 300 ? undefined : body,
              error: status >= 300 ? this.redactStatus(statusOf(body, text)) : undefined,
              retryAfterSeconds: Number.isFinite(ra) && ra >= 0 ? ra : undefined,
            });
          });
        },
      );
      const timer = setTimeout(() => req.destroy(codeError(`request timed out after ${this.policy.timeoutMs} ms`, 'DSAUDIT_TIMEOUT')), this.policy.timeoutMs);
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end();
    });
  }
}

/**
 * Finds `metadata.continue` in the first bytes of a list response. The API server writes a list's
 * `kind`, `apiVersion` and `metadata` before `items` (ListMeta precedes Items in the Go struct), so
 * the token is known long before the page has arrived. Any other layout reports nothing; the caller
 * still checks the token against the parsed page.
 */
export class ContinuePeek {
  private head = '';
  private done = false;

  constructor(private readonly report: (token: string | undefined) => void) {}

  feed(chunk: string): void {
    if (this.done) return;
    this.head += chunk.length > PEEK_LIMIT ? chunk.slice(0, PEEK_LIMIT) : chunk;
    const found = findContinue(this.head);
    if (found === 'more' && this.head.length < PEEK_LIMIT) return;
    this.done = true;
    if (found !== 'more' && found !== 'unknown') this.report(found ?? undefined);
  }
}

const PEEK_LIMIT = 64 * 1024;

/**
 * The continue token of a list whose head is `head`: the token, null when `items` starts with no
 * token before it, 'more' when the head is too short to tell, 'unknown' when it cannot be read.
 */
export function findContinue(head: string): string | null | 'more' | 'unknown' {
  const items = head.indexOf('"items":');
  const meta = items >= 0 ? head.slice(0, items) : head;
  const m = /"continue":("(?:[^"\\]|\\.)*")/.exec(meta);
  if (m) {
    try {
      const token: unknown = JSON.parse(m[1]);
      return typeof token === 'string' ? token : 'unknown';
    } catch {
      return 'unknown';
    }
  }
  return items >= 0 ? null : 'more';
}

function statusOf(body: unknown, text: string): ApiStatus {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    return {
      message: typeof b.message === 'string' ? b.message : undefined,
      reason: typeof b.reason === 'string' ? b.reason : undefined,
      code: typeof b.code === 'number' ? b.code : undefined,
    };
  }
  const line = text.trim().split(/\r?\n/, 1)[0];
  return { message: line ? line.slice(0, 200) : undefined };
}

function isTlsError(err: unknown): boolean {
  const e = err as { code?: unknown; library?: unknown };
  if (e?.library === 'SSL routines') return true;
  const code = typeof e?.code === 'string' ? e.code : '';
  return /CERT|SELF_SIGNED|UNABLE_TO_(VERIFY|GET)|^ERR_TLS|^ERR_SSL|HOSTNAME_MISMATCH/.test(code);
}

function codeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** Waits `ms`, or less when `signal` aborts (the caller then finds the client stopped). */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined);
}
