/** The normalized, frozen cluster model that rules read. Defaults are applied; IPs and CIDRs are parsed. */
import type { Cidr, Family, Ip, IpRange } from '../net/index.js';
import type { Corefile } from './config/corefile.js';
import type { Availability, Origin } from './input.js';

export type { Family, Cidr, Ip };

/** Identity of a Kubernetes object. `namespace` is undefined for cluster-scoped objects. */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** The cluster (kubeconfig context or snapshot cluster name) of an object read from a live cluster or a snapshot; undefined for manifests. */
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
  /** Who a fix must go through (src/model/owners.ts); undefined for an object nothing manages. */
  readonly owner?: Owner;
}

/** How an owner was found: a release or sync tool's metadata, or the controller chain. */
export type OwnerVia = 'helm' | 'argocd' | 'flux' | 'ownerReferences' | 'gateway-api';

/**
 * The tool or controller that would revert a direct edit of an object: a Helm release, an Argo CD
 * Application, a Flux Kustomization or HelmRelease, or the top controller of its ownerReferences
 * chain (a Deployment, a Gateway, an operator's resource).
 */
export interface Owner {
  /** `HelmRelease`, `Application`, `Kustomization`, or the controller's kind. */
  readonly kind: string;
  readonly name: string;
  /** Undefined when the metadata does not say (an Argo CD Application tracked by name only). */
  readonly namespace?: string;
  readonly via: OwnerVia;
  /** `helm.sh/chart`: chart name and version (`orders-3.2.1`). */
  readonly chart?: string;
  /** The Helm release as `namespace/name`. */
  readonly release?: string;
  /** The Argo CD Application that syncs the object. */
  readonly app?: string;
}

export type IpFamilyPolicy = 'SingleStack' | 'PreferDualStack' | 'RequireDualStack';
export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';

/** A value that failed to parse, kept so rules (DS501) and input diagnostics can report it. */
export interface InvalidValue {
  readonly path: string;
  readonly value: string;
  readonly error: string;
  /** What the value is, when the path cannot say (an entry of a comma list in an annotation). */
  readonly field?: string;
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
  /** `spec.ipFamilies` as written (may be empty in manifests); entries that are not a family are left out. */
  readonly ipFamilies: readonly Family[];
  /** Field path of each `ipFamilies` entry in the list as written (`spec.ipFamilies[2]`). */
  readonly ipFamilyPaths: readonly string[];
  /** Allocated cluster IPs (`clusterIPs`, else `[clusterIP]`), excluding `None`. Empty in most manifests. */
  readonly clusterIPs: readonly LocatedIp[];
  readonly externalIPs: readonly LocatedIp[];
  readonly loadBalancerSourceRanges: readonly LocatedCidr[];
  /**
   * Source ranges a load-balancer implementation applies: `spec.loadBalancerSourceRanges`, else the
   * `service.beta.kubernetes.io/load-balancer-source-ranges` annotation (comma list). `path` names the one used.
   */
  readonly sourceRanges: { readonly cidrs: readonly LocatedCidr[]; readonly path: string };
  /**
   * `spec.ipFamily` (singular) is written: the alpha field removed in 1.20 when the Services API was
   * redesigned for dual-stack (KEP-563); `spec.ipFamilies` and `spec.ipFamilyPolicy` replaced it.
   */
  readonly removedIpFamilyField?: { readonly value: string; readonly path: string };
  /** `spec.loadBalancerIP` as written (deprecated; cannot express two families). */
  readonly loadBalancerIP?: string;
  /** `spec.loadBalancerClass`: the load-balancer implementation that owns the Service; undefined for the default one. */
  readonly loadBalancerClass?: string;
  readonly loadBalancerIngress: readonly LoadBalancerIngress[];
  /** `default/kubernetes`, which kube-apiserver keeps single-stack by design. */
  readonly isDefaultKubernetes: boolean;
  /** `metadata.ownerReferences`: an operator or controller that reconciles the Service. */
  readonly ownerReferences: readonly OwnerRef[];
  /** NodePort, LoadBalancer, or has externalIPs. */
  readonly exposed: boolean;
  readonly invalid: readonly InvalidValue[];
  /**
   * The admission webhook configurations and APIServices in the input that send the API server to this
   * Service (src/model/api-server-callers.ts); empty when none does.
   */
  readonly apiServerCallers: readonly ObjectRef[];
  /**
   * Every port of the Service is one those callers use: the API server is its only client as far as
   * the input shows (a Service with other ports, like istiod's xDS ports, serves pods too).
   */
  readonly apiServerOnly: boolean;
  /** `spec.ports[].port` numbers, as written. */
  readonly ports: readonly number[];
  /**
   * The controller outside Kubernetes that generates this Service and reverts edits to it (an operator's
   * resource, a Gateway; src/model/service-controller.ts); undefined when only a release tool applies it.
   * `owner` may climb further (the Gateway's own chart); this is the object whose settings shape the Service.
   */
  readonly generatedBy?: ServiceController;
}

/** A Gateway API implementation whose Service settings dsaudit knows. */
export type GatewayImplementation = 'istio' | 'envoy-gateway';

/** The controller that generates a Service: its kind, name and namespace, and the implementation when it is a Gateway's. */
export interface ServiceController extends Owner {
  readonly implementation?: GatewayImplementation;
}

/** An IP read from a list field, with the field path of its entry as written (`spec.externalIPs[1]`). */
export interface LocatedIp extends Ip {
  readonly path: string;
}

/** A CIDR read from a list field, with the field path of its entry as written (`spec.podCIDRs[1]`). */
export interface LocatedCidr extends Cidr {
  readonly path: string;
}

/** One `status.loadBalancer.ingress[]` entry of a Service or Ingress. */
export interface LoadBalancerIngress {
  readonly ip?: Ip;
  readonly hostname?: string;
  /** `VIP` or `Proxy`; undefined when unset (kube-proxy then treats it as VIP). */
  readonly ipMode?: string;
  readonly path: string;
}

export interface NodeAddress {
  readonly type: string;
  readonly address: string;
  readonly ip?: Ip;
  /** `status.addresses[i]`, by the index as written. */
  readonly path: string;
}

export interface Node extends ModelObject {
  /** `spec.podCIDRs`, else `[spec.podCIDR]`. */
  readonly podCIDRs: readonly LocatedCidr[];
  readonly addresses: readonly NodeAddress[];
  /** `status.capacity.pods`: how many pods the kubelet admits (its `maxPods`); undefined when not reported. */
  readonly podCapacity?: number;
  /** `status.nodeInfo.operatingSystem`, else the `kubernetes.io/os` label (`linux`, `windows`). */
  readonly operatingSystem?: string;
  /** A virtual node (label `type=virtual-kubelet`): no host network of its own. */
  readonly virtual: boolean;
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
  /**
   * `path` is the entry's field path by its index as written (`spec.containers[0].env[3]`); `fieldRef` is
   * `valueFrom.fieldRef.fieldPath` of a downward API variable (`status.podIP`).
   */
  readonly env: readonly { readonly name: string; readonly value?: string; readonly fieldRef?: string; readonly path: string }[];
  /** Field path of the container by its index as written (`spec.template.spec.containers[1]`). */
  readonly path: string;
  /** Liveness, readiness and startup probes, as written. */
  readonly probes: readonly Probe[];
  /** `ports[]` entries with a `hostPort` (src/model/host-ports.ts). */
  readonly hostPorts: readonly HostPort[];
}

/** A container port published on the node (`ports[].hostPort`). */
export interface HostPort {
  readonly hostPort: number;
  /** `protocol` (default `TCP`). */
  readonly protocol: string;
  /** `hostIP` as written, parsed when it is an address; unset means every address of the node. */
  readonly hostIP?: { readonly text: string; readonly ip?: Ip; readonly path: string };
  /** Field path of the `ports[]` entry. */
  readonly path: string;
}

/** One probe of a container: where its HTTP or TCP check connects, or the command it runs. */
export interface Probe {
  readonly kind: 'liveness' | 'readiness' | 'startup';
  /** `httpGet.host` or `tcpSocket.host` (unset: the pod IP), with its field path. */
  readonly host?: { readonly text: string; readonly path: string };
  /** `exec.command`, with the field path of the list. */
  readonly exec?: { readonly command: readonly string[]; readonly path: string };
  /** Field path of the probe (`spec.containers[0].readinessProbe`). */
  readonly path: string;
}

export interface PodSpecSummary {
  readonly hostNetwork: boolean;
  readonly containers: readonly Container[];
  readonly initContainers: readonly Container[];
  /** `dnsConfig.nameservers` entries that parse as IPs (added to the pod's resolv.conf). */
  readonly dnsNameservers: readonly LocatedIp[];
  /** Field path of the pod spec inside the object (`spec` for Pods, `spec.template.spec`…). */
  readonly path: string;
  /** ConfigMaps the pod reads, in spec order (src/model/config-map-refs.ts). */
  readonly configMapRefs: readonly ConfigMapRef[];
}

/** One reference from a pod spec to a ConfigMap in the pod's namespace. */
export interface ConfigMapRef {
  readonly name: string;
  /** `envFrom` (every key becomes a variable), `env` (one key under one variable) or `volume` (keys become files). */
  readonly source: 'envFrom' | 'env' | 'volume';
  /** Field path of the reference (`spec.template.spec.volumes[0].configMap`). */
  readonly path: string;
  /** The container of an `envFrom` or `env` reference. */
  readonly container?: string;
  /** `env`: the variable and the key it reads. */
  readonly variable?: string;
  readonly key?: string;
  /** `envFrom`: the prefix added to every key. */
  readonly prefix?: string;
  /** `volume` with `items`: the only keys mounted. */
  readonly keys?: readonly string[];
}

export interface Pod extends ModelObject {
  readonly uid?: string;
  readonly nodeName?: string;
  readonly phase?: string;
  readonly podIPs: readonly LocatedIp[];
  /** `status.podIPs` (or `status.podIP`) entries that do not parse. */
  readonly invalid: readonly InvalidValue[];
  readonly spec: PodSpecSummary;
  readonly ownerReferences: readonly OwnerRef[];
  /** Top-level owning workload (Deployment via ReplicaSet, StatefulSet, …); the Pod itself when bare. */
  readonly topOwner: ObjectRef;
  /**
   * `topOwner` as an object for findings: the Workload when it is in the input, else a stand-in built
   * from `topOwner` with the origin of the first Pod seen for it; undefined for bare Pods.
   */
  readonly workload?: ModelObject;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob';

export interface Workload extends ModelObject {
  readonly workloadKind: WorkloadKind;
  readonly podTemplate: PodSpecSummary;
  readonly templateLabels: Readonly<Record<string, string>>;
  /** Pod template annotations (`proxy.istio.io/config`, `ambient.istio.io/redirection`). */
  readonly templateAnnotations: Readonly<Record<string, string>>;
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
  /** Addresses not written in canonical form (`endpoints[0].addresses[1]`), parsed; a shared empty list in the usual case. */
  readonly nonCanonicalAddresses: readonly LocatedIp[];
}

export interface IpBlock {
  readonly cidr?: LocatedCidr;
  readonly except: readonly LocatedCidr[];
  readonly path: string;
}

export interface NetworkPolicy extends ModelObject {
  /** Effective `spec.policyTypes`: when unset, Ingress, plus Egress when `spec.egress` has rules (API defaulting). */
  readonly policyTypes: readonly ('Ingress' | 'Egress')[];
  readonly ingressBlocks: readonly IpBlock[];
  readonly egressBlocks: readonly IpBlock[];
  readonly invalid: readonly InvalidValue[];
}

export interface Ingress extends ModelObject {
  readonly ingressClassName?: string;
  readonly loadBalancerIngress: readonly LoadBalancerIngress[];
  readonly invalid: readonly InvalidValue[];
}

/** One `spec.addresses[]` or `status.addresses[]` entry of a Gateway. */
export interface GatewayAddress {
  /** `IPAddress` (the default when unset), `Hostname`, or an implementation-specific type. */
  readonly type: string;
  readonly value: string;
  /** Parsed value of an `IPAddress` entry. */
  readonly ip?: Ip;
  readonly path: string;
}

/** Gateway API `Gateway` (`gateway.networking.k8s.io` v1 or v1beta1). */
export interface Gateway extends ModelObject {
  readonly gatewayClassName?: string;
  /** `spec.addresses`: addresses requested. */
  readonly requestedAddresses: readonly GatewayAddress[];
  /** `status.addresses`: addresses the implementation bound. */
  readonly addresses: readonly GatewayAddress[];
  /** `IPAddress` entries whose value is not an IP. */
  readonly invalid: readonly InvalidValue[];
}

/** The pod spec that stands for one top-level workload (catalog section 6: pod findings per workload). */
export interface WorkloadSpec {
  /** A top-level Workload in the input, a stand-in for one built from a Pod or ReplicaSet/Job, or a bare Pod. */
  readonly object: ModelObject;
  /** The workload's pod template, else the spec of the first Pod or child seen; `spec.path` locates it in `object`'s document. */
  readonly spec: PodSpecSummary;
}

/** Model inputs derived from collections rather than read from a source. */
export type DerivedInput = 'clusterNetwork' | 'workloadSpecs' | 'cni' | 'mesh';

export interface ConfigMap extends ModelObject {
  readonly data: Readonly<Record<string, string>>;
  /** `data.Corefile` parsed, for CoreDNS ConfigMaps (any ConfigMap with a `Corefile` key). */
  readonly corefile?: Corefile;
  /** Relabel rules writing `__address__` in Prometheus scrape configs held in `*.yml`/`*.yaml` keys (model/config/prometheus-relabel.ts). */
  readonly addressRelabels?: readonly AddressRelabel[];
}

/** A Prometheus relabel rule that writes `__address__`, with defaults applied (action replace, separator `;`, regex `(.*)`, replacement `$1`). */
export interface AddressRelabel {
  /** Field path of the rule in its object (`spec.endpoints[0].relabelings[2]`), or of the ConfigMap key that embeds it. */
  readonly path: string;
  /** For a rule inside an embedded config: the data key, the rule's path and its 1-based line in that text. */
  readonly embedded?: { readonly key: string; readonly path: string; readonly line: number };
  /** The scrape job (`job_name`) or endpoint the rule belongs to, for messages. */
  readonly scope: string;
  readonly sourceLabels: readonly string[];
  readonly separator: string;
  readonly regex: string;
  readonly replacement: string;
}

/** A Prometheus Operator ServiceMonitor, PodMonitor or ScrapeConfig: only its relabel rules that write `__address__`. */
export interface PrometheusMonitor extends ModelObject {
  readonly addressRelabels: readonly AddressRelabel[];
}

/** A Kubernetes label selector. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly { readonly key: string; readonly operator: string; readonly values: readonly string[] }[];
}

/** MetalLB `IPAddressPool` (`metallb.io/v1beta1`): the addresses MetalLB assigns to LoadBalancer Services. */
export interface MetalLbPool extends ModelObject {
  /** `spec.addresses` entries that parse (CIDRs and `start-end` ranges). */
  readonly addresses: readonly IpRange[];
  /** Families of `addresses`, IPv4 first. */
  readonly families: readonly Family[];
  /** `spec.autoAssign` (default true): whether MetalLB picks from the pool without an explicit request. */
  readonly autoAssign: boolean;
  /** `spec.serviceAllocation`: pins the pool to namespaces or Services. */
  readonly serviceAllocation?: {
    readonly priority?: number;
    readonly namespaces: readonly string[];
    /** Select Namespaces by their labels (which the model does not hold). */
    readonly namespaceSelectors: readonly LabelSelector[];
    readonly serviceSelectors: readonly LabelSelector[];
  };
  readonly invalid: readonly InvalidValue[];
}

export interface ServiceCIDR extends ModelObject {
  /** `spec.cidrs` entries that parse. */
  readonly cidrs: readonly LocatedCidr[];
  /** `spec.cidrs` as written, each with its path, including entries that do not parse (DS501 reports them). */
  readonly written: readonly { readonly path: string; readonly text: string }[];
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
  /** The field as written inside the declaring object, e.g. `networking.serviceSubnet` (also inside embedded YAML, which `path` cannot reach). */
  readonly field?: string;
  /** The declaring model object (ConfigMap, Pod, ServiceCIDR), when the range was read from one. */
  readonly object?: ModelObject;
}

export type RangeSourceKind =
  | 'cli'
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'service-cidr'
  /** ServiceCIDR objects other than `kubernetes`: extra allocatable ranges that never decide the families. */
  | 'service-cidr-extra'
  | 'kubeadm'
  | 'kind'
  | 'kube-proxy'
  | 'node-pod-cidrs'
  | 'service-cluster-ips'
  | 'pod-ips';

export type StackState = 'dual' | 'ipv4' | 'ipv6' | 'unknown';
export type Target = 'dual' | 'ipv4' | 'ipv6';
/** `--target`: a stack, or a what-if target (`ipv6-primary`: dual-stack with IPv6 first; `ipv6-only`: IPv4 turned off). */
export type ScenarioTarget = Target | 'ipv6-primary' | 'ipv6-only';

/** The scenario as the user named it (`--target`, `--rollback-to`, `--new-primary`). */
export interface ScenarioRequest {
  readonly target: ScenarioTarget;
  /** `--rollback-to`: the family kept. */
  readonly rollbackTo?: Family;
  /** `--new-primary`: the family that becomes first. */
  readonly newPrimary?: Family;
}

/** The scenario resolved against one cluster (src/model/scenario.ts). */
export interface Scenario extends ScenarioRequest {
  /** A rollback or a primary change is named: rollback-hazard rules report at their own severity, else at `info`. */
  readonly named: boolean;
  /** `RF`: the family being removed (named, else the cluster's secondary service family); undefined when none. */
  readonly removedFamily?: Family;
  /** The first family after the change, when the scenario changes or removes one. */
  readonly primaryAfter?: Family;
}

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
  // Address-planning facts (see model/components.ts).
  /** Every CIDR list as one component or document declares it, one entry per flag or field, in source order. */
  readonly declarations: readonly RangeDeclaration[];
  /** `ServiceRange[f]`: the service range of each family from the highest-precedence source. */
  readonly serviceRanges: readonly Cidr[];
  /** `NodeMask[f]` for each family of the cluster CIDRs. */
  readonly nodeMasks: readonly NodeMask[];
  /** The controller-manager configuration in effect: static pod flags, else kubeadm's, else kind's. */
  readonly controllerManager?: ControllerManagerConfig;
  /** Every controller-manager configuration found (static pods, kubeadm, kind). */
  readonly controllerManagers: readonly ControllerManagerConfig[];
  /** Every kube-apiserver configuration found, each static pod separately. */
  readonly apiServers: readonly ApiServerConfig[];
  /** kube-proxy's effective local-traffic configuration, when kube-proxy or its configuration is in the input. */
  readonly kubeProxy?: KubeProxyConfig;
  /** ConfigMap kube-system/kube-proxy was read but its configuration was not understood (no `config.conf` key, or not a YAML mapping). */
  readonly kubeProxyNotUnderstood?: FactSource & { readonly detail: string };
  /** The cluster is set up by kubeadm (kubeadm-config, a ClusterConfiguration, or a kind config). */
  readonly kubeadmManaged: boolean;
  /** Kubernetes version from the kube-apiserver image or kubeadm `kubernetesVersion`. */
  readonly version?: KubeVersion;
  readonly serviceAllocator: ServiceAllocator;
  /** Pods a node admits: the largest Node `status.capacity.pods`, else kubelet `maxPods`, else 110. */
  readonly maxPods: { readonly value: number; readonly source: string };
  /** kubelet `clusterDNS` (ConfigMap kube-system/kubelet-config, key `kubelet`), when set. */
  readonly kubeletClusterDns?: FactSource & { readonly ips: readonly Ip[] };
  /** Networks outside the cluster that its ranges must not overlap (config, CLI, ExternalNetwork objects). */
  readonly externalNetworks: readonly ExternalNetwork[];
  /** CIDR and IP lists Kubernetes rejects (counts, families, unparsable entries), from components and objects. */
  readonly listIssues: readonly ListIssue[];
  /** kubelet flags given in kubeadm InitConfiguration/JoinConfiguration `nodeRegistration.kubeletExtraArgs`, and KubeletConfiguration `featureGates`. */
  readonly kubelets: readonly KubeletFlags[];
}

export interface KubeletFlags extends FactSource {
  /** `--node-ip` as written, when given. */
  readonly nodeIp?: string;
  /** `--cloud-provider` as written, when given. */
  readonly cloudProvider?: string;
  readonly featureGates: Readonly<Record<string, boolean>>;
}

/** Where a fact was read: a readable source and, when there is one, the declaring object. */
export interface FactSource {
  /** e.g. `kube-controller-manager --cluster-cidr (Pod kube-system/kube-controller-manager-cp1)`. */
  readonly source: string;
  readonly ref?: ObjectRef;
  readonly origin?: Origin;
  readonly path?: string;
  readonly object?: ModelObject;
}

/** One CIDR list as declared (`--cluster-cidr=a,b`, `networking.podSubnet`, a ServiceCIDR's `spec.cidrs`). */
export interface RangeDeclaration extends FactSource {
  readonly role: 'pods' | 'services';
  readonly sourceKind: RangeSourceKind;
  /** Entries as written, trimmed, including those that do not parse. */
  readonly entries: readonly string[];
  /** Field path of each entry, for lists written as a sequence of fields (a ServiceCIDR's `spec.cidrs`). */
  readonly entryPaths?: readonly string[];
  /** The entries that parse, in order. */
  readonly cidrs: readonly Cidr[];
}

export interface NodeMask {
  readonly family: Family;
  readonly size: number;
  /** The flag it comes from, or `default`. */
  readonly flag: string;
  readonly source: string;
  /** The controller-manager configuration the flag was read from. */
  readonly from?: ControllerManagerConfig;
}

export interface ControllerManagerConfig extends FactSource {
  readonly sourceKind: 'static-pod' | 'kubeadm' | 'kind';
  /** Effective `--cluster-cidr` entries that parse (kubeadm: extraArgs, else podSubnet). */
  readonly clusterCidrs: readonly Cidr[];
  readonly clusterCidrEntries: readonly string[];
  readonly allocateNodeCidrs: boolean;
  readonly nodeCidrMaskSize?: number;
  readonly nodeCidrMaskSizeIPv4?: number;
  readonly nodeCidrMaskSizeIPv6?: number;
  readonly cidrAllocatorType?: string;
  readonly cloudProvider?: string;
  /** `--feature-gates` (kind: also its top-level `featureGates`). */
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

export interface ApiServerConfig extends FactSource {
  readonly sourceKind: 'static-pod' | 'kubeadm';
  /** `--service-cluster-ip-range` entries that parse. */
  readonly serviceCidrs: readonly Cidr[];
  readonly featureGates: Readonly<Record<string, boolean>>;
  readonly version?: KubeVersion;
  /**
   * The address the apiserver publishes in `default/kubernetes`: `--advertise-address`, else a specific
   * `--bind-address` (kube-apiserver falls back to it; 0.0.0.0 and :: fall back to the host's address).
   */
  readonly advertiseAddress?: { readonly ip: Ip; readonly flag: 'advertise-address' | 'bind-address' };
  /** `--endpoint-reconciler-type` as written (default `lease`). */
  readonly endpointReconcilerType?: string;
}

export interface KubeProxyConfig extends FactSource {
  /** A kube-proxy DaemonSet or Pod is in the input (not only its configuration). */
  readonly running: boolean;
  /** Effective `clusterCIDR` (DaemonSet `--cluster-cidr` overrides the file). */
  readonly clusterCidrs: readonly Cidr[];
  /** Effective `detectLocalMode`; empty when unset (kube-proxy then uses ClusterCIDR). */
  readonly detectLocalMode: string;
  readonly masqueradeAll: boolean;
  /** The DaemonSet's `--feature-gates` merged over the configuration's `featureGates`. */
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

export interface KubeVersion {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
  readonly source: string;
}

/** Which Service IP allocator limits apply (KEP-1880). */
export interface ServiceAllocator {
  /** The bitmap allocator's limits apply: at most 20 host bits per range, IPv6 capped at 65,536 addresses. */
  readonly legacy: boolean;
  /** How this was decided, for messages (`Kubernetes 1.31, kube-apiserver image`). */
  readonly basis: string;
}

export interface ExternalNetwork extends FactSource {
  /** Name given in the declaration; undefined for a bare `--external-cidr CIDR`. */
  readonly name?: string;
  readonly cidr: Cidr;
  readonly severity?: 'error' | 'warning' | 'info';
}

/** A CIDR or IP list Kubernetes rejects. */
export interface ListIssue extends FactSource {
  /** What the list is, e.g. `kube-apiserver --service-cluster-ip-range`, `Node spec.podCIDRs`. */
  readonly what: string;
  /** The list as written. */
  readonly value: string;
  /** Why it is rejected, in the component's words where possible. */
  readonly problem: string;
}

/**
 * The model's collections, one per row of COLLECTION_TABLE (src/model/collections.ts): adding a kind
 * of object is a row there, its normalizer and its type here.
 */
export interface ModelCollections {
  readonly nodes: readonly Node[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly endpointSlices: readonly EndpointSlice[];
  readonly networkPolicies: readonly NetworkPolicy[];
  readonly ingresses: readonly Ingress[];
  readonly workloads: readonly Workload[];
  readonly configMaps: readonly ConfigMap[];
  readonly serviceCIDRs: readonly ServiceCIDR[];
  readonly gateways: readonly Gateway[];
  readonly metallbPools: readonly MetalLbPool[];
  readonly calicoIpPools: readonly CalicoIpPool[];
  readonly prometheusMonitors: readonly PrometheusMonitor[];
  readonly webhookConfigurations: readonly WebhookConfiguration[];
  readonly apiServices: readonly ApiService[];
  readonly envoyProxies: readonly EnvoyProxy[];
  readonly namespaces: readonly Namespace[];
  readonly istioOperators: readonly IstioOperator[];
}

/** Name of a model collection; rules declare which ones they read. */
export type CollectionName = keyof ModelCollections;

/** The normalized inventory of one audited cluster (or manifest set). */
export interface ClusterModel extends ModelCollections {
  /**
   * One pod spec per top-level workload (templates of top-level workloads, else a Pod or child standing
   * for its owner, and bare Pods). Available when workloads or Pods are.
   */
  readonly workloadSpecs: readonly WorkloadSpec[];
  readonly clusterNetwork: ClusterNetwork;
  /** The CNI plugins configured in the input, in one provider-neutral shape (model/network/cni.ts). Available when any is. */
  readonly cni: CniFacts;
  /** The Istio mesh in the input: control planes, proxy defaults, proxies (model/network/mesh.ts). Available when any is. */
  readonly mesh: MeshFacts;
  readonly target: Target;
  /** The what-if scenario evaluated, resolved against this cluster. */
  readonly scenario: Scenario;
  /** Name of the audited cluster (kubeconfig context or snapshot label); undefined for manifests. */
  readonly cluster?: string;
  readonly availability: Readonly<Record<CollectionName | DerivedInput, Availability>>;
}

/** Calico `IPPool` (`crd.projectcalico.org/v1` or `projectcalico.org/v3`): a range Calico IPAM assigns pod addresses from. */
export interface CalicoIpPool extends ModelObject {
  /** `spec.cidr`, when it parses. */
  readonly cidr?: LocatedCidr;
  /** `spec.blockSize` as written (Calico defaults 26 for IPv4, 122 for IPv6). */
  readonly blockSize?: number;
  readonly ipipMode?: string;
  readonly vxlanMode?: string;
  readonly natOutgoing: boolean;
  readonly disabled: boolean;
  readonly invalid: readonly InvalidValue[];
}

export type CniPlugin = 'calico' | 'cilium' | 'flannel';

/** A setting read from a CNI's configuration, with where it was read. */
export interface CniSetting extends FactSource {
  /** The setting as the user wrote it, for messages: `enable-ipv6: "false"`, `FELIX_IPV6SUPPORT=false`. */
  readonly text: string;
}

/** A range a CNI assigns pod addresses from (a Calico IPPool, a Cilium cluster pool, a Flannel network). */
export interface CniPool extends CniSetting {
  readonly cidr: Cidr;
  /**
   * How the CNI carves the pool per node: the prefix length of one block (Calico `blockSize`, Cilium
   * `cluster-pool-ipv*-mask-size`, Flannel `SubnetLen`), the bounds the CNI accepts, the fewest blocks a
   * pool must hold, and whether a node without a block of its own gets no pod addresses (`required`) or
   * borrows from other blocks (`preferred`, Calico IPAM).
   */
  readonly block?: {
    readonly size: number;
    readonly setting: string;
    readonly min: number;
    readonly max: number;
    readonly minBlocks: number;
    readonly perNode: 'required' | 'preferred';
  };
  /** Whether pod traffic from this pool leaving the cluster is source-NATed (Calico `natOutgoing`, Cilium `enable-ipv6-masquerade`); undefined when unknown. */
  readonly masquerade?: MasqueradeSetting;
}

/** Whether pod traffic of a family that leaves the cluster is masqueraded to the node's address, and the setting that says so. */
export interface MasqueradeSetting extends CniSetting {
  readonly family: Family;
  readonly on: boolean;
}

/** One CNI plugin's configuration as the model understands it, whichever plugin it is. */
export interface CniConfig extends FactSource {
  readonly plugin: CniPlugin;
  /** Families the plugin assigns pod addresses of. */
  readonly families: readonly Family[];
  /** For each family it does not assign, the settings that say so (first is the most direct); empty reasons mean no pool of the family. */
  readonly missing: readonly { readonly family: Family; readonly reasons: readonly CniSetting[] }[];
  /** Enabled pools the plugin assigns from, in the order read. */
  readonly pools: readonly CniPool[];
  /**
   * Egress masquerade per family for pod addresses from no listed pool: node podCIDRs (Cilium's
   * `kubernetes` IPAM) or, with `generatedUla`, the ULA pool the CNI generates (calico-node without
   * `CALICO_IPV6POOL_CIDR`). Listed pools carry their own.
   */
  readonly masquerade: readonly (MasqueradeSetting & { readonly generatedUla?: boolean })[];
}

/** Configuration dsaudit recognises as networking-relevant but cannot interpret: reported as a notice, never silence. */
export interface NotUnderstood extends FactSource {
  /** What was not understood and why (`ipam type "whereabouts"` ...). */
  readonly detail: string;
}

export interface CniFacts {
  readonly configs: readonly CniConfig[];
  /** ip-masq-agent DaemonSets (kubernetes-sigs/ip-masq-agent): whether each masquerades IPv6 (`--enable-ipv6`). */
  readonly masqAgents: readonly MasqueradeSetting[];
  readonly notUnderstood: readonly NotUnderstood[];
}

/** A Service the API server calls: an admission webhook's `clientConfig.service` or an APIService's `spec.service`. */
export interface ServiceReference {
  readonly namespace: string;
  readonly name: string;
  /** `port` as written (the API defaults it to 443). */
  readonly port: number;
  /** Field path of the reference (`webhooks[0].clientConfig.service`, `spec.service`). */
  readonly path: string;
  /** The webhook's `name`, for admission webhooks. */
  readonly webhook?: string;
}

/** `ValidatingWebhookConfiguration` or `MutatingWebhookConfiguration` (`admissionregistration.k8s.io`). */
export interface WebhookConfiguration extends ModelObject {
  /** The webhooks that call a Service (webhooks with a `clientConfig.url` call no Service and are left out). */
  readonly services: readonly ServiceReference[];
}

/** `APIService` (`apiregistration.k8s.io`): an aggregated API the kube-apiserver proxies to a Service. */
export interface ApiService extends ModelObject {
  /** `spec.service`; undefined for an API the kube-apiserver serves itself (`Local`). */
  readonly service?: ServiceReference;
}

/**
 * Istio's dual-stack switch as one place sets it: `ISTIO_DUAL_STACK` (Istio 1.19+, both planes) or the
 * 1.17-era agent variable `ISTIO_AGENT_DUAL_STACK`, read like pilot's env.RegisterBoolVar (Go strconv.ParseBool).
 */
export interface IstioSwitch extends FactSource {
  /** The setting as written, for messages: `ISTIO_DUAL_STACK: "false"`, `ISTIO_DUAL_STACK unset`. */
  readonly text: string;
  /** The value parses as true; unset or unparsable is off (the variable's default is false). */
  readonly on: boolean;
  /** The variable is written (true or false). */
  readonly set: boolean;
}

/** An Istio version read from an image tag or an IstioOperator `tag`; undefined when the tag is no version (`latest`, a digest). */
export interface IstioVersion {
  readonly major: number;
  readonly minor: number;
  readonly text: string;
}

/** An istiod Deployment (container `discovery`) or an IstioOperator that renders one. */
export interface IstioControlPlane extends FactSource {
  readonly kind: 'istiod' | 'istio-operator';
  /** `ISTIO_DUAL_STACK` of pilot (`discovery` env, `spec.values.pilot.env`, `spec.components.pilot.k8s.env`). */
  readonly dualStack: IstioSwitch;
  readonly version?: IstioVersion;
  /** Where the version was read (`spec.template.spec.containers[0].image`, `spec.tag`). */
  readonly versionPath?: string;
}

/** Mesh-wide proxy defaults: `defaultConfig.proxyMetadata` of the `istio` mesh ConfigMap or an IstioOperator's `spec.meshConfig`. */
export interface IstioProxyDefaults extends FactSource {
  readonly dualStack: IstioSwitch;
  /** `ISTIO_AGENT_DUAL_STACK`, when written. */
  readonly legacy?: IstioSwitch;
}

/** A workload (or bare Pod) running an Istio proxy: an injected sidecar (container or native sidecar `istio-proxy`) or a gateway. */
export interface IstioProxy {
  /** The workload, its stand-in, or the bare Pod. */
  readonly object: ModelObject;
  /** Injected sidecar (traffic captured by istio-init or istio-cni) rather than a standalone gateway proxy. */
  readonly sidecar: boolean;
  /** The proxy's effective switch: `istio-proxy` env, else the `proxy.istio.io/config` annotation's proxyMetadata; `set` false when neither says. */
  readonly dualStack: IstioSwitch;
  readonly legacy?: IstioSwitch;
  /**
   * Set when the proxy was read from the workload's Pods (injected at Pod creation, so absent from the
   * template): how many Pods run it and in how many it is off; `dualStack` is then an off Pod's setting.
   */
  readonly injectedPods?: { readonly total: number; readonly off: number };
  /** Some of its Pods hold addresses of both families; undefined when no Pod addresses are known. */
  readonly podsDualStack?: boolean;
  /** Outbound capture of an injected sidecar; undefined for gateways and for `interceptionMode: NONE`. */
  readonly outboundCapture?: IstioOutboundCapture;
}

/** One outbound capture list as the sidecar's iptables setup receives it: an istio-init argument, a pod annotation or an install value. */
export interface IstioCaptureSetting extends FactSource {
  /** `traffic.sidecar.istio.io/includeOutboundIPRanges`, `istio-init -i`, `values.global.proxy.includeIPRanges`. */
  readonly name: string;
  readonly value: string;
}

/** A family whose outbound traffic the sidecar's iptables rules never send to Envoy. */
export interface IstioUncapturedFamily {
  readonly family: Family;
  /** The include list has no range of the family, or the exclude list covers all of it. */
  readonly by: 'include' | 'exclude';
  readonly setting: IstioCaptureSetting;
}

/** Which families' outbound traffic reaches Envoy (model/config/istio.ts#outboundCaptureOf). */
export interface IstioOutboundCapture {
  /** Families left out, with the setting that leaves each out; empty when both are captured. */
  readonly uncaptured: readonly IstioUncapturedFamily[];
  /** Read from a workload's injected Pods: how many there are, and in how many exactly one family is left out. */
  readonly pods?: { readonly total: number; readonly limited: number };
}

/** Install-time injection defaults (`values.global.proxy` of an IstioOperator or the `istio-sidecar-injector` ConfigMap). */
export interface IstioInjectionDefaults extends FactSource {
  readonly outboundCapture: IstioOutboundCapture;
}

/** An ambient ztunnel DaemonSet and its `ISTIO_DUAL_STACK`. */
export interface IstioZtunnel extends FactSource {
  readonly dualStack: IstioSwitch;
}

/** A Service of the mesh itself: istiod or an ingress/egress gateway. */
export interface IstioService {
  readonly service: Service;
  readonly role: 'istiod' | 'ingress-gateway' | 'egress-gateway';
}

export interface MeshFacts {
  readonly controlPlanes: readonly IstioControlPlane[];
  readonly proxyDefaults: readonly IstioProxyDefaults[];
  readonly proxies: readonly IstioProxy[];
  readonly ztunnels: readonly IstioZtunnel[];
  /** Workloads (or Pods) enrolled in ambient mode (`ambient.istio.io/redirection: enabled`). */
  readonly ambient: readonly ModelObject[];
  readonly services: readonly IstioService[];
  readonly notUnderstood: readonly NotUnderstood[];
  /** Outbound capture defaults every new injection renders; one per IstioOperator or injector ConfigMap that sets them. */
  readonly injectionDefaults: readonly IstioInjectionDefaults[];
}

/** An address an Envoy listener binds: `address.socketAddress` or one of `additionalAddresses[]`. */
export interface EnvoyBind {
  /** The address parsed; undefined when it is no IP (a hostname, a pipe). */
  readonly ip?: Ip;
  readonly text: string;
  readonly port: number;
  /** `ipv4Compat`: a `::` bind that accepts IPv4 too (Envoy address.proto SocketAddress). */
  readonly ipv4Compat: boolean;
  readonly path: string;
}

/** One listener istiod pushed to a proxy (listeners without a name or a socket address are left out). */
export interface EnvoyListener {
  readonly name: string;
  readonly address: EnvoyBind;
  readonly additional: readonly EnvoyBind[];
  /** Field path of the listener in its dump. */
  readonly path: string;
}

/**
 * One proxy's listener configuration from `-f`: an Envoy admin `/config_dump`, `istioctl proxy-config
 * all -o json` or `istioctl proxy-config listeners -o json|yaml`. `ref` names the Pod it belongs to
 * (kind `EnvoyConfigDump`) when known.
 */
export interface EnvoyProxy extends ModelObject {
  /** The Pod the dump belongs to, and how that was learned; undefined when nothing says. */
  readonly pod?: { readonly namespace: string; readonly name: string; readonly via: 'node-id' | 'node-metadata' | 'file-name' | 'flag' };
  readonly listeners: readonly EnvoyListener[];
}

/** An `IstioOperator` (`install.istio.io/v1alpha1`, istioctl or the in-cluster operator); model/config/istio.ts reads its settings. */
export interface IstioOperator extends ModelObject {
  /** The object as read: istiod's env, the mesh config and the tag are read from it by path. */
  readonly body: Readonly<Record<string, unknown>>;
}

/** A `Namespace`: its labels name the team that owns it (`scan --team-label`). */
export type Namespace = ModelObject;
