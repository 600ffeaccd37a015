/** Flannel's `net-conf.json` (ConfigMap `kube-flannel-cfg`), read into a CNI draft. */
import { parseCidr, type Cidr, type Family } from '../../net/index.js';
import { asMap, asString } from '../raw.js';
import type { CniPool, FactSource, NotUnderstood } from '../types.js';
import { OffSwitches, type CniDraft } from './cni-draft.js';

/** Backends that carry both families (flannel Documentation/configuration.md, "Dual-stack"). */
const DUAL_STACK_BACKENDS = new Set(['vxlan', 'host-gw', 'wireguard', 'extension']);
/** Every backend flannel has (pkg/backend); others are not understood. */
const BACKENDS = new Set([...DUAL_STACK_BACKENDS, 'udp', 'ipip', 'ipsec', 'alivpc', 'alloc', 'awsvpc', 'gce', 'tencentvpc']);

const PATH = 'data.net-conf.json';

/**
 * Default subnet length when unset (flannel pkg/subnet `ParseConfig`/`CheckConfig`): /24 (IPv4) and /64
 * (IPv6), or two bits past a smaller network, so the network always holds four subnets.
 */
function defaultSubnetLen(net: Cidr): number {
  const dflt = net.family === 'IPv4' ? 24 : 64;
  return net.prefix <= dflt - 2 ? dflt : net.prefix + 2;
}

export function flannelDraft(text: string | undefined, at: FactSource): CniDraft {
  const off = new OffSwitches();
  const notUnderstood: NotUnderstood[] = [];
  const draft = (pools: CniPool[], poolsKnown: boolean): CniDraft => ({ plugin: 'flannel', at, pools, poolsKnown, unlisted: [], off: off.map, notUnderstood });
  let conf: Readonly<Record<string, unknown>> | undefined;
  try {
    conf = text === undefined ? undefined : asMap(JSON.parse(text));
  } catch (e) {
    notUnderstood.push({ ...at, path: PATH, detail: `net-conf.json is not JSON (${(e as Error).message})` });
    return draft([], false);
  }
  if (!conf) {
    notUnderstood.push({ ...at, path: PATH, detail: text === undefined ? 'no net-conf.json key' : 'net-conf.json is not a JSON object' });
    return draft([], false);
  }
  const pools: CniPool[] = [];
  const family = (f: Family, enableKey: string, enabledByDefault: boolean, netKey: string, lenKey: string): void => {
    const enabled = conf[enableKey] === undefined ? enabledByDefault : conf[enableKey] === true;
    if (!enabled) {
      off.add(f, at, conf[enableKey] === undefined ? `${enableKey} unset (flannel default false)` : `"${enableKey}": ${JSON.stringify(conf[enableKey])}`, PATH);
      return;
    }
    const netText = asString(conf[netKey]);
    const parsed = netText ? parseCidr(netText) : undefined;
    if (!parsed || !parsed.ok || parsed.value.family !== f) {
      if (parsed && !parsed.ok) notUnderstood.push({ ...at, path: PATH, detail: `"${netKey}": ${JSON.stringify(netText)}: ${parsed.error}` });
      off.add(f, at, netText ? `"${netKey}": ${JSON.stringify(netText)} is not an ${f} network` : `"${enableKey}": true without "${netKey}"`, PATH);
      return;
    }
    const written = conf[lenKey];
    const size = typeof written === 'number' && Number.isInteger(written) && written > 0 ? written : defaultSubnetLen(parsed.value);
    pools.push({
      ...at, path: PATH, text: `"${netKey}": "${netText}"`, cidr: parsed.value,
      // CheckConfig: SubnetLen ≤ 30 (IPv6SubnetLen ≤ 126) and the network must hold at least four subnets.
      block: { size, setting: written === size ? lenKey : `${lenKey} (default ${size})`, min: 1, max: f === 'IPv4' ? 30 : 126, minBlocks: 4, perNode: 'required' },
    });
  };
  family('IPv4', 'EnableIPv4', true, 'Network', 'SubnetLen');
  family('IPv6', 'EnableIPv6', false, 'IPv6Network', 'IPv6SubnetLen');
  const backend = asString(asMap(conf.Backend)?.Type) ?? 'udp';
  if (!BACKENDS.has(backend)) notUnderstood.push({ ...at, path: PATH, detail: `Backend.Type ${JSON.stringify(backend)} is not a flannel backend dsaudit knows` });
  else if (!DUAL_STACK_BACKENDS.has(backend) && pools.some((p) => p.cidr.family === 'IPv6')) off.add('IPv6', at, `Backend.Type "${backend}" carries no IPv6`, PATH);
  return draft(pools, true);
}
