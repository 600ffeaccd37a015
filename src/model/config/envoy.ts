/**
 * Listeners in an Envoy dump, in either JSON naming: the admin API's snake_case (`socket_address`,
 * `port_value`, `additional_addresses`, `dynamic_listeners[].active_state.listener`) or istioctl's
 * protojson camelCase (`socketAddress`, `portValue`, `additionalAddresses`, `dynamicListeners[].activeState.listener`).
 */
import { parseIp } from '../../net/index.js';
import { asArray, asMap, asString, dig, type RawMap } from '../raw.js';
import type { EnvoyBind, EnvoyListener } from '../types.js';

/** Reads a key in either naming. */
function pick(m: unknown, camel: string): unknown {
  const map = asMap(m);
  if (!map) return undefined;
  if (camel in map) return map[camel];
  return map[camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];
}

function keyOf(m: unknown, camel: string): string {
  const map = asMap(m);
  return map && camel in map ? camel : camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `address.socketAddress` of an Address message; undefined for pipes, internal listeners and envoy-internal addresses. */
function bindOf(address: unknown, path: string): EnvoyBind | undefined {
  const sa = pick(address, 'socketAddress');
  if (!asMap(sa)) return undefined;
  const text = asString(pick(sa, 'address')) ?? '';
  const portRaw = pick(sa, 'portValue');
  const port = typeof portRaw === 'number' ? portRaw : Number(asString(portRaw) ?? NaN);
  const parsed = parseIp(text);
  return {
    ...(parsed.ok ? { ip: parsed.value } : {}),
    text, port: Number.isInteger(port) ? port : 0,
    ipv4Compat: pick(sa, 'ipv4Compat') === true,
    path: `${path}.${keyOf(address, 'socketAddress')}`,
  };
}

/** One Listener message; undefined when it has no name or no socket address (skipped, as istioctl's table does). */
export function listenerOf(l: unknown, path: string): EnvoyListener | undefined {
  const name = asString(pick(l, 'name'));
  const address = bindOf(pick(l, 'address'), `${path}.address`);
  if (!name || !address) return undefined;
  const key = keyOf(l, 'additionalAddresses');
  const additional: EnvoyBind[] = [];
  asArray(pick(l, 'additionalAddresses')).forEach((a, i) => {
    const b = bindOf(pick(a, 'address'), `${path}.${key}[${i}].address`);
    if (b) additional.push(b);
  });
  return { name, address, additional, path };
}

/**
 * The dynamic listeners of a config dump (active, else warming, state), or every listener of an
 * istioctl listener list. Static listeners come from the bootstrap, not from istiod, and have no name.
 */
export function dumpListeners(dump: unknown, shape: string): EnvoyListener[] {
  const out: EnvoyListener[] = [];
  if (shape === 'listeners') {
    asArray(dump).forEach((l, i) => {
      const x = listenerOf(l, `dump[${i}]`);
      if (x) out.push(x);
    });
    return out;
  }
  asArray(dig(dump, 'configs')).forEach((c, i) => {
    const dyn = keyOf(c, 'dynamicListeners');
    asArray(pick(c, 'dynamicListeners')).forEach((d, j) => {
      for (const state of ['activeState', 'warmingState'] as const) {
        const l = pick(pick(d, state), 'listener');
        if (!asMap(l)) continue;
        const x = listenerOf(l, `dump.configs[${i}].${dyn}[${j}].${keyOf(d, state)}.listener`);
        if (x) out.push(x);
        break;
      }
    });
  });
  return out;
}

/**
 * The Pod a dump belongs to, from the bootstrap's node: Istio's node id is
 * `<type>~<ip>~<pod>.<namespace>~<namespace>.svc.<domain>` (pilot/pkg/model ParseServiceNodeWithMetadata),
 * and its metadata carries `NAME` and `NAMESPACE`.
 */
export function dumpNode(dump: unknown): { namespace: string; name: string; via: 'node-id' | 'node-metadata' } | undefined {
  for (const c of asArray(dig(dump, 'configs'))) {
    const node = pick(pick(c, 'bootstrap'), 'node');
    if (!asMap(node)) continue;
    const meta = pick(node, 'metadata') as RawMap | undefined;
    const name = asString(dig(meta, 'NAME'));
    const namespace = asString(dig(meta, 'NAMESPACE'));
    if (name && namespace) return { namespace, name, via: 'node-metadata' };
    const parts = (asString(pick(node, 'id')) ?? '').split('~');
    const dot = parts.length === 4 ? parts[2].lastIndexOf('.') : -1;
    if (dot > 0) return { name: parts[2].slice(0, dot), namespace: parts[2].slice(dot + 1), via: 'node-id' };
  }
  return undefined;
}

/** `<namespace>.<pod>.json|yaml|yml`, the name `--envoy-dump`-less captures are asked to carry. */
export function podOfFileName(file: string): { namespace: string; name: string } | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  const m = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9][-.a-z0-9]*[a-z0-9]|[a-z0-9])\.(json|ya?ml)$/.exec(base);
  return m ? { namespace: m[1], name: m[3] } : undefined;
}
