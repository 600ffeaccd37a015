/** Which controller outside Kubernetes generates a Service, and which Gateway API implementation it is. */
import { generatingController, type ControllerRef } from './managed-by.js';
import type { GatewayImplementation, ServiceController } from './types.js';

type Strings = Readonly<Record<string, string>>;

/**
 * The implementation that generated a Gateway's Service, by the labels it puts on it: Istio's gateway
 * controller labels its resources `gateway.istio.io/managed: istio.io-gateway-controller` (istio/istio
 * manifests/charts/istio-control/istio-discovery/files/kube-gateway.yaml) and `gateway-class-name` with
 * its class (`istio`); Envoy Gateway labels the Service it creates in its own namespace
 * `gateway.envoyproxy.io/owning-gateway-name`.
 */
function implementationOf(labels: Strings): GatewayImplementation | undefined {
  const managed = labels['gateway.istio.io/managed'];
  if ((managed !== undefined && managed.startsWith('istio.io-')) || labels['gateway.networking.k8s.io/gateway-class-name'] === 'istio') return 'istio';
  if (labels['gateway.envoyproxy.io/owning-gateway-name'] !== undefined) return 'envoy-gateway';
  return undefined;
}

/** The controller that generates the Service with these labels and ownerReferences, or undefined (see generatingController). */
export function serviceControllerOf(ns: string | undefined, labels: Strings, refs: readonly ControllerRef[]): ServiceController | undefined {
  const owner = generatingController(ns, labels, refs);
  if (!owner) return undefined;
  const implementation = owner.via === 'gateway-api' ? implementationOf(labels) : undefined;
  return Object.freeze({ ...owner, ...(implementation ? { implementation } : {}) });
}
