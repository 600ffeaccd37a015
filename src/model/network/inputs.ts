/** What the cluster-network derivation reads: model collections, configuration documents and the user's overrides. */
import type { RawMap } from '../raw.js';
import type { Origin } from '../input.js';
import type { ModelCollections, ObjectRef } from '../types.js';

export type ConfigDocumentType = 'kubeadm' | 'kind' | 'kube-proxy' | 'external-network' | 'calico-installation' | 'cilium-config' | 'cilium-helm-values' | 'kubeadm-node' | 'kubelet';

/** A configuration document that is not a model collection (kubeadm, kind, kube-proxy config). */
export interface ConfigDocument {
  readonly type: ConfigDocumentType;
  readonly body: RawMap;
  readonly ref?: ObjectRef;
  readonly origin?: Origin;
  /** Human-readable name of where the document came from. */
  readonly label: string;
}

export interface NetworkOverrides {
  readonly serviceCidrs?: readonly string[];
  readonly podCidrs?: readonly string[];
  /** Networks outside the cluster (`--external-cidr`, `externalNetworks:` in the config file). */
  readonly externalNetworks?: readonly { readonly name?: string; readonly cidr: string; readonly severity?: 'error' | 'warning' | 'info'; readonly source: string }[];
}

export type NetworkInputs = Pick<ModelCollections, 'pods' | 'nodes' | 'services' | 'configMaps' | 'serviceCIDRs'> &
  /** Objects whose invalid IPs and CIDRs DS501 reports besides Nodes, Services and Pods; workloads, to find the kube-proxy DaemonSet. */
  Partial<Pick<ModelCollections, 'networkPolicies' | 'ingresses' | 'gateways' | 'metallbPools' | 'workloads'>> & {
    readonly configDocuments: readonly ConfigDocument[];
    readonly overrides: NetworkOverrides;
    /** `gitVersion` the API server reported at `/version`. */
    readonly serverVersion?: string;
  };
