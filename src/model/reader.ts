/** Typed reads from one raw object that record wrong-typed fields as input errors with file:line. */
import type { InputError, PathSegment, RawObject } from './input.js';
import { asMap, asString, type RawMap } from './raw.js';

/** Parsed paths: every object of a kind reads the same paths, so large inputs parse each only once. */
const PATH_CACHE = new Map<string, readonly PathSegment[]>();
const PATH_CACHE_LIMIT = 10_000;

/** Parses `a.b[0].c` into path segments (read-only; shared between callers). */
export function parsePath(path: string): readonly PathSegment[] {
  const cached = PATH_CACHE.get(path);
  if (cached) return cached;
  const segs = Object.freeze(parsePathUncached(path));
  if (PATH_CACHE.size < PATH_CACHE_LIMIT) PATH_CACHE.set(path, segs);
  return segs;
}

/** `a.b[0].c`; a key with dots is written `data["nginx.conf"]`. */
function parsePathUncached(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const re = /\["([^"]*)"\]|\[(\d+)\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : m[3]);
  return out;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

/** Reads fields of one object; every type mismatch becomes one InputError naming the object and field. */
export class FieldReader {
  readonly errors: InputError[];
  /** Where paths start: the body, or the value a scoped reader was made for (see `at`). */
  private readonly root: unknown;
  /** Path of `root` from the body; '' for the body itself. */
  private readonly prefix: string;

  constructor(
    private readonly raw: RawObject,
    private readonly display: string,
    scope?: { readonly path: string; readonly value: unknown; readonly errors: InputError[] },
  ) {
    this.errors = scope?.errors ?? [];
    this.root = scope ? scope.value : raw.body;
    this.prefix = scope?.path ?? '';
  }

  get body(): RawMap {
    return this.raw.body;
  }

  /**
   * A reader whose paths start at `path` (usually a list item already in hand, passed as `value`):
   * hot loops then read short literal paths instead of building and parsing `a.b[3].c` for every
   * field. Errors name the full path and go to this reader's `errors`.
   */
  at(path: string, value: unknown = this.get(path)): FieldReader {
    return new FieldReader(this.raw, this.display, { path: this.full(path), value, errors: this.errors });
  }

  /** `path` from the body. */
  private full(path: string): string {
    if (this.prefix === '') return path;
    if (path === '') return this.prefix;
    return path.charCodeAt(0) === 0x5b ? `${this.prefix}${path}` : `${this.prefix}.${path}`;
  }

  /** The value at a dotted path, or undefined when any step is missing. */
  get(path: string): unknown {
    let cur: unknown = this.root;
    for (const seg of parsePath(path)) {
      if (typeof seg === 'number') {
        if (!Array.isArray(cur)) return undefined;
        cur = cur[seg];
      } else {
        const m = asMap(cur);
        if (!m) return undefined;
        cur = m[seg];
      }
    }
    return cur;
  }

  fail(relative: string, expected: string, got: unknown): void {
    const path = this.full(relative);
    const origin = this.raw.origin;
    let line: number | null = null;
    let file = origin.kind === 'file' ? origin.file : `cluster ${origin.cluster}`;
    if (origin.kind === 'file') {
      const segs = parsePath(path);
      let pos = undefined;
      for (let n = segs.length; n >= 0 && !pos; n--) pos = n === 0 ? origin.position : origin.locator?.find(segs.slice(0, n));
      line = pos?.line ?? origin.position.line;
    } else {
      file = `${file}: ${this.display}`;
    }
    const who = origin.kind === 'file' ? `${this.display}: ` : '';
    this.errors.push({ file, line, message: `${who}${path} must be ${expected}, got ${describe(got)}` });
  }

  /** A mapping, or undefined when absent; null is accepted as absent (Kubernetes treats it so). */
  map(path: string): RawMap | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return undefined;
    const m = asMap(v);
    if (!m) this.fail(path, 'a mapping', v);
    return m;
  }

  /** A mapping the API server requires (e.g. a Service's spec): absent or null is an input error. */
  requiredMap(path: string): RawMap | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) {
      this.fail(path, 'a mapping (it is required)', v ?? null);
      return undefined;
    }
    return this.map(path);
  }

  /** A string; numbers and booleans where a string belongs are errors (the API server rejects them). */
  str(path: string): string | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    this.fail(path, 'a string', v);
    return asString(v);
  }

  bool(path: string): boolean | undefined {
    const v = this.get(path);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'boolean') return v;
    this.fail(path, 'a boolean', v);
    return v === 'true' ? true : v === 'false' ? false : undefined;
  }

  /** A list of strings; a lone scalar is an error but is still read as a one-item list. */
  strList(path: string): string[] {
    return this.strItems(path).map(([, s]) => s);
  }

  /**
   * The strings of a list with the index each has in the list as written, so paths name the entry
   * even when items before it are skipped (null, mappings). A lone scalar is index 0.
   */
  strItems(path: string): [number, string][] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, 'a list of strings', v);
      const s = asString(v);
      return s === undefined ? [] : [[0, s]];
    }
    const out: [number, string][] = [];
    v.forEach((item, i) => {
      if (typeof item === 'string') out.push([i, item]);
      else {
        this.fail(`${path}[${i}]`, 'a string', item);
        const s = asString(item);
        if (s !== undefined) out.push([i, s]);
      }
    });
    return out;
  }

  /** A list of mappings; non-mapping items are errors and skipped. Returns [index, item] pairs. */
  mapList(path: string): [number, RawMap][] {
    const v = this.get(path);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.fail(path, 'a list', v);
      return [];
    }
    const out: [number, RawMap][] = [];
    v.forEach((item, i) => {
      const m = asMap(item);
      if (m) out.push([i, m]);
      else if (item !== null) this.fail(`${path}[${i}]`, 'a mapping', item);
    });
    return out;
  }

  /** A string-to-string map such as labels or a selector. */
  strMap(path: string): Record<string, string> {
    const m = this.map(path);
    if (!m) return {};
    const out: Record<string, string> = {};
    for (const k of Object.keys(m).sort()) {
      const v = m[k];
      if (typeof v === 'string') out[k] = v;
      else if (v !== null && v !== undefined) {
        this.fail(`${path}.${k}`, 'a string', v);
        const s = asString(v);
        if (s !== undefined) out[k] = s;
      }
    }
    return out;
  }
}
