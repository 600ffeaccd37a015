/** A small Corefile (CoreDNS configuration) parser and the CoreDNS zone semantics rules need. */
import { parseCidr } from '../../net/index.js';

/** One plugin directive: `kubernetes cluster.local in-addr.arpa ip6.arpa { … }`. */
export interface CorefileDirective {
  readonly name: string;
  readonly args: readonly string[];
  /** Directives of the `{ … }` block after the arguments (plugin options); empty when there is none. */
  readonly block: readonly CorefileDirective[];
  /** 1-based line in the Corefile text. */
  readonly line: number;
}

/** One address a server block listens for: `dns://.:53` → `{ scheme: 'dns', zone: '.', port: 53 }`. */
export interface CorefileZone {
  /** Lower-case, fully qualified zone (`.`, `cluster.local.`); CIDR keys become their reverse zone. */
  readonly zone: string;
  readonly scheme: string;
  readonly port: number;
}

export interface CorefileServer {
  /** Server block keys as written (`.:53`, `example.org`). */
  readonly keys: readonly string[];
  readonly zones: readonly CorefileZone[];
  /** Plugin directives, with `import <snippet>` replaced by the snippet's directives. */
  readonly directives: readonly CorefileDirective[];
  readonly line: number;
}

export interface Corefile {
  readonly servers: readonly CorefileServer[];
  /** Syntax problems (unbalanced braces, unterminated quotes); parsing goes on past them. */
  readonly errors: readonly string[];
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
  /** Line the token ends on (a quoted token may span lines). */
  readonly endLine: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { dns: 53, tls: 853, https: 443, grpc: 443, quic: 853 };

function tokenize(text: string, errors: string[]): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\n') { line++; i++; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = line;
    if (ch === '"') {
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        const c = text[i];
        // Like Caddy's lexer, only `\"` is an escape inside quotes; other backslashes are kept (regexps).
        if (c === '\\' && text[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (c === '"') { closed = true; i++; break; }
        if (c === '\n') line++;
        value += c;
        i++;
      }
      if (!closed) errors.push(`line ${start}: unterminated quoted string`);
      out.push({ text: value, quoted: true, line: start, endLine: line });
      continue;
    }
    let value = '';
    while (i < text.length && !/\s/.test(text[i])) value += text[i++];
    out.push({ text: value, quoted: false, line: start, endLine: start });
  }
  return out;
}

const isOpen = (t: Token | undefined): boolean => t !== undefined && !t.quoted && t.text === '{';
const isClose = (t: Token | undefined): boolean => t !== undefined && !t.quoted && t.text === '}';

class Parser {
  pos = 0;
  constructor(private readonly tokens: readonly Token[], readonly errors: string[]) {}

  /** Directives up to the `}` closing the current block (consumed), or to the end when `topLevel`. */
  block(openLine: number, topLevel: boolean): CorefileDirective[] {
    const out: CorefileDirective[] = [];
    while (this.pos < this.tokens.length) {
      const t = this.tokens[this.pos];
      if (isClose(t)) {
        this.pos++;
        if (topLevel) this.errors.push(`line ${t.line}: unexpected "}"`);
        else return out;
        continue;
      }
      this.pos++;
      const args: string[] = [];
      let lastLine = t.endLine;
      let inner: CorefileDirective[] = [];
      while (this.pos < this.tokens.length && this.tokens[this.pos].line === lastLine && !isClose(this.tokens[this.pos])) {
        const a = this.tokens[this.pos++];
        if (isOpen(a)) {
          inner = this.block(a.line, false);
          break;
        }
        args.push(a.text);
        lastLine = a.endLine;
      }
      out.push({ name: t.text, args, block: inner, line: t.line });
    }
    if (!topLevel) this.errors.push(`line ${openLine}: "{" is never closed`);
    return out;
  }
}

/** Lower-case, fully qualified form of a domain name (`Cluster.Local` → `cluster.local.`; `.` stays `.`). */
export function fqdn(name: string): string {
  const n = name.trim().toLowerCase();
  if (n === '' || n === '.') return '.';
  return n.endsWith('.') ? n : `${n}.`;
}

/** True when `name` is `zone` or below it (every name is below the root zone `.`). */
export function inZone(name: string, zone: string): boolean {
  const n = fqdn(name);
  const z = fqdn(zone);
  return z === '.' || n === z || n.endsWith(`.${z}`);
}

/** Reverse zone of an octet- (IPv4) or nibble-aligned (IPv6) CIDR key, as CoreDNS derives it; undefined otherwise. */
function reverseZone(text: string): string | undefined {
  const c = parseCidr(text);
  if (!c.ok) return undefined;
  const { family, prefix, first } = c.value;
  const step = family === 'IPv4' ? 8 : 4;
  if (prefix % step !== 0) return undefined;
  const labels: string[] = [];
  const width = family === 'IPv4' ? 32 : 128;
  for (let bit = 0; bit < prefix; bit += step) {
    const v = (first >> BigInt(width - bit - step)) & BigInt((1 << step) - 1);
    labels.unshift(family === 'IPv4' ? v.toString(10) : v.toString(16));
  }
  return `${[...labels, family === 'IPv4' ? 'in-addr' : 'ip6', 'arpa'].join('.')}.`;
}

/** Parses one server block key: `[scheme://]zone[:port]`. */
function zoneOfKey(key: string): CorefileZone {
  let rest = key.trim();
  let scheme = 'dns';
  const sep = rest.indexOf('://');
  if (sep >= 0) {
    scheme = rest.slice(0, sep).toLowerCase();
    rest = rest.slice(sep + 3);
  }
  let port = DEFAULT_PORTS[scheme] ?? 53;
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && /^\d+$/.test(rest.slice(colon + 1))) {
    port = Number(rest.slice(colon + 1));
    rest = rest.slice(0, colon);
  }
  const zone = rest.includes('/') ? (reverseZone(rest) ?? fqdn(rest)) : fqdn(rest);
  return { zone, scheme, port };
}

function expandImports(directives: readonly CorefileDirective[], snippets: ReadonlyMap<string, readonly CorefileDirective[]>): CorefileDirective[] {
  const out: CorefileDirective[] = [];
  for (const d of directives) {
    const snippet = d.name === 'import' && d.args.length === 1 ? snippets.get(d.args[0]) : undefined;
    if (snippet) out.push(...snippet);
    else out.push(d);
  }
  return out;
}

/**
 * Parses a Corefile: server blocks (`keys { directives }`, or a single unbraced block), plugin directives
 * with arguments and nested `{ }` option blocks, `#` comments, quoted strings, and `(snippet)` definitions
 * that `import` pulls into a server block. File imports are kept as `import` directives.
 */
export function parseCorefile(text: string): Corefile {
  const errors: string[] = [];
  const tokens = tokenize(text, errors);
  const p = new Parser(tokens, errors);
  const raw: { keys: string[]; line: number; directives: CorefileDirective[] }[] = [];
  const snippets = new Map<string, CorefileDirective[]>();
  while (p.pos < tokens.length) {
    const first = tokens[p.pos];
    if (isClose(first)) {
      errors.push(`line ${first.line}: unexpected "}"`);
      p.pos++;
      continue;
    }
    const keys: string[] = [];
    // Keys run to the `{` that opens the block; several keys may be separated by spaces or commas.
    while (p.pos < tokens.length && !isOpen(tokens[p.pos]) && (keys.length === 0 || tokens[p.pos].line === tokens[p.pos - 1].endLine)) {
      keys.push(...tokens[p.pos++].text.split(',').filter((k) => k !== ''));
    }
    let directives: CorefileDirective[];
    if (isOpen(tokens[p.pos])) {
      const open = tokens[p.pos++];
      directives = p.block(open.line, false);
    } else {
      // A Corefile with a single server block may leave out the braces.
      if (raw.length > 0 || snippets.size > 0) errors.push(`line ${first.line}: server block without "{"`);
      directives = p.block(first.line, true);
    }
    const snippet = keys.length === 1 ? /^\((.+)\)$/.exec(keys[0]) : null;
    if (snippet) snippets.set(snippet[1], directives);
    else raw.push({ keys, line: first.line, directives });
  }
  const servers = raw.map((s) => ({ keys: s.keys, zones: s.keys.map(zoneOfKey), directives: expandImports(s.directives, snippets), line: s.line }));
  return { servers, errors };
}

/**
 * The server blocks that answer a query name: on each listener (scheme and port), the block whose zone
 * is the longest one containing the name, as CoreDNS routes queries.
 */
export function serversFor(corefile: Corefile, name: string): CorefileServer[] {
  const best = new Map<string, { server: CorefileServer; length: number }>();
  for (const server of corefile.servers) {
    for (const z of server.zones) {
      if (!inZone(name, z.zone)) continue;
      const key = `${z.scheme}:${z.port}`;
      const length = z.zone === '.' ? 0 : z.zone.length;
      const cur = best.get(key);
      if (!cur || length > cur.length) best.set(key, { server, length });
    }
  }
  return [...new Set([...best.values()].map((b) => b.server))];
}

/** Zones a plugin is authoritative for: its zone arguments from `skip` on, else the server block's zones. */
export function pluginZones(server: CorefileServer, directive: CorefileDirective, skip = 0): string[] {
  const args = directive.args.slice(skip);
  return args.length > 0 ? args.map(fqdn) : server.zones.map((z) => z.zone);
}

/** Options of a directive's block with the given name (`match`, `answer` of a template). */
export function blockOptions(directive: CorefileDirective, name: string): CorefileDirective[] {
  return directive.block.filter((d) => d.name === name);
}

/**
 * The cluster domain CoreDNS serves: the first zone of the first `kubernetes` plugin that is not a
 * reverse zone (kubeadm writes `kubernetes cluster.local in-addr.arpa ip6.arpa`).
 */
export function corefileClusterDomain(corefile: Corefile): string | undefined {
  for (const server of corefile.servers) {
    for (const d of server.directives) {
      if (d.name !== 'kubernetes') continue;
      const zone = pluginZones(server, d).find((z) => z !== '.' && !inZone(z, 'arpa.'));
      if (zone) return zone;
    }
  }
  return undefined;
}

/**
 * Whether a Go regexp (CoreDNS `match`) matches a name; undefined when the pattern uses syntax
 * JavaScript reads differently and cannot be checked.
 */
export function goRegexpMatches(pattern: string, name: string): boolean | undefined {
  // Go writes named groups `(?P<n>…)`; inline flags other than `(?i)` have no JavaScript form.
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  if (/\(\?[a-zA-Z]/.test(source) || /\\[pPQEzAC]/.test(source)) return undefined;
  try {
    return new RegExp(source, flags).test(name);
  } catch {
    return undefined;
  }
}
