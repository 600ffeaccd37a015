/**
 * Cilium Helm values (a values file given with `--helm-values cilium=FILE`, or the `spec` of a cilium-olm
 * `CiliumConfig`) mapped to the `cilium-config` keys the chart renders from them, chart defaults filled
 * in, so one reader (cilium.ts) interprets both.
 */
import { asArray, asMap, type RawMap } from '../raw.js';
import type { CiliumSetting, CiliumSettings } from './cilium.js';
import { parseGoBool } from './go-bool.js';

type Written = string | number | boolean | readonly unknown[];

/**
 * `cilium-config` key → Helm value and chart default (cilium/install/kubernetes/cilium/values.yaml and
 * templates/cilium-configmap.yaml). Cluster-pool keys are rendered only for an enabled family.
 */
const KEYS: Readonly<Record<string, { readonly value: string; readonly dflt: Written; readonly family?: 'ipv4' | 'ipv6' }>> = {
  'enable-ipv4': { value: 'ipv4.enabled', dflt: true },
  'enable-ipv6': { value: 'ipv6.enabled', dflt: false },
  ipam: { value: 'ipam.mode', dflt: 'cluster-pool' },
  // Charts up to 1.14 default the list to [] and use the deprecated single clusterPoolIPv*PodCIDR instead.
  'cluster-pool-ipv4-cidr': { value: 'ipam.operator.clusterPoolIPv4PodCIDRList', dflt: ['10.0.0.0/8'], family: 'ipv4' },
  'cluster-pool-ipv6-cidr': { value: 'ipam.operator.clusterPoolIPv6PodCIDRList', dflt: ['fd00::/104'], family: 'ipv6' },
  'cluster-pool-ipv4-mask-size': { value: 'ipam.operator.clusterPoolIPv4MaskSize', dflt: 24, family: 'ipv4' },
  'cluster-pool-ipv6-mask-size': { value: 'ipam.operator.clusterPoolIPv6MaskSize', dflt: 120, family: 'ipv6' },
  'enable-ipv4-masquerade': { value: 'enableIPv4Masquerade', dflt: true },
  'enable-ipv6-masquerade': { value: 'enableIPv6Masquerade', dflt: true },
};

function at(values: RawMap, dotted: string): unknown {
  let v: unknown = values;
  for (const k of dotted.split('.')) v = asMap(v)?.[k];
  return v;
}

/** A Helm value as the chart writes it into the ConfigMap: lists joined by spaces, scalars as text. */
function rendered(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => String(x)).join(' ');
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** `prefix` is where the values sit in their document: `spec.` for a CiliumConfig, `` for a values file. */
export function ciliumValuesSettings(values: RawMap, prefix: string): CiliumSettings {
  const written = (dotted: string): unknown => {
    const v = at(values, dotted);
    return v === null ? undefined : v;
  };
  const setting = (name: string, v: unknown, dflt: boolean): CiliumSetting => ({
    value: rendered(v), path: `${prefix}${name}`, name,
    text: dflt ? `${name} unset (chart default ${rendered(v)})` : `${name}: ${JSON.stringify(v)}`,
    ...(dflt ? { defaulted: true } : {}),
  });
  const get: CiliumSettings = (key) => {
    const spec = KEYS[key];
    if (!spec) return undefined;
    if (spec.family && parseGoBool(get(`enable-${spec.family}`)!.value) !== true) return undefined;
    const v = written(spec.value);
    if (key.endsWith('-cidr') && (v === undefined || (Array.isArray(v) && asArray(v).length === 0))) {
      const single = spec.value.replace(/List$/, '');
      const old = written(single);
      return typeof old === 'string' && old !== '' ? setting(single, old, false) : setting(spec.value, spec.dflt, true);
    }
    return v === undefined ? setting(spec.value, spec.dflt, true) : setting(spec.value, v, false);
  };
  return get;
}
