/** Finds the literal listen/bind addresses a pod spec passes to its containers in command, args and env. */
import { parseIp, type Ip } from '../../net/index.js';
import type { Container, PodSpecSummary, Probe } from '../types.js';

/** A literal IP in a listen or bind position. */
export interface ListenAddress {
  readonly container: string;
  /** Field path of the command, argument or env value holding it, e.g. `spec.template.spec.containers[0].args[2]`. */
  readonly path: string;
  /** The flag or env variable name, or `''` for a positional argument. */
  readonly name: string;
  /** The value as written (`0.0.0.0:8080`). */
  readonly value: string;
  readonly ip: Ip;
  /** `0.0.0.0` or `::`: every address of the family. */
  readonly wildcard: boolean;
}

/** Name words that make a flag or variable a listen address (`--bind-address`, `--web.listen-address`, `LISTEN_ADDR`). */
const LISTEN_WORD = /^(listen|bind)/;
/** Last words naming an address (`--host`, `HTTP_ADDR`). */
const ADDRESS_WORDS = new Set(['host', 'address', 'addr', 'ip', 'interface', 'iface']);
/** Words that, before an address word, describe the process's own endpoint (`--metrics-address`, `GRPC_HOST`). */
const OWN_ENDPOINT_WORDS = new Set([
  'http', 'https', 'grpc', 'metrics', 'health', 'healthz', 'probe', 'web', 'admin', 'debug', 'status', 'pprof',
  'secure', 'insecure', 'serve', 'serving', 'local',
]);

/** True when a flag or env variable name says it holds the process's own listen address. */
export function isListenName(name: string): boolean {
  const words = name.toLowerCase().replace(/^-+/, '').split(/[-_.]+/).filter(Boolean);
  if (words.length === 0) return false;
  if (words.some((w) => LISTEN_WORD.test(w))) return true;
  const last = words[words.length - 1];
  return ADDRESS_WORDS.has(last) && words.slice(0, -1).every((w) => OWN_ENDPOINT_WORDS.has(w));
}

/**
 * The host of `host`, `host:port`, `[v6]:port` or `scheme://host[:port][/path]`; undefined when there
 * is none (`:8080`) or the text is something else (a list, a CIDR, a sentence).
 */
export function hostOf(value: string): string | undefined {
  let v = value.trim().replace(/^["']|["']$/g, '');
  const scheme = v.indexOf('://');
  if (scheme >= 0) v = v.slice(scheme + 3).replace(/^[^@/]*@/, '').split('/')[0];
  if (v === '' || /[\s,/=]/.test(v)) return undefined;
  if (v.startsWith('[')) {
    const end = v.indexOf(']');
    return end > 1 ? v.slice(1, end) : undefined;
  }
  const colons = v.split(':').length - 1;
  if (colons === 0) return v;
  if (colons === 1) return v.slice(0, v.indexOf(':')) || undefined;
  return v;
}

function literalIp(value: string): Ip | undefined {
  const host = hostOf(value);
  if (host === undefined || !/^[0-9a-fA-F:.]+$/.test(host)) return undefined;
  const p = parseIp(host);
  return p.ok ? p.value : undefined;
}

interface Token {
  readonly text: string;
  readonly path: string;
}

/** argv as the kernel sees it (command then args), with shell scripts (`sh -c "…"`) split into words. */
function tokens(c: Container, base: string): Token[] {
  const out: Token[] = [];
  const add = (list: readonly string[], field: string) =>
    list.forEach((s, i) => {
      for (const w of s.split(/\s+/)) if (w !== '') out.push({ text: w.replace(/^["']|["';]$/g, ''), path: `${base}.${field}[${i}]` });
    });
  add(c.command, 'command');
  add(c.args, 'args');
  return out;
}

/** A value the process is handed: a flag's value, a positional argument or an env value, with the name it comes under. */
interface Setting {
  /** The flag or env variable name, or `''` for a positional argument. */
  readonly name: string;
  readonly value: string;
  readonly path: string;
  /** The name says it is the process's own listen address. */
  readonly listen: boolean;
}

/** Every flag value, positional argument and env value of a container, in argv then env order. */
function settings(c: Container, base: string): Setting[] {
  const out: Setting[] = [];
  const argv = tokens(c, base);
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i];
    if (t.text.startsWith('-') && !/^-+$/.test(t.text)) {
      const eq = t.text.indexOf('=');
      const name = (eq > 0 ? t.text.slice(0, eq) : t.text).replace(/^-+/, '');
      if (eq > 0) out.push({ name, value: t.text.slice(eq + 1), path: t.path, listen: isListenName(name) });
      else if (i + 1 < argv.length && !argv[i + 1].text.startsWith('-')) {
        out.push({ name, value: argv[i + 1].text, path: argv[i + 1].path, listen: isListenName(name) });
        i++;
      }
    } else out.push({ name: '', value: t.text, path: t.path, listen: false });
  }
  for (const e of c.env) if (e.value !== undefined) out.push({ name: e.name, value: e.value, path: `${e.path}.value`, listen: isListenName(e.name) });
  return out;
}

function scanContainer(c: Container, base: string, out: ListenAddress[]): void {
  for (const { name, value, path, listen } of settings(c, base)) {
    const ip = literalIp(value);
    if (!ip) continue;
    const wildcard = ip.value === 0n;
    // A wildcard is never a peer address, so it counts wherever it appears; other literals only under a listen name.
    if (wildcard || listen) out.push({ container: c.name, path, name, value, ip, wildcard });
  }
}

/** The downward API fields that hold one address of the pod or node: the primary family's only. */
export const SINGLE_IP_FIELDS: ReadonlySet<string> = new Set(['status.podIP', 'status.hostIP']);

/** A downward API single address (`status.podIP`) a container uses as its listen address or joins to a port. */
export interface SingleIpUse {
  readonly container: string;
  readonly path: string;
  /** The flag or env variable name it is passed under, or `''`. */
  readonly name: string;
  readonly value: string;
  /** The env variable holding it (`POD_IP`) and its field (`status.podIP`). */
  readonly variable: string;
  readonly fieldPath: string;
  /**
   * `listen`: the host of a listen or bind setting (the process serves one family only);
   * `hostPort`: joined to a port without brackets (`$(POD_IP):7946`), which an IPv6 address makes ambiguous.
   */
  readonly use: 'listen' | 'hostPort';
}

/**
 * Where a container expands a `status.podIP`/`status.hostIP` variable (`$(POD_IP)`, which the kubelet
 * expands in command, args and env values; `$$(…)` escapes it) as its listen host or as `host:port`.
 */
export function singleIpUses(spec: PodSpecSummary): SingleIpUse[] {
  const out: SingleIpUse[] = [];
  for (const c of [...spec.containers, ...spec.initContainers]) {
    const vars = new Map(c.env.filter((e) => e.fieldRef !== undefined && SINGLE_IP_FIELDS.has(e.fieldRef)).map((e) => [e.name, e.fieldRef as string]));
    if (vars.size === 0) continue;
    for (const s of settings(c, c.path)) {
      for (const m of s.value.matchAll(/(^|[^$])\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)) {
        const fieldPath = vars.get(m[2]);
        if (!fieldPath) continue;
        const ref = `$(${m[2]})`;
        const use = s.listen && hostOf(s.value) === ref ? 'listen' : s.value.includes(`${ref}:`) && !s.value.includes(`[${ref}]`) ? 'hostPort' : undefined;
        if (use) out.push({ container: c.name, path: s.path, name: s.name, value: s.value, variable: m[2], fieldPath, use });
      }
    }
  }
  return out;
}

/** Every literal IP a pod spec's containers (and init containers) are told to listen on, in spec order. */
export function listenAddresses(spec: PodSpecSummary): ListenAddress[] {
  const out: ListenAddress[] = [];
  for (const c of spec.containers) scanContainer(c, c.path, out);
  for (const c of spec.initContainers) scanContainer(c, c.path, out);
  return out;
}

/** An IP literal a probe connects to: its HTTP or TCP host, or a loopback address in its command (`curl http://127.0.0.1:8080/`). */
export interface ProbeTarget {
  readonly probe: Probe;
  readonly container: string;
  readonly ip: Ip;
  readonly value: string;
  readonly path: string;
  readonly handler: 'host' | 'exec';
  /** 127.0.0.0/8 or ::1: the pod's own loopback for exec probes, the node's for an httpGet or tcpSocket host. */
  readonly loopback: boolean;
}

/** 127.0.0.0/8 or ::1. */
function isLoopback(ip: Ip): boolean {
  return ip.family === 'IPv4' ? ip.value >> 24n === 127n : ip.value === 1n;
}

/** Every IP literal the probes of a pod spec's containers connect to. */
export function probeTargets(spec: PodSpecSummary): ProbeTarget[] {
  const out: ProbeTarget[] = [];
  for (const c of spec.containers) {
    for (const probe of c.probes) {
      if (probe.host) {
        const ip = literalIp(probe.host.text);
        if (ip) out.push({ probe, container: c.name, ip, value: probe.host.text, path: probe.host.path, handler: 'host', loopback: isLoopback(ip) });
      }
      probe.exec?.command.forEach((arg, i) => {
        for (const w of arg.split(/\s+/)) {
          const word = w.replace(/^["']|["';]$/g, '');
          const ip = literalIp(word);
          // Other literals in a command may be peers (a DNS server to query); the loopback is the container itself.
          if (ip && isLoopback(ip)) out.push({ probe, container: c.name, ip, value: word, path: `${probe.exec!.path}[${i}]`, handler: 'exec', loopback: true });
        }
      });
    }
  }
  return out;
}
