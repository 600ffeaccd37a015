/** Identifies object kinds by API group and kind, so a CRD named `Node` is never a core Node. */

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** `group/Kind` key, `Kind` alone for the core group. */
export function groupKind(apiVersion: string, kind: string): string {
  const g = apiGroupOf(apiVersion);
  return g === '' ? kind : `${g}/${kind}`;
}

export const KIND = {
  node: 'Node',
  pod: 'Pod',
  service: 'Service',
  configMap: 'ConfigMap',
  endpointSlice: 'discovery.k8s.io/EndpointSlice',
  networkPolicy: 'networking.k8s.io/NetworkPolicy',
  ingress: 'networking.k8s.io/Ingress',
  legacyIngress: 'extensions/Ingress',
  serviceCIDR: 'networking.k8s.io/ServiceCIDR',
  kubeadmCluster: 'kubeadm.k8s.io/ClusterConfiguration',
  kindCluster: 'kind.x-k8s.io/Cluster',
  kubeProxy: 'kubeproxy.config.k8s.io/KubeProxyConfiguration',
  /** Gateway API Gateway; v1 and v1beta1 share the group, so both map here. */
  gateway: 'gateway.networking.k8s.io/Gateway',
  /** A network outside the cluster that its ranges must not overlap (dsaudit's own declaration kind). */
  externalNetwork: 'dsaudit.io/ExternalNetwork',
  /** MetalLB `IPAddressPool` (`metallb.io/v1beta1`). */
  metallbPool: 'metallb.io/IPAddressPool',
} as const;

export const WORKLOAD_KINDS: Readonly<Record<string, 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob'>> = {
  'apps/Deployment': 'Deployment',
  'apps/StatefulSet': 'StatefulSet',
  'apps/DaemonSet': 'DaemonSet',
  'apps/ReplicaSet': 'ReplicaSet',
  'batch/Job': 'Job',
  'batch/CronJob': 'CronJob',
};
