/**
 * Finds single-family listen addresses in configuration text a pod reads from a ConfigMap: nginx
 * `listen` directives, and `key: value` / `key = value` / `key value` settings (YAML, JSON,
 * properties, INI, redis.conf, postgresql.conf) whose key names a listen or bind address. Each hit
 * keeps its line, so a finding names the exact line of the key.
 */
import { parseIp, type Ip } from '../../net/index.js';
import { hostOf, isListenName } from './listen-addresses.js';

export type BindConfidence = 'high' | 'medium';

export interface ConfigBind {
  /** 1-based line in the value. */
  readonly line: number;
  /** The directive or key as written (`listen`, `server.address`). */
  readonly key: string;
  /** The line, trimmed. */
  readonly text: string;
  readonly ip: Ip;
  readonly confidence: BindConfidence;
  /** Why it matched, in a phrase. */
  readonly reason: string;
}

const V4_WILDCARD = 0n;

/** 127.0.0.0/8. */
function isLoopback(ip: Ip): boolean {
  return ip.family === 'IPv4' && ip.value >> 24n === 127n;
}

function literal(text: string): Ip | undefined {
  const host = hostOf(text);
  if (host === undefined || !/^[0-9a-fA-F:.]+$/.test(host)) return undefined;
  const p = parseIp(host);
  return p.ok ? p.value : undefined;
}

/** True when a key names the process's own listen address: `bind`, `listen_addresses`, `host`, or Spring Boot's `server.address`. */
function isBindKey(key: string): boolean {
  // Spring Boot `server.address` / Quarkus-style `server.host` (docs.spring.io common application properties: "Network address to which the server should bind").
  return isListenName(key) || /^server[._-](address|host)$/i.test(key);
}

/** A key that says listen/bind outright, rather than a bare `host`/`address` that may name a peer. */
function saysListen(key: string): boolean {
  return /(^|[._-])(listen|bind)/i.test(key) || /^server[._-]/i.test(key);
}

/**
 * nginx `listen` directives per `server` block. `listen 80;` and `listen *:80;` bind IPv4 only; IPv6
 * needs its own `listen [::]:80;` (nginx.org/en/docs/http/ngx_http_core_module.html#listen: "By default,
 * nginx will look up both IPv4 and IPv6 addresses" only for names; a port alone means `*:port`, IPv4).
 */
function nginxBinds(lines: readonly string[]): ConfigBind[] {
  const out: ConfigBind[] = [];
  let depth = 0;
  let block: { v4: { line: number; text: string; port: string; ip: Ip }[]; v6ports: Set<string> } | undefined;
  let blockDepth = -1;
  const flush = () => {
    if (!block) return;
    for (const l of block.v4) {
      if (block.v6ports.has(l.port) || block.v6ports.has('*')) continue;
      out.push({ line: l.line, key: 'listen', text: l.text, ip: l.ip, confidence: 'high', reason: `nginx listen on IPv4 port ${l.port} with no listen [::]:${l.port} in the same server block` });
    }
    block = undefined;
  };
  const wildcard = parseIp('0.0.0.0');
  lines.forEach((raw, i) => {
    const text = raw.replace(/#.*/, '').trim();
    if (/^server\s*\{/.test(text)) { flush(); block = { v4: [], v6ports: new Set() }; blockDepth = depth; }
    const m = /^listen\s+([^\s;]+)[^;]*;/.exec(text);
    if (m && block && wildcard.ok) {
      const addr = m[1];
      if (addr.startsWith('unix:')) return;
      if (addr.startsWith('[')) {
        const port = /\]:(\d+)$/.exec(addr)?.[1] ?? '80';
        block.v6ports.add(/ipv6only=off/.test(text) ? '*' : port);
      } else if (/^\d+$/.test(addr)) block.v4.push({ line: i + 1, text, port: addr, ip: wildcard.value });
      else {
        const star = /^\*:(\d+)$/.exec(addr);
        const ip = star ? wildcard.value : literal(addr);
        if (ip?.family === 'IPv4' && !isLoopback(ip)) block.v4.push({ line: i + 1, text, port: star?.[1] ?? /:(\d+)$/.exec(addr)?.[1] ?? '80', ip });
      }
    }
    for (const ch of text) { if (ch === '{') depth++; else if (ch === '}') depth--; }
    if (block && depth <= blockDepth) flush();
  });
  flush();
  return out;
}

/** `key: value`, `"key": "value"`, `key = value` or `key value` (redis.conf), comments dropped. */
const SETTING = /^\s*-?\s*["']?([A-Za-z][A-Za-z0-9_.-]*)["']?\s*(?::|=|\s)\s*(.+?)\s*,?\s*$/;

/**
 * The value of one setting: each entry of a list (`bind 127.0.0.1 ::1`, `'0.0.0.0,::'`); a setting with
 * an IPv6 or `*` entry serves both families and is no finding.
 */
function settingBind(key: string, value: string, line: number, text: string): ConfigBind | undefined {
  if (!isBindKey(key)) return undefined;
  const entries = value.replace(/^["']|["']$/g, '').split(/[\s,]+/).filter((e) => e !== '' && e !== '-');
  const ips = entries.map(literal);
  if (entries.some((e) => e === '*' || e === '::' || e === '[::]')) return undefined;
  if (ips.some((ip) => ip?.family === 'IPv6')) return undefined;
  const v4 = ips.find((ip): ip is Ip => ip?.family === 'IPv4');
  // A loopback listener serves only its own pod, which has both 127.0.0.1 and ::1 (the kubelet's /etc/hosts maps localhost to both): no family gap.
  if (!v4 || ips.every((ip) => ip === undefined || isLoopback(ip))) return undefined;
  const wildcard = v4.value === V4_WILDCARD;
  if (saysListen(key)) return { line, key, text, ip: v4, confidence: 'high', reason: `key ${key} names a listen or bind address and holds only IPv4 addresses` };
  // A bare `host`/`address` may name a peer (a database host); only 0.0.0.0 is never a peer.
  if (wildcard) return { line, key, text, ip: v4, confidence: 'medium', reason: `key ${key} holds the IPv4 wildcard 0.0.0.0, which is only ever a listen address` };
  return undefined;
}

/** Single-family binds in a configuration file's text, in line order. */
export function configBinds(text: string): ConfigBind[] {
  const lines = text.split(/\r?\n/);
  const out = nginxBinds(lines);
  lines.forEach((raw, i) => {
    const t = raw.replace(/(^|\s)[#;].*$/, '').trim();
    if (/^listen\s/.test(t)) return; // nginx, handled above
    const m = SETTING.exec(t);
    if (!m) return;
    const hit = settingBind(m[1], m[2], i + 1, raw.trim());
    if (hit) out.push(hit);
  });
  return out.sort((a, b) => a.line - b.line);
}

/** A single value a variable is set to from a ConfigMap key (`envFrom`, `configMapKeyRef`): the variable name decides. */
export function variableBind(variable: string, value: string): ConfigBind | undefined {
  return settingBind(variable, value, 1, value.trim());
}
