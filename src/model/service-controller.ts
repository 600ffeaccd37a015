/** Which controller outside Kubernetes generates a Service, and which Gateway API implementation it is. */
import { generatingController, type ControllerRef } from './managed-by.js';
import type { Gateway, GatewayImplementation, Service, ServiceController } from './types.js';

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

/**
 * Services generated for a Gateway in the input whose labels name no implementation, completed from the
 * Gateway's class: `istio` is the GatewayClass Istio installs for its gateway controller (the same name
 * its generated resources carry as `gateway-class-name`). Other Services are returned as they are.
 */
export function implementationsFromGateways(services: readonly Service[], gateways: readonly Gateway[]): Service[] {
  const classes = new Map<string, string>();
  for (const g of gateways) if (g.gatewayClassName) classes.set(`${g.ref.cluster ?? ''}|${g.ref.namespace ?? ''}|${g.ref.name}`, g.gatewayClassName);
  if (classes.size === 0) return [...services];
  return services.map((svc) => {
    const c = svc.generatedBy;
    if (!c || c.via !== 'gateway-api' || c.kind !== 'Gateway' || c.implementation) return svc;
    const cls = classes.get(`${svc.ref.cluster ?? ''}|${c.namespace ?? ''}|${c.name}`);
    return cls === 'istio' ? Object.freeze({ ...svc, generatedBy: Object.freeze({ ...c, implementation: 'istio' as const }) }) : svc;
  });
}
