/** Readers for component configuration embedded in objects: YAML strings in ConfigMaps, kubeadm extraArgs, kind defaults. */
import { parse as parseYaml } from 'yaml';
import { asArray, asMap, asString, dig, type RawMap } from '../raw.js';

const YAML_LIMITS = { maxAliasCount: 100 } as const;

/** A YAML (or JSON) document held in a string, e.g. a ConfigMap value; undefined when absent or unparsable. */
export function parseEmbeddedYaml(text: string | undefined): RawMap | undefined {
  if (!text) return undefined;
  try {
    return asMap(parseYaml(text, YAML_LIMITS));
  } catch {
    return undefined;
  }
}

/** kubeadm `extraArgs`: a map (v1beta3) or a list of `{name, value}` (v1beta4). */
export function extraArgs(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const m = asMap(v);
  if (m) for (const [k, val] of Object.entries(m)) { const s = asString(val); if (s !== undefined) out.set(k, s); }
  for (const item of asArray(v)) {
    const name = asString(dig(item, 'name'));
    const value = asString(dig(item, 'value'));
    if (name !== undefined && value !== undefined) out.set(name, value);
  }
  return out;
}

/** kind's defaults per `networking.ipFamily` (kind.sigs.k8s.io/docs/user/configuration). */
/**
 * kubeadm's `networking.serviceSubnet` when a ClusterConfiguration omits it (kubeadm
 * `DefaultServicesSubnet`, cmd/kubeadm/app/apis/kubeadm/v1beta3|v1beta4/defaults.go); podSubnet has no default.
 */
export const KUBEADM_DEFAULT_SERVICE_SUBNET = '10.96.0.0/12';

export const KIND_DEFAULTS: Readonly<Record<string, { readonly pods: readonly string[]; readonly services: readonly string[] }>> = {
  ipv4: { pods: ['10.244.0.0/16'], services: ['10.96.0.0/16'] },
  ipv6: { pods: ['fd00:10:244::/56'], services: ['fd00:10:96::/112'] },
  dual: { pods: ['10.244.0.0/16', 'fd00:10:244::/56'], services: ['10.96.0.0/16', 'fd00:10:96::/112'] },
};
