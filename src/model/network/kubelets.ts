/** Reads the kubelet flags kubeadm passes from InitConfiguration/JoinConfiguration `nodeRegistration.kubeletExtraArgs`. */
import { parseIp, type Ip } from '../../net/index.js';
import { extraArgs } from '../config/embedded-config.js';
import { dig } from '../raw.js';
import type { KubeletFlags } from '../types.js';
import { fact, featureGateMap, parseFeatureGates } from './components.js';
import { parseEmbeddedYaml } from '../config/embedded-config.js';
import type { ConfigMap } from '../types.js';
import type { ConfigDocument } from './inputs.js';

export function readKubelets(docs: readonly ConfigDocument[], configMaps: readonly ConfigMap[]): KubeletFlags[] {
  const out: KubeletFlags[] = [];
  // kubeadm uploads the KubeletConfiguration to kube-system/kubelet-config (before 1.24 kubelet-config-<version>).
  for (const cm of configMaps) {
    if (cm.ref.namespace !== 'kube-system' || !/^kubelet-config(-[\d.]+)?$/.test(cm.ref.name)) continue;
    const body = parseEmbeddedYaml(cm.data.kubelet);
    if (body) out.push({ ...fact(`ConfigMap kube-system/${cm.ref.name} kubelet featureGates`, cm, 'data.kubelet'), featureGates: featureGateMap(body.featureGates) });
  }
  for (const doc of docs) {
    if (doc.type === 'kubelet') out.push({ ...fact(`${doc.label} featureGates`, doc, 'featureGates'), featureGates: featureGateMap(doc.body.featureGates) });
  }
  for (const doc of docs) {
    if (doc.type !== 'kubeadm-node') continue;
    // A map in v1beta3, a list of {name, value} in v1beta4; kubeadm writes them to kubeadm-flags.env.
    const args = extraArgs(dig(doc.body, 'nodeRegistration', 'kubeletExtraArgs'));
    if (args.size === 0) continue;
    const nodeIp = args.get('node-ip');
    const cloudProvider = args.get('cloud-provider');
    out.push({
      ...fact(`${doc.label} nodeRegistration.kubeletExtraArgs`, doc, 'nodeRegistration.kubeletExtraArgs'),
      ...(nodeIp !== undefined ? { nodeIp } : {}),
      ...(cloudProvider !== undefined ? { cloudProvider } : {}),
      featureGates: parseFeatureGates(args.get('feature-gates')),
    });
  }
  return out;
}

/**
 * A `--node-ip` value split as component-helpers `parseNodeIP` does (node/util/ips.go): on commas, each
 * entry trimmed; the kubelet logs and ignores entries that do not parse, the annotation parser rejects them.
 */
export function nodeIpList(text: string): { readonly ips: readonly Ip[]; readonly unparsable: readonly string[] } {
  const ips: Ip[] = [];
  const unparsable: string[] = [];
  for (const entry of text.split(',')) {
    const p = parseIp(entry.trim());
    if (p.ok) ips.push(p.value);
    else unparsable.push(entry.trim());
  }
  return { ips, unparsable };
}
