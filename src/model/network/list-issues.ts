/** Finds CIDR and IP lists Kubernetes components or the API server reject (catalog DS501), in their own words. */
import { cidrSize, familiesOf, parseCidr, type Cidr, type Ip } from '../../net/index.js';
import { handledByMetalLb, metallbRequest } from '../config/metallb.js';
import type { FactSource, InvalidValue, ListIssue, ModelObject, Node, Pod, RangeDeclaration, Service } from '../types.js';

/** kubeadm MinimumAddressesInPodSubnet / MinimumAddressesInServiceSubnet (cmd/kubeadm/app/constants). */
const KUBEADM_MIN_POD_ADDRESSES = 14n;
const KUBEADM_MIN_SERVICE_ADDRESSES = 10n;

interface Limits {
  /** Message when the list has more than two entries. */
  readonly tooMany: string;
  /** Message when two entries share a family. */
  readonly sameFamily: string;
  readonly minAddresses?: bigint;
  readonly allowEmpty: boolean;
}

/** Messages from kube-apiserver validation.go, kube-controller-manager core.go, kube-proxy and kubeadm validation, ServiceCIDR validation. */
function limitsOf(d: RangeDeclaration): Limits {
  const kubeadm = 'expected one (IPv4 or IPv6) CIDR or two CIDRs from each family';
  switch (d.sourceKind) {
    case 'kube-apiserver':
    case 'cli':
      return { tooMany: 'must not contain more than two entries', sameFamily: 'the two entries must be of different IP families', allowEmpty: true };
    case 'kube-controller-manager':
      return d.role === 'pods'
        ? { tooMany: 'more than max allowed of 2', sameFamily: 'len of ClusterCIDRs==2 and they are not configured as dual stack', allowEmpty: true }
        : { tooMany: 'must not contain more than two entries', sameFamily: 'serviceCIDR and secondaryServiceCIDR are not dualstack', allowEmpty: true };
    case 'kube-proxy':
      return { tooMany: 'only two CIDRs are allowed', sameFamily: 'must be a valid DualStack CIDR', allowEmpty: true };
    case 'kubeadm':
    case 'kind':
      return { tooMany: kubeadm, sameFamily: kubeadm, minAddresses: d.role === 'pods' ? KUBEADM_MIN_POD_ADDRESSES : KUBEADM_MIN_SERVICE_ADDRESSES, allowEmpty: true };
    default:
      return { tooMany: 'may not contain more than two CIDRs', sameFamily: 'the two CIDRs must be of different IP families', allowEmpty: false };
  }
}

function declarationIssues(d: RangeDeclaration): ListIssue[] {
  const out: ListIssue[] = [];
  const where: FactSource = { source: d.source, ...(d.ref ? { ref: d.ref } : {}), ...(d.origin ? { origin: d.origin } : {}), ...(d.path ? { path: d.path } : {}), ...(d.object ? { object: d.object } : {}) };
  const value = d.entries.join(',');
  const add = (problem: string, v = value, path = d.path) => out.push({ ...where, ...(path ? { path } : {}), what: d.source, value: v, problem });
  const limits = limitsOf(d);
  d.entries.forEach((e, i) => {
    const p = parseCidr(e);
    if (!p.ok) add(p.error, e, d.entryPaths?.[i] ?? d.path);
  });
  if (d.entries.length === 0 && !limits.allowEmpty) add('must contain at least one CIDR');
  if (d.entries.length > 2) add(limits.tooMany);
  else if (d.cidrs.length === 2 && familiesOf(d.cidrs).length === 1) add(limits.sameFamily);
  if (limits.minAddresses !== undefined) {
    for (const c of d.cidrs) {
      if (cidrSize(c) < limits.minAddresses) add(`${c.canonical} has fewer than ${limits.minAddresses} addresses`, c.text.trim());
    }
  }
  return out;
}

function objectIssue(obj: ModelObject, what: string, path: string, value: string, problem: string): ListIssue {
  return { source: what, ref: obj.ref, origin: obj.origin, path, object: obj, what, value, problem };
}

/** What an invalid value is: `Kind field.path` without list indexes (`Service status.loadBalancer.ingress.ip`). */
function whatOf(obj: ModelObject, i: InvalidValue): string {
  return `${obj.ref.kind} ${i.field ?? i.path.replace(/\[\d+\]/g, '')}`;
}

/** One issue per value that did not parse, under the path of its entry as written. */
function invalidIssues(obj: ModelObject, invalid: readonly InvalidValue[]): ListIssue[] {
  return invalid.map((i) => objectIssue(obj, whatOf(obj, i), i.path, i.value, i.error));
}

function sameFamilyTwice(list: readonly (Cidr | Ip)[]): boolean {
  return list.length === 2 && familiesOf(list).length === 1;
}

function text(list: readonly { readonly text: string }[]): string {
  return list.map((x) => x.text.trim()).join(',');
}

function nodeIssues(n: Node): ListIssue[] {
  const out = invalidIssues(n, n.invalid);
  if (n.podCIDRs.length > 2) out.push(objectIssue(n, 'Node spec.podCIDRs', 'spec.podCIDRs', text(n.podCIDRs), 'must not contain more than two CIDRs'));
  else if (sameFamilyTwice(n.podCIDRs)) out.push(objectIssue(n, 'Node spec.podCIDRs', 'spec.podCIDRs', text(n.podCIDRs), 'may specify no more than one CIDR for each IP family'));
  return out;
}

/** `spec.ipFamilyPolicy` is a single field, not a list entry. */
const NOT_A_LIST_ENTRY = /^spec\.ipFamilyPolicy$/;

function serviceIssues(s: Service): ListIssue[] {
  const out = invalidIssues(s, s.invalid.filter((i) => !NOT_A_LIST_ENTRY.test(i.path)));
  // MetalLB refuses a Service whose loadBalancerIPs annotation holds an entry that is not an IP.
  if (handledByMetalLb(s)) out.push(...invalidIssues(s, metallbRequest(s).ips?.invalid ?? []));
  if (s.clusterIPs.length > 2) out.push(objectIssue(s, 'Service spec.clusterIPs', 'spec.clusterIPs', text(s.clusterIPs), 'may only hold up to 2 values'));
  else if (sameFamilyTwice(s.clusterIPs)) out.push(objectIssue(s, 'Service spec.clusterIPs', 'spec.clusterIPs', text(s.clusterIPs), 'may specify no more than one IP for each IP family'));
  if (s.ipFamilies.length > 2 || new Set(s.ipFamilies).size !== s.ipFamilies.length) {
    out.push(objectIssue(s, 'Service spec.ipFamilies', 'spec.ipFamilies', s.ipFamilies.join(','), 'may specify no more than one of each IP family'));
  }
  s.ipFamilies.forEach((f, i) => {
    const ip = s.clusterIPs[i];
    if (ip && s.clusterIPs.length <= 2 && ip.family !== f) {
      out.push(objectIssue(s, 'Service spec.ipFamilies', s.ipFamilyPaths[i], f, `does not match the family of ${ip.path} ${ip.text}`));
    }
  });
  return out;
}

function podIssues(p: Pod): ListIssue[] {
  const out = p.invalid.length > 0 ? invalidIssues(p, p.invalid) : [];
  if (p.podIPs.length > 2) out.push(objectIssue(p, 'Pod status.podIPs', 'status.podIPs', text(p.podIPs), 'must not contain more than two IPs'));
  else if (sameFamilyTwice(p.podIPs)) out.push(objectIssue(p, 'Pod status.podIPs', 'status.podIPs', text(p.podIPs), 'may specify no more than one IP for each IP family'));
  return out;
}

/**
 * Every list problem in the declarations and objects, in input order. `others` are objects whose only
 * list problems are values that do not parse (NetworkPolicy ipBlocks, load-balancer ingress IPs,
 * Gateway addresses, MetalLB pool addresses).
 */
export function collectListIssues(
  declarations: readonly RangeDeclaration[],
  nodes: readonly Node[],
  services: readonly Service[],
  pods: readonly Pod[],
  others: readonly (ModelObject & { readonly invalid: readonly InvalidValue[] })[] = [],
): ListIssue[] {
  const out = [
    ...declarations.flatMap(declarationIssues),
    ...nodes.flatMap(nodeIssues),
    ...services.flatMap(serviceIssues),
  ];
  // A loop, not a spread: 150,000 pods.
  for (const p of pods) for (const issue of podIssues(p)) out.push(issue);
  for (const o of others) for (const issue of invalidIssues(o, o.invalid)) out.push(issue);
  return out;
}
