/** The normalized, frozen cluster model that rules read. Defaults are applied; IPs and CIDRs are parsed. */
import type { Cidr, Family, Ip } from '../net/index.js';
import type { Availability, CollectionName, Origin } from '../sources/types.js';

export type { Family, Cidr, Ip };

/** Identity of a Kubernetes object. `namespace` is undefined for cluster-scoped objects. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** Cluster label in multi-cluster runs; undefined for a single cluster or manifests. */
  readonly cluster?: string;
}

/** Fields every model object has. */
export interface ModelObject {
  readonly ref: ObjectRef;
  readonly origin: Origin;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** Object was read back from a cluster (has server-populated fields such as status or clusterIPs). */
  readonly live: boolean;
}

export type IpFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** A value that failed to parse, kept so rules (DS501) and input diagnostics can report it. */
export interface InvalidValue {
  readonly path: string;
  readonly value: string;
  readonly error: string;
}

export interface Service extends ModelObject {
  readonly type: ServiceType;
  /** `spec.clusterIP: None`. */
  readonly headless: boolean;
  /** `spec.selector`; null when unset or empty (selectorless Service). */
  readonly selector: Readonly<Record<string, string>> | null;
  /** Effective policy: unset means SingleStack (headless without selector: RequireDualStack). */
  readonly ipFamilyPolicy: IpFamilyPolicy;
  /** Policy was written in the object. */
  readonly ipFamilyPolicySet: boolean;
  /** `spec.ipFamilies` as written (may be empty in manifests). */
  readonly ipFamilies: readonly Family[];
  /** Allocated cluster IPs (`clusterIPs`, else `[clusterIP]`), excluding `None`. Empty in most manifests. */
  readonly clusterIPs: readonly Ip[];
  readonly externalIPs: readonly Ip[];
  readonly loadBalancerSourceRanges: readonly Cidr[];
  readonly loadBalancerIngress: readonly { readonly ip?: Ip; readonly hostname?: string }[];
  /** `default/kubernetes`, which kube-apiserver keeps single-stack by design. */
  readonly isDefaultKubernetes: boolean;
  /** NodePort, LoadBalancer, or has externalIPs. */
  readonly exposed: boolean;
  readonly invalid: readonly InvalidValue[];
}

export interface NodeAddress {
  readonly type: string;
  readonly address: string;
  readonly ip?: Ip;
}

export interface Node extends ModelObject {
  /** `spec.podCIDRs`, else `[spec.podCIDR]`. */
  readonly podCIDRs: readonly Cidr[];
  readonly addresses: readonly NodeAddress[];
  readonly deleting: boolean;
  readonly invalid: readonly InvalidValue[];
}

export interface OwnerRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid?: string;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly command: readonly string[];
  readonly args: readonly string[];
  readonly env: readonly { readonly name: string; readonly value?: string }[];
}

export interface PodSpecSummary {
  readonly hostNetwork: boolean;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  /** Field path of the pod spec inside the object (`spec` for Pods, `spec.template.spec`…). */
  readonly path: string;
}

export interface Pod extends ModelObject {
  readonly uid?: string;
  readonly nodeName?: string;
  readonly phase?: string;
  readonly podIPs: readonly Ip[];
  readonly spec: PodSpecSummary;
  readonly ownerReferences: readonly OwnerRef[];
  /** Top-level owning workload (Deployment via ReplicaSet, StatefulSet, …); the Pod itself when bare. */
  readonly topOwner: ObjectRef;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

export interface Workload extends ModelObject {
  readonly workloadKind: WorkloadKind;
  readonly podTemplate: PodSpecSummary;
  readonly templateLabels: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly OwnerRef[];
}

export interface Endpoint {
  readonly addresses: readonly string[];
  /** `conditions.ready`; nil means ready per the EndpointConditions API. */
  readonly ready: boolean;
  readonly targetUid?: string;
  readonly targetName?: string;
}

export interface EndpointSlice extends ModelObject {
  /** `kubernetes.io/service-name` label. */
  readonly serviceName?: string;
  readonly addressType: string;
  readonly endpoints: readonly Endpoint[];
}

export interface IpBlock {
  readonly cidr?: Cidr;
  readonly except: readonly Cidr[];
  readonly path: string;
}

export interface NetworkPolicy extends ModelObject {
  readonly ingressBlocks: readonly IpBlock[];
  readonly egressBlocks: readonly IpBlock[];
  readonly invalid: readonly InvalidValue[];
}

export interface Ingress extends ModelObject {
  readonly ingressClassName?: string;
  readonly loadBalancerIngress: readonly { readonly ip?: Ip; readonly hostname?: string }[];
}

export interface ConfigMap extends ModelObject {
  readonly data: Readonly<Record<string, string>>;
}

export interface ServiceCIDR extends ModelObject {
  readonly cidrs: readonly Cidr[];
}

/** A range the cluster declares, with where the declaration came from. */
export interface DeclaredRange {
  readonly cidr: Cidr;
  readonly role: 'pods' | 'services';
  /** Human-readable source, e.g. `kube-apiserver --service-cluster-ip-range`, `kubeadm-config`. */
  readonly source: string;
  /** Kind of source, in precedence order for SF/PodF. */
  readonly sourceKind: RangeSourceKind;
  /** Derived from objects (node podCIDRs, Service clusterIPs) rather than declared. */
  readonly inferred: boolean;
  readonly ref?: ObjectRef;
  /** Where the declaring object was read, so findings about the range can point at it. */
  readonly origin?: Origin;
  readonly path?: string;
}

export type RangeSourceKind =
  | 'cli'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'service-cidr'
  | 'kubeadm'
  | 'kind'
  | 'kube-proxy'
  | 'node-pod-cidrs'
  | 'service-cluster-ips'
  | 'pod-ips';

export type StackState = 'dual' | 'ipv4' | 'ipv6' | 'unknown';
export type Target = 'dual' | 'ipv4' | 'ipv6';

/** One piece of evidence about the cluster's families. */
export interface Evidence {
  readonly source: string;
  readonly role: 'pods' | 'services';
  readonly families: readonly Family[];
  readonly ranges: readonly string[];
  readonly inferred: boolean;
}

export interface ClusterNetwork {
  /** Every declared or inferred range, in source order. */
  readonly ranges: readonly DeclaredRange[];
  /** `SF`: ordered service families from the highest-precedence source. Empty when unknown. */
  readonly serviceFamilies: readonly Family[];
  /** `PodF`: union of pod families over all sources. Empty when unknown. */
  readonly podFamilies: readonly Family[];
  /** `ClusterCIDR[f]`: the pod range of each family from the highest-precedence source. */
  readonly clusterCidrs: readonly Cidr[];
  /** Node CIDR allocation by the controller-manager: true, false, or null when no source says. */
  readonly allocateNodeCidrs: boolean | null;
  /** Whether SF comes from a declared source, only from Service clusterIPs, or nowhere. */
  readonly serviceFamiliesSource: 'declared' | 'inferred' | 'none';
  /** Whether PodF comes from a declared source or node podCIDRs, only from pod IPs, or nowhere. */
  readonly podFamiliesSource: 'declared' | 'inferred' | 'none';
  /** Overall state: dual when services or pods are dual; single family when all evidence agrees. */
  readonly state: StackState;
  /** Services have two families (`ServiceDualStack`). */
  readonly serviceDualStack: boolean;
  /** Pods have two families (`PodDualStack`). */
  readonly podDualStack: boolean;
  readonly evidence: readonly Evidence[];
  readonly invalid: readonly (InvalidValue & { readonly source: string })[];
}

/** The normalized inventory of one audited cluster (or manifest set). */
export interface ClusterModel {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly ingresses: readonly Ingress[];
  readonly workloads: readonly Workload[];
  readonly configMaps: readonly ConfigMap[];
  readonly serviceCIDRs: readonly ServiceCIDR[];
  readonly clusterNetwork: ClusterNetwork;
  readonly target: Target;
  /** Name of the audited cluster (kubeconfig context or snapshot label); undefined for manifests. */
  readonly cluster?: string;
  readonly availability: Readonly<Record<CollectionName | 'clusterNetwork', Availability>>;
}
