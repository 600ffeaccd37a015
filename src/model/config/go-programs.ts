/**
 * Well-known programs written in Go, by image repository. A Go program listening on the IPv4 wildcard
 * 0.0.0.0 serves both families: for an unspecified listen address `net.Listen("tcp", …)` opens an
 * AF_INET6 socket with IPV6_V6ONLY off (golang/go src/net/ipsock_posix.go#favoriteAddrFamily), so
 * "0.0.0.0:8080" in its flags or config is not an IPv4-only listener. A specific IPv4 address still is.
 */
const GO_REPOSITORIES = new Set([
  // Prometheus and its exporters, reloaders and long-term stores
  'prometheus', 'alertmanager', 'pushgateway', 'node-exporter', 'blackbox-exporter', 'kube-state-metrics',
  'prometheus-config-reloader', 'prometheus-operator', 'configmap-reload', 'thanos', 'mimir', 'metrics-server',
  // Grafana's servers, tracing and telemetry pipelines
  'grafana', 'loki', 'promtail', 'tempo', 'all-in-one', 'jaeger-collector', 'jaeger-query', 'jaeger-agent', 'jaeger',
  'opentelemetry-collector', 'opentelemetry-collector-contrib', 'opentelemetry-collector-k8s', 'kiali',
  // SPIFFE/SPIRE, service discovery, secrets, storage, ingress and cluster add-ons
  'spire-server', 'spire-agent', 'spire-controller-manager', 'spiffe-csi-driver', 'etcd', 'coredns', 'consul', 'vault',
  'minio', 'traefik', 'external-dns', 'cert-manager-controller', 'cert-manager-webhook', 'cert-manager-cainjector',
  'argocd', 'source-controller', 'kustomize-controller', 'helm-controller', 'notification-controller', 'pilot',
]);

/** The repository name of an image reference: `ghcr.io/spiffe/spire-server:1.9@sha256:…` → `spire-server`. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0]!;
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return (colon >= 0 ? last.slice(0, colon) : last).toLowerCase();
}

/** True when the image is a well-known Go program (its 0.0.0.0 listener accepts IPv6 too). */
export function isKnownGoImage(image: string | undefined): boolean {
  return image !== undefined && GO_REPOSITORIES.has(repositoryOf(image));
}
