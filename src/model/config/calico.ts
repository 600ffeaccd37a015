/**
 * Calico's pod-address configuration, read into a CNI draft: IPPools, the operator's Installation,
 * calico-node's environment and the CNI config in the `calico-config` ConfigMap.
 */
import { parseCidr, type Family } from '../../net/index.js';
import { asArray, asMap, asString, dig, type RawMap } from '../raw.js';
import type { CalicoIpPool, CniConfig, CniPool, Container, FactSource, MasqueradeSetting, NotUnderstood } from '../types.js';
import { masqueradeSetting, OffSwitches, type CniDraft } from './cni-draft.js';
import { parseGoBool } from './go-bool.js';

/** IPPool `blockSize` bounds and defaults (docs.tigera.io/calico/latest/reference/resources/ippool). */
const BLOCK: Readonly<Record<Family, { readonly min: number; readonly max: number; readonly dflt: number }>> = {
  IPv4: { min: 20, max: 32, dflt: 26 },
  IPv6: { min: 116, max: 128, dflt: 122 },
};
/** calico-node's default IPv4 pool when `CALICO_IPV4POOL_CIDR` is unset (node/pkg/lifecycle/startup). */
const DEFAULT_IPV4_POOL = '192.168.0.0/16';
/** IP-in-IP "supports only IPv4 addresses" (docs.tigera.io, configuring vxlan-ipip). */
const IPIP = /^(Always|CrossSubnet|IPIP|IPIPCrossSubnet)$/;
/**
 * NAT outgoing of the pools calico-node creates at start-up: `CALICO_IPV4POOL_NAT_OUTGOING` defaults
 * true, `CALICO_IPV6POOL_NAT_OUTGOING` false (docs.tigera.io/calico/latest/reference/configure-calico-node).
 */
const ENV_NAT_DEFAULT: Readonly<Record<Family, boolean>> = { IPv4: true, IPv6: false };

export interface CalicoInputs {
  readonly pools: readonly CalicoIpPool[];
  readonly installation?: { readonly body: RawMap; readonly at: FactSource };
  readonly cniConfig?: { readonly text: string | undefined; readonly at: FactSource };
  readonly node?: { readonly container: Container; readonly at: FactSource };
}

function pool(
  at: FactSource, path: string, text: string, cidr: ReturnType<typeof parseCidr>, blockSize: number | undefined, setting: string,
  nat: (family: Family) => MasqueradeSetting,
): CniPool | undefined {
  if (!cidr.ok) return undefined;
  const b = BLOCK[cidr.value.family];
  const size = blockSize ?? b.dflt;
  return {
    ...at, path, text, cidr: cidr.value, masquerade: nat(cidr.value.family),
    block: { size, setting: blockSize !== undefined ? setting : `${setting} (default ${size})`, min: b.min, max: b.max, minBlocks: 1, perNode: 'preferred' },
  };
}

/** calico-node's `CALICO_IPV*POOL_NAT_OUTGOING` for the pool of `family` it creates. */
function envNat(c: Container, at: FactSource, family: Family): MasqueradeSetting {
  const name = `CALICO_IPV${family === 'IPv4' ? '4' : '6'}POOL_NAT_OUTGOING`;
  const e = env(c, name);
  const written = e?.value !== undefined ? parseGoBool(e.value.trim()) : undefined;
  const on = written ?? ENV_NAT_DEFAULT[family];
  return masqueradeSetting(at, family, on, written === undefined ? `${name} unset (default ${ENV_NAT_DEFAULT[family]})` : `${name}=${e!.value!}`, e?.path ?? c.path);
}

/** The calico plugin entry of a CNI config or conflist, after calico's install placeholders (`__CNI_MTU__`) are filled. */
function calicoPlugin(text: string): RawMap | undefined {
  const filled = text.replace(/:\s*__[A-Z0-9_]+__/g, ': null');
  const conf = asMap(JSON.parse(filled));
  if (!conf) return undefined;
  if (asString(conf.type) === 'calico') return conf;
  return asArray(conf.plugins).map(asMap).find((p) => asString(p?.type) === 'calico');
}

function env(c: Container, name: string): { readonly value?: string; readonly path: string } | undefined {
  return c.env.find((e) => e.name === name);
}

export function calicoDraft(inputs: CalicoInputs, at: FactSource): CniDraft {
  const off = new OffSwitches();
  const notUnderstood: NotUnderstood[] = [];
  const pools: CniPool[] = [];
  const unlisted: Family[] = [];
  const ipipV6: { at: FactSource; text: string; path: string }[] = [];
  const masquerade: CniConfig['masquerade'][number][] = [];
  let poolsKnown = true;

  if (inputs.pools.length > 0) {
    // Live IPPools are the pools in effect; calico-node's env and the Installation only seed them at install.
    for (const p of inputs.pools) {
      if (p.disabled || !p.cidr) continue;
      const pat: FactSource = { source: `IPPool ${p.ref.name}`, ref: p.ref, origin: p.origin, object: p };
      if (p.cidr.family === 'IPv6' && p.ipipMode && IPIP.test(p.ipipMode)) {
        ipipV6.push({ at: pat, text: `IPPool ${p.ref.name} ipipMode: ${p.ipipMode}`, path: 'spec.ipipMode' });
        continue;
      }
      // natOutgoing defaults to false (docs.tigera.io/calico/latest/reference/resources/ippool).
      const nat = (family: Family): MasqueradeSetting =>
        masqueradeSetting(pat, family, p.natOutgoing, `IPPool ${p.ref.name} ${p.natOutgoing ? 'natOutgoing: true' : 'without natOutgoing: true'}`, 'spec.natOutgoing');
      const made = pool(pat, 'spec.cidr', `IPPool ${p.ref.name} ${p.cidr.text}`, { ok: true, value: p.cidr }, p.blockSize, 'spec.blockSize', nat);
      if (made) pools.push(made);
    }
  } else if (inputs.installation) {
    const { body, at: iat } = inputs.installation;
    const list = asArray(dig(body, 'spec', 'calicoNetwork', 'ipPools'));
    if (dig(body, 'spec', 'calicoNetwork', 'ipPools') === undefined) poolsKnown = false;
    list.forEach((item, i) => {
      const path = `spec.calicoNetwork.ipPools[${i}]`;
      const text = asString(dig(item, 'cidr'))?.trim() ?? '';
      const cidr = parseCidr(text);
      if (!cidr.ok) {
        notUnderstood.push({ ...iat, path: `${path}.cidr`, detail: `ipPools[${i}].cidr ${JSON.stringify(text)}: ${cidr.error}` });
        return;
      }
      const enc = asString(dig(item, 'encapsulation'));
      if (cidr.value.family === 'IPv6' && enc && IPIP.test(enc)) {
        ipipV6.push({ at: iat, text: `Installation ipPools[${i}] encapsulation: ${enc}`, path: `${path}.encapsulation` });
        return;
      }
      const bs = dig(item, 'blockSize');
      // The operator's natOutgoing is "Enabled" or "Disabled", default Enabled (operator.tigera.io/v1 IPPool).
      const natText = asString(dig(item, 'natOutgoing'));
      const nat = (family: Family): MasqueradeSetting =>
        masqueradeSetting(iat, family, natText !== 'Disabled', natText === undefined ? `ipPools[${i}].natOutgoing unset (default Enabled)` : `ipPools[${i}].natOutgoing: ${natText}`, natText === undefined ? path : `${path}.natOutgoing`);
      const made = pool(iat, `${path}.cidr`, `Installation ipPools[${i}] ${text}`, cidr, typeof bs === 'number' ? bs : undefined, `ipPools[${i}].blockSize`, nat);
      if (made) pools.push(made);
    });
    for (const family of ['IPv4', 'IPv6'] as const) {
      if (poolsKnown && !pools.some((p) => p.cidr.family === family) && !ipipV6.length) off.add(family, iat, `Installation spec.calicoNetwork.ipPools has no ${family} pool`, 'spec.calicoNetwork.ipPools');
    }
  } else if (inputs.node) {
    const { container: c, at: nat } = inputs.node;
    const noDefaults = parseGoBool(env(c, 'NO_DEFAULT_POOLS')?.value) === true;
    const v4 = env(c, 'CALICO_IPV4POOL_CIDR');
    const v4text = v4?.value ?? (v4 || noDefaults ? undefined : DEFAULT_IPV4_POOL);
    if (v4text) {
      const bs = Number(env(c, 'CALICO_IPV4POOL_BLOCK_SIZE')?.value);
      const made = pool(nat, v4?.path ?? c.path, `CALICO_IPV4POOL_CIDR=${v4text}${v4 ? '' : ' (default)'}`, parseCidr(v4text), Number.isInteger(bs) && bs > 0 ? bs : undefined, 'CALICO_IPV4POOL_BLOCK_SIZE', (f) => envNat(c, nat, f));
      if (made) pools.push(made);
    }
    const v6 = env(c, 'CALICO_IPV6POOL_CIDR');
    if (v6?.value) {
      const bs = Number(env(c, 'CALICO_IPV6POOL_BLOCK_SIZE')?.value);
      const made = pool(nat, v6.path, `CALICO_IPV6POOL_CIDR=${v6.value}`, parseCidr(v6.value), Number.isInteger(bs) && bs > 0 ? bs : undefined, 'CALICO_IPV6POOL_BLOCK_SIZE', (f) => envNat(c, nat, f));
      if (made) pools.push(made);
    } else if (!noDefaults) {
      // calico-node generates a random ULA /48 when IPv6 is on (node/pkg/lifecycle/startup GenerateIPv6ULAPrefix).
      unlisted.push('IPv6');
      masquerade.push({ ...envNat(c, nat, 'IPv6'), generatedUla: true });
    }
  } else poolsKnown = false;
  for (const x of ipipV6) if (!pools.some((p) => p.cidr.family === 'IPv6')) off.add('IPv6', x.at, `${x.text} (IP-in-IP carries only IPv4)`, x.path);

  if (inputs.node) {
    const { container: c, at: nat } = inputs.node;
    // Felix's Ipv6Support defaults to true, but without an IPv6 node address (IP6 unset means none) there is nothing to route.
    const felix = env(c, 'FELIX_IPV6SUPPORT');
    if (felix && felix.value !== undefined && parseGoBool(felix.value) === false) off.add('IPv6', nat, `FELIX_IPV6SUPPORT=${felix.value}`, felix.path);
    const ip6 = env(c, 'IP6');
    if (!ip6) off.add('IPv6', nat, 'IP6 unset (calico-node gives the node no IPv6 address)', c.path);
    else if (ip6.value !== undefined && ip6.value.trim().toLowerCase() === 'none') off.add('IPv6', nat, 'IP6=none', ip6.path);
    const ip = env(c, 'IP');
    if (ip?.value !== undefined && ip.value.trim().toLowerCase() === 'none') off.add('IPv4', nat, 'IP=none', ip.path);
  }

  if (inputs.cniConfig) {
    const { text, at: cat } = inputs.cniConfig;
    const path = 'data.cni_network_config';
    let plugin: RawMap | undefined;
    try {
      plugin = text === undefined ? undefined : calicoPlugin(text);
    } catch (e) {
      notUnderstood.push({ ...cat, path, detail: `cni_network_config is not JSON (${(e as Error).message})` });
    }
    const ipam = asMap(plugin?.ipam);
    const type = asString(ipam?.type);
    if (plugin && type === 'calico-ipam') {
      // assign_ipv4 defaults to "true", assign_ipv6 to "false"; both are strings (calico cni-plugin types.IPAMConfig).
      if (asString(ipam?.assign_ipv4) === 'false') off.add('IPv4', cat, 'ipam.assign_ipv4: "false"', path);
      const v6 = asString(ipam?.assign_ipv6);
      if (v6 !== 'true') off.add('IPv6', cat, v6 === undefined ? 'ipam.assign_ipv6 unset (default "false")' : `ipam.assign_ipv6: ${JSON.stringify(v6)}`, path);
    } else if (plugin && type === 'host-local') {
      // host-local takes the node's podCIDRs: `usePodCidr` (IPv4) and `usePodCidrIPv6` subnets.
      const subnets = [asString(ipam?.subnet), ...asArray(ipam?.ranges).flatMap((r) => asArray(r).map((x) => asString(dig(x, 'subnet'))))];
      if (!subnets.includes('usePodCidr')) off.add('IPv4', cat, 'host-local IPAM without a usePodCidr range', path);
      if (!subnets.includes('usePodCidrIPv6')) off.add('IPv6', cat, 'host-local IPAM without a usePodCidrIPv6 range', path);
    } else if (text !== undefined && notUnderstood.length === 0) {
      notUnderstood.push({ ...cat, path, detail: plugin ? `ipam type ${JSON.stringify(type ?? '')} is not one dsaudit reads` : 'no calico plugin in cni_network_config' });
    }
  }
  return { plugin: 'calico', at, pools, poolsKnown, unlisted, off: off.map, masquerade, notUnderstood };
}
