/** Cilium's agent and operator settings in the `cilium-config` ConfigMap, read into a CNI draft. */
import { parseCidr, type Family } from '../../net/index.js';
import type { CniPool, ConfigMap, FactSource, NotUnderstood } from '../types.js';
import { OffSwitches, type CniDraft } from './cni-draft.js';
import { parseGoBool } from './go-bool.js';

/** IPAM modes whose pools Cilium takes from elsewhere: node podCIDRs, the cloud, CiliumNode or CiliumPodIPPool objects. */
const POOLS_ELSEWHERE = new Set(['kubernetes', 'eni', 'azure', 'alibabacloud', 'crd', 'delegated-plugin', 'multi-pool']);
/** Helm chart defaults `clusterPoolIPv4MaskSize` 24, `clusterPoolIPv6MaskSize` 120 (cilium/install/kubernetes/cilium/values.yaml). */
const DEFAULT_MASK: Readonly<Record<Family, number>> = { IPv4: 24, IPv6: 120 };

export function ciliumDraft(cm: ConfigMap, at: FactSource): CniDraft {
  const data = cm.data;
  const off = new OffSwitches();
  const notUnderstood: NotUnderstood[] = [];
  const flag = (key: string, dflt: boolean): boolean => {
    const v = data[key];
    if (v === undefined) return dflt;
    const b = parseGoBool(v.trim());
    if (b === undefined) notUnderstood.push({ ...at, path: `data.${key}`, detail: `${key}: ${JSON.stringify(v)} is not a boolean` });
    return b ?? dflt;
  };
  // Agent defaults: IPv4 on, IPv6 off (pkg/defaults EnableIPv4 = true, EnableIPv6 = false).
  if (!flag('enable-ipv4', true)) off.add('IPv4', at, 'enable-ipv4: "false"', 'data.enable-ipv4');
  const v6 = flag('enable-ipv6', false);
  if (!v6) off.add('IPv6', at, data['enable-ipv6'] === undefined ? 'enable-ipv6 unset (Cilium default false)' : `enable-ipv6: ${JSON.stringify(data['enable-ipv6'])}`, 'data.enable-ipv6');
  const ipam = (data.ipam ?? 'cluster-pool').trim();
  const pools: CniPool[] = [];
  if (ipam === 'cluster-pool' || ipam === 'cluster-pool-v2beta') {
    for (const family of ['IPv4', 'IPv6'] as const) {
      const v = family === 'IPv4' ? '4' : '6';
      const cidrKey = `cluster-pool-ipv${v}-cidr`;
      const maskKey = `cluster-pool-ipv${v}-mask-size`;
      const maskText = data[maskKey]?.trim();
      const mask = maskText !== undefined && /^\d{1,3}$/.test(maskText) ? Number(maskText) : undefined;
      if (maskText !== undefined && mask === undefined) notUnderstood.push({ ...at, path: `data.${maskKey}`, detail: `${maskKey}: ${JSON.stringify(maskText)} is not a mask size` });
      // A space-separated list (catalog 5.1), commas tolerated.
      const entries = (data[cidrKey] ?? '').split(/[\s,]+/).filter((s) => s !== '');
      for (const text of entries) {
        const p = parseCidr(text);
        if (!p.ok) {
          notUnderstood.push({ ...at, path: `data.${cidrKey}`, detail: `${cidrKey} entry ${JSON.stringify(text)}: ${p.error}` });
          continue;
        }
        const size = mask ?? DEFAULT_MASK[p.value.family];
        pools.push({
          ...at, path: `data.${cidrKey}`, text: `${cidrKey}: ${text}`, cidr: p.value,
          block: { size, setting: mask !== undefined ? maskKey : `${maskKey} (default ${size})`, min: p.value.prefix, max: p.value.bits, minBlocks: 1, perNode: 'required' },
        });
      }
      const enabled = family === 'IPv4' ? !off.map.has('IPv4') : v6;
      if (enabled && !pools.some((p) => p.cidr.family === family)) off.add(family, at, `ipam cluster-pool without ${cidrKey}`, `data.${cidrKey}`);
    }
  } else if (!POOLS_ELSEWHERE.has(ipam)) {
    notUnderstood.push({ ...at, path: 'data.ipam', detail: `ipam mode ${JSON.stringify(ipam)} is not one dsaudit knows; its pools are not checked` });
  }
  const poolsKnown = ipam === 'cluster-pool' || ipam === 'cluster-pool-v2beta';
  return { plugin: 'cilium', at, pools, poolsKnown, unlisted: [], off: off.map, notUnderstood };
}
