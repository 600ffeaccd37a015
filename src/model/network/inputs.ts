/** What the cluster-network derivation reads: model collections, configuration documents and the user's overrides. */
import type { RawMap } from '../raw.js';
import type { Origin } from '../input.js';
import type { ConfigMap, Gateway, Ingress, MetalLbPool, NetworkPolicy, Node, ObjectRef, Pod, Service, ServiceCIDR, Workload } from '../types.js';

/** A configuration document that is not a model collection (kubeadm, kind, kube-proxy config). */
export type ConfigDocumentType = 'kubeadm' | 'kind' | 'kube-proxy' | 'external-network' | 'calico-installation';

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

export interface NetworkInputs {
  readonly pods: readonly Pod[];
  readonly nodes: readonly Node[];
  readonly services: readonly Service[];
  readonly configMaps: readonly ConfigMap[];
  readonly serviceCIDRs: readonly ServiceCIDR[];
  /** Objects whose invalid IPs and CIDRs DS501 reports besides Nodes, Services and Pods. */
  readonly networkPolicies?: readonly NetworkPolicy[];
  readonly ingresses?: readonly Ingress[];
  readonly gateways?: readonly Gateway[];
  readonly metallbPools?: readonly MetalLbPool[];
  readonly configDocuments: readonly ConfigDocument[];
  readonly overrides: NetworkOverrides;
  /** Workloads, to find the kube-proxy DaemonSet. */
  readonly workloads?: readonly Workload[];
  /** `gitVersion` the API server reported at `/version`. */
  readonly serverVersion?: string;
}
