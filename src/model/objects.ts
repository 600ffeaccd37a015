/** Normalizers for each supported kind: raw body → frozen model object with Kubernetes defaults applied. */
import { parseCidr, parseIp, type Cidr, type Family, type Ip } from '../net/index.js';
import type { RawObject } from '../sources/types.js';
import { groupKind } from './kinds.js';
import type { FieldReader } from './reader.js';
import type {
  ConfigMap, Container, Endpoint, EndpointSlice, Ingress, InvalidValue, IpBlock, IpFamilyPolicy,
  ModelObject, NetworkPolicy, Node, NodeAddress, ObjectRef, OwnerRef, Pod, PodSpecSummary, Service,
  ServiceCIDR, ServiceType, Workload, WorkloadKind,
} from './types.js';

export interface NormalizeContext {
  /** Namespace a namespaced manifest without one lands in (kubectl's apply namespace). */
  readonly defaultNamespace: string;
}

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const POLICIES: readonly IpFamilyPolicy[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

/** Display form `Kind ns/name` used in messages and errors. */
export function displayRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function refOf(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext): ObjectRef {
  const name = r.str('metadata.name') ?? '(unnamed)';
  const ns = namespaced ? (r.str('metadata.namespace') || ctx.defaultNamespace) : undefined;
  const cluster = raw.origin.cluster;
  return { apiVersion: raw.apiVersion, kind: raw.kind, ...(ns !== undefined ? { namespace: ns } : {}), name, ...(cluster ? { cluster } : {}) };
}

function baseOf(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext): ModelObject {
  r.map('metadata');
  const live =
    raw.origin.kind === 'cluster' ||
    r.get('metadata.uid') !== undefined ||
    r.get('metadata.creationTimestamp') !== undefined ||
    r.get('metadata.resourceVersion') !== undefined;
  return {
    ref: refOf(raw, r, namespaced, ctx),
    origin: raw.origin,
    labels: r.strMap('metadata.labels'),
    annotations: r.strMap('metadata.annotations'),
    live,
  };
}

function ipList(texts: readonly string[], path: string, invalid: InvalidValue[]): Ip[] {
  const out: Ip[] = [];
  texts.forEach((t, i) => {
    const p = parseIp(t);
    if (p.ok) out.push(p.value);
    else invalid.push({ path: `${path}[${i}]`, value: t, error: p.error });
  });
  return out;
}

function cidrList(texts: readonly string[], path: string, invalid: InvalidValue[]): Cidr[] {
  const out: Cidr[] = [];
  texts.forEach((t, i) => {
    const p = parseCidr(t);
    if (p.ok) out.push(p.value);
    else invalid.push({ path: `${path}[${i}]`, value: t, error: p.error });
  });
  return out;
}

function lbIngress(r: FieldReader, path: string): { ip?: Ip; hostname?: string }[] {
  return r.mapList(path).map(([i]) => {
    const ipText = r.str(`${path}[${i}].ip`);
    const hostname = r.str(`${path}[${i}].hostname`);
    const ip = ipText ? parseIp(ipText) : undefined;
    return { ...(ip?.ok ? { ip: ip.value } : {}), ...(hostname ? { hostname } : {}) };
  });
}

export function normalizeService(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Service {
  const base = baseOf(raw, r, true, ctx);
  r.requiredMap('spec');
  const invalid: InvalidValue[] = [];
  const typeText = r.str('spec.type');
  const type = SERVICE_TYPES.find((t) => t === typeText) ?? 'ClusterIP';
  const clusterIP = r.str('spec.clusterIP');
  const clusterIPTexts = r.strList('spec.clusterIPs');
  const ipTexts = clusterIPTexts.length > 0 ? clusterIPTexts : clusterIP ? [clusterIP] : [];
  const headless = ipTexts[0] === 'None';
  const selectorMap = r.strMap('spec.selector');
  const selector = Object.keys(selectorMap).length > 0 ? selectorMap : null;
  const policyText = r.str('spec.ipFamilyPolicy');
  const explicitPolicy = POLICIES.find((p) => p === policyText);
  if (policyText !== undefined && !explicitPolicy) invalid.push({ path: 'spec.ipFamilyPolicy', value: policyText, error: 'unknown ipFamilyPolicy' });
  // Defaults on create: SingleStack, except headless without selector → RequireDualStack (KEP-563 "Type Headless services").
  const ipFamilyPolicy: IpFamilyPolicy = explicitPolicy ?? (headless && !selector ? 'RequireDualStack' : 'SingleStack');
  const families: Family[] = [];
  r.strList('spec.ipFamilies').forEach((f, i) => {
    if (f === 'IPv4' || f === 'IPv6') families.push(f);
    else invalid.push({ path: `spec.ipFamilies[${i}]`, value: f, error: 'unknown IP family' });
  });
  const clusterIPs = headless ? [] : ipList(ipTexts.filter((t) => t !== ''), clusterIPTexts.length > 0 ? 'spec.clusterIPs' : 'spec.clusterIP', invalid);
  const externalIPs = ipList(r.strList('spec.externalIPs'), 'spec.externalIPs', invalid);
  const sourceRanges = cidrList(r.strList('spec.loadBalancerSourceRanges').map((s) => s.trim()), 'spec.loadBalancerSourceRanges', invalid);
  return Object.freeze({
    ...base,
    type,
    headless,
    selector,
    ipFamilyPolicy,
    ipFamilyPolicySet: explicitPolicy !== undefined,
    ipFamilies: families,
    clusterIPs,
    externalIPs,
    loadBalancerSourceRanges: sourceRanges,
    loadBalancerIngress: lbIngress(r, 'status.loadBalancer.ingress'),
    isDefaultKubernetes: base.ref.namespace === 'default' && base.ref.name === 'kubernetes',
    exposed: type === 'NodePort' || type === 'LoadBalancer' || externalIPs.length > 0,
    invalid,
  });
}

export function normalizeNode(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Node {
  const base = baseOf(raw, r, false, ctx);
  const invalid: InvalidValue[] = [];
  const list = r.strList('spec.podCIDRs');
  const single = r.str('spec.podCIDR');
  const texts = list.length > 0 ? list : single ? [single] : [];
  const podCIDRs = cidrList(texts, list.length > 0 ? 'spec.podCIDRs' : 'spec.podCIDR', invalid);
  const addresses: NodeAddress[] = r.mapList('status.addresses').map(([i]) => {
    const type = r.str(`status.addresses[${i}].type`) ?? '';
    const address = r.str(`status.addresses[${i}].address`) ?? '';
    const ip = parseIp(address);
    return ip.ok ? { type, address, ip: ip.value } : { type, address };
  });
  // `capacity.pods` is a resource quantity: a string in API output, often a number in hand-written YAML.
  const capacity = Number.parseInt(String(r.get('status.capacity.pods') ?? ''), 10);
  return Object.freeze({ ...base, podCIDRs, addresses, ...(Number.isFinite(capacity) ? { podCapacity: capacity } : {}), deleting: r.get('metadata.deletionTimestamp') != null, invalid });
}

function containers(r: FieldReader, path: string): Container[] {
  return r.mapList(path).map(([i]) => {
    const p = `${path}[${i}]`;
    const env = r.mapList(`${p}.env`).map(([j]) => {
      const value = r.str(`${p}.env[${j}].value`);
      return { name: r.str(`${p}.env[${j}].name`) ?? '', ...(value !== undefined ? { value } : {}) };
    });
    const image = r.str(`${p}.image`);
    return { name: r.str(`${p}.name`) ?? '', ...(image ? { image } : {}), command: r.strList(`${p}.command`), args: r.strList(`${p}.args`), env };
  });
}

export function podSpecAt(r: FieldReader, path: string): PodSpecSummary {
  r.map(path);
  return {
    hostNetwork: r.bool(`${path}.hostNetwork`) ?? false,
    containers: containers(r, `${path}.containers`),
    initContainers: containers(r, `${path}.initContainers`),
    path,
  };
}

function ownerRefs(r: FieldReader): OwnerRef[] {
  return r.mapList('metadata.ownerReferences').map(([i]) => {
    const p = `metadata.ownerReferences[${i}]`;
    const uid = r.str(`${p}.uid`);
    return { apiVersion: r.str(`${p}.apiVersion`) ?? '', kind: r.str(`${p}.kind`) ?? '', name: r.str(`${p}.name`) ?? '', ...(uid ? { uid } : {}) };
  });
}

/** A Pod before its top-level owner is resolved (that needs every workload; see owners.ts). */
export type PodDraft = Omit<Pod, 'topOwner'>;

export function normalizePod(raw: RawObject, r: FieldReader, ctx: NormalizeContext): PodDraft {
  const base = baseOf(raw, r, true, ctx);
  const invalid: InvalidValue[] = [];
  const podIPTexts = r.mapList('status.podIPs').map(([i]) => r.str(`status.podIPs[${i}].ip`) ?? '').filter((s) => s !== '');
  const single = r.str('status.podIP');
  const texts = podIPTexts.length > 0 ? podIPTexts : single ? [single] : [];
  const uid = r.str('metadata.uid');
  const nodeName = r.str('spec.nodeName');
  const phase = r.str('status.phase');
  return {
    ...base,
    ...(uid ? { uid } : {}),
    ...(nodeName ? { nodeName } : {}),
    ...(phase ? { phase } : {}),
    podIPs: ipList(texts, 'status.podIPs', invalid),
    spec: podSpecAt(r, 'spec'),
    ownerReferences: ownerRefs(r),
  };
}

export function normalizeWorkload(raw: RawObject, r: FieldReader, kind: WorkloadKind, ctx: NormalizeContext): Workload {
  const base = baseOf(raw, r, true, ctx);
  r.requiredMap('spec');
  const templatePath = kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
  return Object.freeze({
    ...base,
    workloadKind: kind,
    podTemplate: podSpecAt(r, `${templatePath}.spec`),
    templateLabels: r.strMap(`${templatePath}.metadata.labels`),
    ownerReferences: ownerRefs(r),
  });
}

export function normalizeEndpointSlice(raw: RawObject, r: FieldReader, ctx: NormalizeContext): EndpointSlice {
  const base = baseOf(raw, r, true, ctx);
  const endpoints: Endpoint[] = r.mapList('endpoints').map(([i]) => {
    const p = `endpoints[${i}]`;
    const uid = r.str(`${p}.targetRef.uid`);
    const name = r.str(`${p}.targetRef.name`);
    // A nil `ready` condition means ready (EndpointConditions API doc).
    return { addresses: r.strList(`${p}.addresses`), ready: r.bool(`${p}.conditions.ready`) !== false, ...(uid ? { targetUid: uid } : {}), ...(name ? { targetName: name } : {}) };
  });
  const serviceName = base.labels['kubernetes.io/service-name'];
  return Object.freeze({ ...base, ...(serviceName ? { serviceName } : {}), addressType: r.str('addressType') ?? '', endpoints });
}

function ipBlocks(r: FieldReader, rulesPath: string, peersKey: string, invalid: InvalidValue[]): IpBlock[] {
  const out: IpBlock[] = [];
  for (const [i] of r.mapList(rulesPath)) {
    for (const [j] of r.mapList(`${rulesPath}[${i}].${peersKey}`)) {
      const path = `${rulesPath}[${i}].${peersKey}[${j}].ipBlock`;
      if (!r.map(path)) continue;
      const cidrText = r.str(`${path}.cidr`);
      const parsed = cidrText !== undefined ? cidrList([cidrText], `${path}.cidr`, invalid) : [];
      const except = cidrList(r.strList(`${path}.except`), `${path}.except`, invalid);
      out.push({ ...(parsed[0] ? { cidr: parsed[0] } : {}), except, path });
    }
  }
  return out;
}

export function normalizeNetworkPolicy(raw: RawObject, r: FieldReader, ctx: NormalizeContext): NetworkPolicy {
  const base = baseOf(raw, r, true, ctx);
  const invalid: InvalidValue[] = [];
  const ingressBlocks = ipBlocks(r, 'spec.ingress', 'from', invalid);
  const egressBlocks = ipBlocks(r, 'spec.egress', 'to', invalid);
  return Object.freeze({ ...base, ingressBlocks, egressBlocks, invalid });
}

export function normalizeIngress(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Ingress {
  const base = baseOf(raw, r, true, ctx);
  const cls = r.str('spec.ingressClassName');
  return Object.freeze({ ...base, ...(cls ? { ingressClassName: cls } : {}), loadBalancerIngress: lbIngress(r, 'status.loadBalancer.ingress') });
}

export function normalizeConfigMap(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ConfigMap {
  const base = baseOf(raw, r, true, ctx);
  return Object.freeze({ ...base, data: r.strMap('data') });
}

export function normalizeServiceCIDR(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ServiceCIDR {
  const base = baseOf(raw, r, false, ctx);
  const invalid: InvalidValue[] = [];
  return Object.freeze({ ...base, cidrs: cidrList(r.strList('spec.cidrs'), 'spec.cidrs', invalid) });
}

export { groupKind };
