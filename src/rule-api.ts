/** The only module rules import: the rule factory, model types, and helpers shared by rules. */
import type { ClusterModel, CniPlugin, Family, FactSource, ModelObject, ObjectRef, Pod, Service } from './model/types.js';
import type { Severity } from './rule-contract/define-rule.js';
import { displayRef } from './model/objects.js';

export { defineRule } from './rule-contract/define-rule.js';
export type { FindingDraft, Rule, RuleContext, Severity } from './rule-contract/define-rule.js';
export type * from './model/types.js';
export { serviceFamilies } from './model/service-families.js';
export { displayRef } from './model/objects.js';
export { managerNote } from './model/managers.js';
export { ownerFix, ownerText } from './model/owner-text.js';
export { listenAddresses, probeTargets, singleIpUses, type ListenAddress, type ProbeTarget, type SingleIpUse } from './model/config/listen-addresses.js';
export { configBinds, variableBind, type ConfigBind } from './model/config/config-binds.js';
export { isKnownGoImage } from './model/config/go-programs.js';
export { otherFamily, contains, overlaps, familiesOf, joinHostPort } from './net/index.js';
export { findOverlaps, hostCidr, nestRanges, type Ranged } from './net/index.js';
export { nonCanonicalNote } from './net/index.js';
export {
  clusterRanges, declaredRangeOf, nodeMaskOf, nodeRangeCapacity, usablePodIps, usableServiceIps,
  SPECIAL_PURPOSE_RANGES, UNIQUE_LOCAL_RANGE, type ClusterRange,
} from './model/network/ranges.js';
export {
  blockOptions, corefileClusterDomain, fqdn, goRegexpMatches, inZone, pluginZones, serversFor,
  type Corefile, type CorefileDirective, type CorefileServer, type CorefileZone,
} from './model/config/corefile.js';
export { corefileIpv6Facts, isCoreDnsConfigMap, type AaaaSuppression, type CorefileIpv6Facts } from './model/config/corefile-aaaa.js';
export { hostSplit, type HostSplit } from './model/config/prometheus-relabel.js';
export { handledByMetalLb, metallbPoolEligibility, metallbRequest, type Eligibility, type MetalLbRequest } from './model/config/metallb.js';

/**
 * Severity of an object-level single-stack finding (catalog section 6): the catalog severity when the
 * cluster is dual-stack or unknown; `info` when the evidence says the cluster is single-stack (the
 * finding is then a migration worklist item), or, for findings `about` Services, when pods are
 * dual-stack but the declared service range is single-family ("partially dual-stack", KEP-563
 * Services rule 3). Pod, node and workload findings pass `'pods'`: the partial state does not excuse them.
 */
export function worklistSeverity(model: ClusterModel, severity: Severity, about: 'services' | 'pods' = 'services'): Severity {
  const net = model.clusterNetwork;
  if (net.state === 'ipv4' || net.state === 'ipv6') return 'info';
  if (about === 'services' && net.podDualStack && !net.serviceDualStack && net.serviceFamiliesSource === 'declared') return 'info';
  return severity;
}

/** The object a Pod finding points at: its top-level workload (or stand-in), else the bare Pod itself. */
export function workloadOf(pod: Pod): ModelObject {
  return pod.workload ?? pod;
}

/**
 * A LoadBalancer Service the AWS Load Balancer Controller fronts with a dual-stack NLB
 * (`service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack`), which translates families itself.
 */
export function awsDualStackLoadBalancer(svc: Service): boolean {
  return svc.type === 'LoadBalancer' && svc.annotations['service.beta.kubernetes.io/aws-load-balancer-ip-address-type'] === 'dualstack';
}

/** Both families, in the cluster's primary-first order when known. */
export function clusterFamilies(model: ClusterModel): readonly Family[] {
  const sf = model.clusterNetwork.serviceFamilies;
  return sf.length > 0 && sf[0] === 'IPv6' ? ['IPv6', 'IPv4'] : ['IPv4', 'IPv6'];
}

/** A pseudo-object standing for the whole cluster, for cluster-level findings. */
export function clusterObject(model: ClusterModel): ModelObject {
  const cluster = model.cluster;
  const ref: ObjectRef = { apiVersion: 'dsaudit.io/v1', kind: 'Cluster', name: cluster ?? 'cluster', ...(cluster ? { cluster } : {}) };
  return { ref, origin: { kind: 'cluster', cluster: cluster ?? 'cluster' }, labels: {}, annotations: {}, live: true };
}

/** "1 family" / "IPv4" style text for messages. */
export function familyText(families: readonly Family[]): string {
  return families.length === 0 ? 'a single IP family' : families.join(' and ');
}

/** The object a fact was read from (ConfigMap, static Pod, config document), else the cluster pseudo-object. */
export function factObject(model: ClusterModel, fact: Partial<FactSource> | undefined): ModelObject {
  if (fact?.object) return fact.object;
  if (fact?.ref && fact.origin) return { ref: fact.ref, origin: fact.origin, labels: {}, annotations: {}, live: false };
  return clusterObject(model);
}

/** `12,345`: counts in messages. */
export function formatCount(n: number | bigint): string {
  return n.toLocaleString('en-US');
}

/**
 * An object-specific fix that sets one field to a value: a `kubectl patch` (JSON merge patch) for an
 * object read from a cluster, the field to set for one read from a file, where the manifest is the
 * source of truth and a patch would be overwritten by the next apply.
 */
export function setFieldFix(object: ModelObject, path: string, value: string): string {
  const ref = object.ref;
  if (object.origin.kind !== 'cluster') return `Set ${path}: ${value} on ${displayRef(ref)}`;
  const patch = path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
  const ns = ref.namespace ? ` -n ${ref.namespace}` : '';
  return `kubectl patch ${ref.kind.toLowerCase()} ${ref.name}${ns} --type merge -p '${JSON.stringify(patch)}'`;
}
export { meshWantsDualStack } from './model/network/mesh.js';
export { nodeIpList } from './model/network/kubelets.js';
export { atLeast as istioAtLeast } from './model/config/istio.js';

/**
 * Above this many objects with one cause, a rule may report one summary finding with the count and the
 * first few names instead of one finding each (catalog section 6).
 */
export const SUMMARY_THRESHOLD = 20;

/** Each CNI plugin's name as its project writes it, for messages. */
export const CNI_NAMES: Readonly<Record<CniPlugin, string>> = { calico: 'Calico', cilium: 'Cilium', flannel: 'Flannel' };

/** `a, b, c, d, e, …`: the first names of a summary finding's objects (`ns/name` when namespaced). */
export function sampleNames(objects: readonly ModelObject[], n = 5): string {
  const names = objects.slice(0, n).map((o) => `${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`);
  return names.join(', ') + (objects.length > n ? ', …' : '');
}
