/** Tiny builders for raw Kubernetes objects used in rule tests (normalization is exercised too). */
type Obj = Record<string, unknown>;

export interface SvcOptions {
  name?: string;
  namespace?: string;
  type?: string;
  policy?: string;
  families?: string[];
  clusterIPs?: string[];
  selector?: Record<string, string> | null;
  externalIPs?: string[];
  annotations?: Record<string, string>;
}

export function svc(o: SvcOptions = {}): Obj {
  const spec: Obj = { ports: [{ port: 80 }] };
  if (o.type) spec.type = o.type;
  if (o.policy) spec.ipFamilyPolicy = o.policy;
  if (o.families) spec.ipFamilies = o.families;
  if (o.clusterIPs) {
    spec.clusterIP = o.clusterIPs[0];
    spec.clusterIPs = o.clusterIPs;
  }
  if (o.selector !== null) spec.selector = o.selector ?? { app: o.name ?? 'web' };
  if (o.externalIPs) spec.externalIPs = o.externalIPs;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: o.name ?? 'web', namespace: o.namespace ?? 'default', ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec,
  };
}

export function node(name: string, podCIDRs: string[], opts: { addresses?: string[]; deleting?: boolean } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
    spec: podCIDRs.length ? { podCIDR: podCIDRs[0], podCIDRs } : {},
    status: { addresses: (opts.addresses ?? []).map((a) => ({ type: 'InternalIP', address: a })) },
  };
}

/** A kube-apiserver or kube-controller-manager static (mirror) pod with flags. */
export function controlPlanePod(component: 'kube-apiserver' | 'kube-controller-manager', flags: Record<string, string>, nodeName = 'cp1'): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${component}-${nodeName}`, namespace: 'kube-system', labels: { component, tier: 'control-plane' } },
    spec: {
      hostNetwork: true,
      nodeName,
      containers: [{ name: component, image: `registry.k8s.io/${component}:v1.31.0`, command: [component, ...Object.entries(flags).map(([k, v]) => `--${k}=${v}`)] }],
    },
    status: { phase: 'Running', podIP: '192.0.2.10', podIPs: [{ ip: '192.0.2.10' }] },
  };
}

export function kubeadmConfigMap(podSubnet: string, serviceSubnet: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
    data: {
      ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: ${podSubnet}\n  serviceSubnet: ${serviceSubnet}\n`,
    },
  };
}

export const DUAL_KUBEADM = kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16,fd00:10:96::/112');
export const IPV4_KUBEADM = kubeadmConfigMap('10.244.0.0/16', '10.96.0.0/16');

export function endpointSlice(service: string, addressType: 'IPv4' | 'IPv6', endpoints: { address: string; uid?: string; ready?: boolean }[], suffix = addressType.toLowerCase()): Obj {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${service}-${suffix}`, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
    addressType,
    endpoints: endpoints.map((e) => ({
      addresses: [e.address],
      ...(e.ready === undefined ? {} : { conditions: { ready: e.ready } }),
      ...(e.uid ? { targetRef: { kind: 'Pod', name: e.uid, uid: e.uid } } : {}),
    })),
    ports: [{ port: 80 }],
  };
}

/** A kubeadm-config ConfigMap whose ClusterConfiguration is the given YAML body (below apiVersion/kind). */
export function kubeadmConfig(body: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kubeadm-config', namespace: 'kube-system' },
    data: { ClusterConfiguration: `apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n${body}` },
  };
}

/** The kube-system/kube-proxy ConfigMap with a KubeProxyConfiguration body (below apiVersion/kind). */
export function kubeProxyConfigMap(body: string): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    data: { 'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n${body}` },
  };
}

/** A dsaudit.io/v1 ExternalNetwork declaration. */
export function externalNetwork(name: string, cidrs: string[], severity?: string): Obj {
  return { apiVersion: 'dsaudit.io/v1', kind: 'ExternalNetwork', metadata: { name }, spec: { cidrs, ...(severity ? { severity } : {}) } };
}

/** A running Pod on a node with the given pod IPs. */
export function pod(name: string, nodeName: string, ips: string[], opts: { phase?: string; hostNetwork?: boolean; namespace?: string } = {}): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.namespace ?? 'default', uid: `uid-${name}` },
    spec: { nodeName, ...(opts.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'app', image: 'app' }] },
    status: { phase: opts.phase ?? 'Running', ...(ips[0] ? { podIP: ips[0] } : {}), podIPs: ips.map((ip) => ({ ip })) },
  };
}

/** The CoreDNS ConfigMap with a Corefile. */
export function corednsConfigMap(corefile: string): Obj {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: corefile } };
}
