/** The only module rules import: the rule factory, model types, and helpers shared by rules. */
import type { ClusterModel, Family, ModelObject, ObjectRef } from './model/types.js';
import type { Severity } from './engine/define-rule.js';

export { defineRule } from './engine/define-rule.js';
export type { FindingDraft, RuleContext, Severity } from './engine/define-rule.js';
export type * from './model/types.js';
export { serviceFamilies } from './model/service-families.js';
export { displayRef } from './model/objects.js';
export { otherFamily, contains, overlaps, familiesOf } from './net/index.js';

/**
 * Severity of an object-level single-stack finding (catalog section 6): the catalog severity when the
 * cluster is dual-stack or unknown; `info` when the evidence says the cluster is single-stack (the
 * finding is then a migration worklist item), or when pods are dual-stack but the declared service
 * range is single-family ("partially dual-stack", KEP-563 Services rule 3).
 */
export function worklistSeverity(model: ClusterModel, severity: Severity): Severity {
  const net = model.clusterNetwork;
  if (net.state === 'ipv4' || net.state === 'ipv6') return 'info';
  if (net.podDualStack && !net.serviceDualStack && net.serviceFamiliesSource === 'declared') return 'info';
  return severity;
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
