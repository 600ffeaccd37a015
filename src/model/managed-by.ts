/** Reads from one object's own metadata who manages it: its controller, a Gateway, Argo CD, Flux or Helm. */
import type { Owner, OwnerRef } from './types.js';

type Strings = Readonly<Record<string, string>>;

/** An ownerReferences entry as written, with its `controller` flag. */
export interface ControllerRef extends OwnerRef {
  readonly controller: boolean;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** The group of an `apiVersion` (`''` for core). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/**
 * The managing controller: the ownerReferences entry with `controller: true` (at most one may have it,
 * apimachinery ValidateOwnerReferences), else the first named entry; a Node owns only mirror pods.
 */
function controllerRef(refs: readonly ControllerRef[]): ControllerRef | undefined {
  return refs.find((r) => r.controller && r.name !== '') ?? refs.find((r) => r.kind !== '' && r.kind !== 'Node' && r.name !== '');
}

function controllerOwner(ns: string | undefined, refs: readonly ControllerRef[]): Owner | undefined {
  const ref = controllerRef(refs);
  return ref ? controllerAsOwner(ref, ns) : undefined;
}

/**
 * A group Kubernetes itself serves: core, the unqualified built-in groups (apps, batch, policy,
 * autoscaling) and `*.k8s.io`, except Gateway API, whose resources are CRDs reconciled by an
 * implementation. (`*.x-k8s.io` groups are CRDs too and do not end in `.k8s.io`.)
 */
function isKubernetesGroup(group: string): boolean {
  return group !== GATEWAY_GROUP && (!group.includes('.') || group.endsWith('.k8s.io'));
}

/**
 * The controller outside Kubernetes itself that generates an object and reverts edits to it: its
 * controller ownerReference when that is an operator's resource or a Gateway, else the Gateway its
 * labels name. Undefined for objects only a release or sync tool applies, or a built-in controller owns.
 */
export function generatingController(ns: string | undefined, labels: Strings, refs: readonly ControllerRef[]): Owner | undefined {
  const ref = controllerRef(refs);
  if (ref && !isKubernetesGroup(groupOf(ref.apiVersion))) return controllerAsOwner(ref, ns);
  return gatewayOwner(ns, labels);
}

/** A controller (an ownerReferences entry, a top-level owner) as the owner of the objects it manages in namespace `ns`. */
export function controllerAsOwner(ref: Pick<OwnerRef, 'apiVersion' | 'kind' | 'name'>, ns: string | undefined): Owner {
  const via = groupOf(ref.apiVersion) === GATEWAY_GROUP ? 'gateway-api' : 'ownerReferences';
  return { kind: ref.kind, name: ref.name, ...(ns !== undefined ? { namespace: ns } : {}), via };
}

/**
 * Gateway API's label on the resources an implementation generates for a Gateway (GEP-1762
 * `gateway.networking.k8s.io/gateway-name`, same namespace), and Envoy Gateway's pair, which names the
 * Gateway's namespace because the Service lives in the controller's own namespace.
 */
function gatewayOwner(ns: string | undefined, labels: Strings): Owner | undefined {
  const envoy = labels['gateway.envoyproxy.io/owning-gateway-name'];
  if (envoy) {
    const gwNs = labels['gateway.envoyproxy.io/owning-gateway-namespace'] ?? ns;
    return { kind: 'Gateway', name: envoy, ...(gwNs !== undefined ? { namespace: gwNs } : {}), via: 'gateway-api' };
  }
  const name = labels['gateway.networking.k8s.io/gateway-name'];
  return name ? { kind: 'Gateway', name, ...(ns !== undefined ? { namespace: ns } : {}), via: 'gateway-api' } : undefined;
}

/**
 * The Helm chart and release an object was rendered from. Helm 3.2+ annotates every resource it installs
 * with `meta.helm.sh/release-name` and `-namespace`; charts label theirs `helm.sh/chart` and, by the
 * chart starter's convention, `app.kubernetes.io/managed-by: Helm` with the release as `app.kubernetes.io/instance`.
 */
function helmContext(ns: string | undefined, labels: Strings, annotations: Strings): { chart?: string; release?: string; releaseName?: string; releaseNs?: string } {
  const chart = labels['helm.sh/chart'];
  let releaseName: string | undefined = annotations['meta.helm.sh/release-name'];
  let releaseNs: string | undefined = annotations['meta.helm.sh/release-namespace'] ?? ns;
  if (!releaseName && labels['app.kubernetes.io/managed-by'] === 'Helm' && labels['app.kubernetes.io/instance']) {
    releaseName = labels['app.kubernetes.io/instance'];
    releaseNs = ns;
  }
  const release = releaseName ? (releaseNs ? `${releaseNs}/${releaseName}` : releaseName) : undefined;
  return { ...(chart ? { chart } : {}), ...(release ? { release, releaseName, releaseNs } : {}) };
}

/**
 * Argo CD's tracking: the `argocd.argoproj.io/tracking-id` annotation `<app>:<group>/<kind>:<ns>/<name>`,
 * where `<app>` is `<namespace>_<name>` for Applications outside Argo CD's own namespace, else the
 * `argocd.argoproj.io/instance` label (argo-cd docs, user-guide/resource_tracking.md).
 */
function argoApp(annotations: Strings, labels: Strings): { name: string; namespace?: string } | undefined {
  const tracking = annotations['argocd.argoproj.io/tracking-id'];
  const colon = tracking ? tracking.indexOf(':') : -1;
  const app = tracking && colon > 0 ? tracking.slice(0, colon) : labels['argocd.argoproj.io/instance'];
  if (!app) return undefined;
  const us = app.indexOf('_');
  return us > 0 ? { namespace: app.slice(0, us), name: app.slice(us + 1) } : { name: app };
}

/** The release or sync tool that manages an object, outermost first: Argo CD, then Flux, then Helm. */
export function managerOf(ns: string | undefined, labels: Strings, annotations: Strings): Owner | undefined {
  const helm = helmContext(ns, labels, annotations);
  const context = { ...(helm.chart ? { chart: helm.chart } : {}), ...(helm.release ? { release: helm.release } : {}) };
  const argo = argoApp(annotations, labels);
  if (argo) return { kind: 'Application', name: argo.name, ...(argo.namespace ? { namespace: argo.namespace } : {}), via: 'argocd', ...context, app: argo.name };
  // Flux's helm-controller and kustomize-controller label what they apply with the name and namespace of their resource.
  for (const [prefix, kind] of [['helm.toolkit.fluxcd.io', 'HelmRelease'], ['kustomize.toolkit.fluxcd.io', 'Kustomization']] as const) {
    const name = labels[`${prefix}/name`];
    if (name) {
      const fluxNs = labels[`${prefix}/namespace`] ?? ns;
      return { kind, name, ...(fluxNs !== undefined ? { namespace: fluxNs } : {}), via: 'flux', ...context };
    }
  }
  if (helm.releaseName) return { kind: 'HelmRelease', name: helm.releaseName, ...(helm.releaseNs ? { namespace: helm.releaseNs } : {}), via: 'helm', ...context };
  return undefined;
}

/**
 * The owner an object's own metadata names: its controller (which regenerates it), else the Gateway it
 * was generated for, else the tool that applied it. owners.ts then climbs to the controller's own owner.
 */
export function localOwner(ns: string | undefined, labels: Strings, annotations: Strings, refs: readonly ControllerRef[]): Owner | undefined {
  return controllerOwner(ns, refs) ?? gatewayOwner(ns, labels) ?? managerOf(ns, labels, annotations);
}

/** True when the owner is a controller or Gateway that may itself be in the input with an owner of its own. */
export function isObjectOwner(owner: Owner): boolean {
  return owner.via === 'ownerReferences' || owner.via === 'gateway-api';
}
