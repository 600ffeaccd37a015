/** Identifies object kinds by API group and kind, so a CRD named `Node` is never a core Node. */
import type { ConfigDocumentType } from './network/inputs.js';

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `group/Kind` key, `Kind` alone for the core group. */
export function groupKind(apiVersion: string, kind: string): string {
  const g = apiGroupOf(apiVersion);
  return g === '' ? kind : `${g}/${kind}`;
}

/** apiVersion and kind of the document the file source wraps around a Cilium Helm values file (`--helm-values cilium=FILE`). */
export const HELM_VALUES_API_VERSION = 'dsaudit.io/v1';
export const CILIUM_HELM_VALUES_KIND = 'CiliumHelmValues';

/**
 * Configuration documents that declare cluster facts but are no model collection (model collections
 * are in collections.ts), keyed by `group/Kind`.
 */
const CONFIG_DOCUMENT_KINDS: Readonly<Record<string, ConfigDocumentType>> = {
  'kubeadm.k8s.io/ClusterConfiguration': 'kubeadm',
  'kind.x-k8s.io/Cluster': 'kind',
  'kubeproxy.config.k8s.io/KubeProxyConfiguration': 'kube-proxy',
  /** A network outside the cluster that its ranges must not overlap (dsaudit's own declaration kind). */
  'dsaudit.io/ExternalNetwork': 'external-network',
  /** The Tigera operator's Calico install (`spec.calicoNetwork.ipPools` seeds the IPPools). */
  'operator.tigera.io/Installation': 'calico-installation',
  /** cilium-olm's install resource: `spec` holds the Cilium Helm values. */
  'cilium.io/CiliumConfig': 'cilium-config',
  /** A Cilium Helm values file given with `--helm-values cilium=FILE`, wrapped by the file source (src/sources/helm-values.ts). */
  [groupKind(HELM_VALUES_API_VERSION, CILIUM_HELM_VALUES_KIND)]: 'cilium-helm-values',
  /** kubeadm's per-node documents: `nodeRegistration.kubeletExtraArgs` holds the kubelet's flags (`node-ip`). */
  'kubeadm.k8s.io/InitConfiguration': 'kubeadm-node',
  'kubeadm.k8s.io/JoinConfiguration': 'kubeadm-node',
  'kubelet.config.k8s.io/KubeletConfiguration': 'kubelet',
};


/**
 * Envoy listener configuration (an admin `/config_dump`, `istioctl proxy-config` output) is no
 * Kubernetes object; the file source wraps it under this apiVersion and kind so it has a row in the
 * collection table (src/sources/envoy-dump.ts).
 */
export const ENVOY_DUMP_API_VERSION = 'dsaudit.io/v1';
export const ENVOY_DUMP_KIND = 'EnvoyConfigDump';

export function configDocumentKind(apiVersion: string, kind: string): ConfigDocumentType | undefined {
  return CONFIG_DOCUMENT_KINDS[groupKind(apiVersion, kind)];
}
