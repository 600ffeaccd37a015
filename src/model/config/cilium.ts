/** Cilium's agent and operator settings (the `cilium-config` ConfigMap keys, however stated), read into a CNI draft. */
import { parseCidr, type Family } from '../../net/index.js';
import type { CniPool, ConfigMap, FactSource, MasqueradeSetting, NotUnderstood } from '../types.js';
import { masqueradeSetting, OffSwitches, type CniDraft } from './cni-draft.js';
import { parseGoBool } from './go-bool.js';

/** IPAM modes whose pools Cilium takes from elsewhere: node podCIDRs, the cloud, CiliumNode or CiliumPodIPPool objects. */
const POOLS_ELSEWHERE = new Set(['kubernetes', 'eni', 'azure', 'alibabacloud', 'crd', 'delegated-plugin', 'multi-pool']);
/** Helm chart defaults `clusterPoolIPv4MaskSize` 24, `clusterPoolIPv6MaskSize` 120 (cilium/install/kubernetes/cilium/values.yaml). */
const DEFAULT_MASK: Readonly<Record<Family, number>> = { IPv4: 24, IPv6: 120 };

/** One `cilium-config` key as a source states it: the value, its field path, and how messages name it. */
export interface CiliumSetting {
  readonly value: string;
  readonly path: string;
  /** The setting's name in its source (`enable-ipv6`, `ipv6.enabled`). */
  readonly name: string;
  /** The setting as written, for messages (`enable-ipv6: "false"`, `ipv6.enabled unset (chart default false)`). */
  readonly text: string;
  /** Not written: a default filled in (Helm chart values). */
  readonly defaulted?: boolean;
}

/** The `cilium-config` keys of one source: the ConfigMap itself, or Helm values mapped to the keys the chart renders. */
export type CiliumSettings = (key: string) => CiliumSetting | undefined;

/** The keys of the `cilium-config` ConfigMap as written. */
export function configMapSettings(cm: ConfigMap): CiliumSettings {
  return (key) => {
    const value = cm.data[key];
    return value === undefined ? undefined : { value, path: `data.${key}`, name: key, text: `${key}: ${JSON.stringify(value)}` };
  };
}

export function ciliumDraft(get: CiliumSettings, at: FactSource): CniDraft {
  const off = new OffSwitches();
  const notUnderstood: NotUnderstood[] = [];
  const flag = (key: string, dflt: boolean): { on: boolean; text: string; path: string } => {
    const s = get(key);
    if (s === undefined) return { on: dflt, text: `${key} unset (Cilium default ${dflt})`, path: `data.${key}` };
    const b = parseGoBool(s.value.trim());
    if (b === undefined) notUnderstood.push({ ...at, path: s.path, detail: `${s.text} is not a boolean` });
    return { on: b ?? dflt, text: s.text, path: s.path };
  };
  // Agent defaults: IPv4 on, IPv6 off (pkg/defaults EnableIPv4 = true, EnableIPv6 = false).
  const v4 = flag('enable-ipv4', true);
  if (!v4.on) off.add('IPv4', at, v4.text, v4.path);
  const v6 = flag('enable-ipv6', false);
  if (!v6.on) off.add('IPv6', at, v6.text, v6.path);
  // Masquerading of endpoint traffic leaving the node; the agent and the chart default both families to true.
  const masq: Record<Family, MasqueradeSetting> = {
    IPv4: ((f) => masqueradeSetting(at, 'IPv4', f.on, f.text, f.path))(flag('enable-ipv4-masquerade', true)),
    IPv6: ((f) => masqueradeSetting(at, 'IPv6', f.on, f.text, f.path))(flag('enable-ipv6-masquerade', true)),
  };
  const ipamSetting = get('ipam');
  const ipam = (ipamSetting?.value ?? 'cluster-pool').trim();
  const pools: CniPool[] = [];
  if (ipam === 'cluster-pool' || ipam === 'cluster-pool-v2beta') {
    for (const family of ['IPv4', 'IPv6'] as const) {
      const v = family === 'IPv4' ? '4' : '6';
      const cidrKey = `cluster-pool-ipv${v}-cidr`;
      const maskKey = `cluster-pool-ipv${v}-mask-size`;
      const maskSetting = get(maskKey);
      const maskText = maskSetting?.value.trim();
      const mask = maskText !== undefined && /^\d{1,3}$/.test(maskText) ? Number(maskText) : undefined;
      if (maskSetting && mask === undefined) notUnderstood.push({ ...at, path: maskSetting.path, detail: `${maskSetting.text} is not a mask size` });
      const cidrs = get(cidrKey);
      // A space-separated list (catalog 5.1), commas tolerated.
      const entries = (cidrs?.value ?? '').split(/[\s,]+/).filter((s) => s !== '');
      for (const text of entries) {
        const p = parseCidr(text);
        if (!p.ok) {
          notUnderstood.push({ ...at, path: cidrs!.path, detail: `${cidrKey} entry ${JSON.stringify(text)}: ${p.error}` });
          continue;
        }
        const size = mask ?? DEFAULT_MASK[p.value.family];
        const maskName = maskSetting?.name ?? maskKey;
        pools.push({
          ...at, path: cidrs!.path, text: `${cidrs!.name}: ${text}`, cidr: p.value, masquerade: masq[p.value.family],
          block: { size, setting: mask !== undefined && !maskSetting?.defaulted ? maskName : `${maskName} (default ${size})`, min: p.value.prefix, max: p.value.bits, minBlocks: 1, perNode: 'required' },
        });
      }
      const enabled = family === 'IPv4' ? v4.on : v6.on;
      if (enabled && !pools.some((p) => p.cidr.family === family)) off.add(family, at, `ipam cluster-pool without ${cidrKey}`, cidrs?.path ?? `data.${cidrKey}`);
    }
  } else if (!POOLS_ELSEWHERE.has(ipam)) {
    notUnderstood.push({ ...at, path: ipamSetting?.path ?? 'data.ipam', detail: `ipam mode ${JSON.stringify(ipam)} is not one dsaudit knows; its pools are not checked` });
  }
  const poolsKnown = ipam === 'cluster-pool' || ipam === 'cluster-pool-v2beta';
  return { plugin: 'cilium', at, pools, poolsKnown, unlisted: [], off: off.map, masquerade: poolsKnown ? [] : [masq.IPv4, masq.IPv6], notUnderstood };
}
