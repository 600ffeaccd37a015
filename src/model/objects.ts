/** Normalizers for each supported kind: raw body → frozen model object with Kubernetes defaults applied. */
import { parseAddressRange, parseCidr, parseIp, splitList, type Cidr, type Family, type Ip, type IpRange } from '../net/index.js';
import type { RawObject } from './input.js';
import { parseCorefile } from './config/corefile.js';
import { groupKind } from './kinds.js';
import { sameOwnerReferences, samePodSpec, sameStringMap, type Kept, type SiblingValues } from './siblings.js';
import type { FieldReader } from './reader.js';
import type {
  ConfigMap, Container, Endpoint, EndpointSlice, Gateway, GatewayAddress, Ingress, InvalidValue, IpBlock, IpFamilyPolicy,
  LabelSelector, LoadBalancerIngress, LocatedIp, MetalLbPool, ModelObject, NetworkPolicy, Node, NodeAddress, ObjectRef, OwnerRef, Pod, PodSpecSummary, Service,
  ServiceCIDR, ServiceType, Workload, WorkloadKind,
} from './types.js';

export interface NormalizeContext {
  /** Namespace a namespaced manifest without one lands in (kubectl's apply namespace). */
  readonly defaultNamespace: string;
  /** Values shared between the pods of one controller (see siblings.ts). */
  readonly siblings?: SiblingValues;
}

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const POLICIES: readonly IpFamilyPolicy[] = ['SingleStack', 'PreferDualStack', 'RequireDualStack'];

/** Display form `Kind ns/name` used in messages and errors. */
export function displayRef(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function refOf(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext): ObjectRef {
  const name = r.str('metadata.name') ?? '(unnamed)';
  const text = namespaced ? (r.str('metadata.namespace') || ctx.defaultNamespace) : undefined;
  const ns = text !== undefined && ctx.siblings ? ctx.siblings.intern(text) : text;
  const cluster = raw.origin.cluster;
  return { apiVersion: raw.apiVersion, kind: raw.kind, ...(ns !== undefined ? { namespace: ns } : {}), name, ...(cluster ? { cluster } : {}) };
}

function baseOf(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext, kept?: Kept): ModelObject {
  r.map('metadata');
  const live =
    raw.origin.kind === 'cluster' ||
    r.get('metadata.uid') !== undefined ||
    r.get('metadata.creationTimestamp') !== undefined ||
    r.get('metadata.resourceVersion') !== undefined;
  return {
    ref: refOf(raw, r, namespaced, ctx),
    origin: raw.origin,
    labels: kept ? keptLabels(r, kept) : r.strMap('metadata.labels'),
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

function locatedIpList(texts: readonly string[], path: string, invalid: InvalidValue[]): LocatedIp[] {
  const out: LocatedIp[] = [];
  texts.forEach((t, i) => {
    const p = parseIp(t);
    if (p.ok) out.push({ ...p.value, path: `${path}[${i}]` });
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

function lbIngress(r: FieldReader, path: string): LoadBalancerIngress[] {
  return r.mapList(path).map(([i]) => {
    const ipText = r.str(`${path}[${i}].ip`);
    const hostname = r.str(`${path}[${i}].hostname`);
    const ipMode = r.str(`${path}[${i}].ipMode`);
    const ip = ipText ? parseIp(ipText) : undefined;
    return { ...(ip?.ok ? { ip: ip.value } : {}), ...(hostname ? { hostname } : {}), ...(ipMode ? { ipMode } : {}), path: `${path}[${i}]` };
  });
}

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

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
  const externalIPs = locatedIpList(r.strList('spec.externalIPs'), 'spec.externalIPs', invalid);
  const sourceRanges = cidrList(r.strList('spec.loadBalancerSourceRanges').map((s) => s.trim()), 'spec.loadBalancerSourceRanges', invalid);
  // Cloud providers read the annotation only when the field is empty (k8s service helper GetLoadBalancerSourceRanges).
  const annotatedRanges = base.annotations[SOURCE_RANGES_ANNOTATION];
  const effectiveRanges =
    sourceRanges.length > 0 || annotatedRanges === undefined
      ? { cidrs: sourceRanges, path: 'spec.loadBalancerSourceRanges' }
      : { cidrs: cidrList(splitList(annotatedRanges), 'metadata.annotations', invalid), path: 'metadata.annotations' };
  const loadBalancerIP = r.str('spec.loadBalancerIP');
  const loadBalancerClass = r.str('spec.loadBalancerClass');
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
    sourceRanges: effectiveRanges,
    ...(loadBalancerIP ? { loadBalancerIP } : {}),
    ...(loadBalancerClass ? { loadBalancerClass } : {}),
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
  const addresses: NodeAddress[] = r.mapList('status.addresses').map(([i, item]) => {
    const a = r.at(`status.addresses[${i}]`, item);
    const type = a.str('type') ?? '';
    const address = a.str('address') ?? '';
    const ip = parseIp(address);
    return ip.ok ? { type, address, ip: ip.value } : { type, address };
  });
  // `capacity.pods` is a resource quantity: a string in API output, often a number in hand-written YAML.
  const capacity = Number.parseInt(String(r.get('status.capacity.pods') ?? ''), 10);
  const os = r.str('status.nodeInfo.operatingSystem') || base.labels['kubernetes.io/os'];
  return Object.freeze({
    ...base, podCIDRs, addresses, ...(Number.isFinite(capacity) ? { podCapacity: capacity } : {}),
    ...(os ? { operatingSystem: os } : {}), virtual: base.labels.type === 'virtual-kubelet', deleting: r.get('metadata.deletionTimestamp') != null, invalid });
}

function containers(r: FieldReader, path: string): Container[] {
  return r.mapList(path).map(([i, item]) => {
    const c = r.at(`${path}[${i}]`, item);
    const env = c.mapList('env').map(([j, entry]) => {
      const e = c.at(`env[${j}]`, entry);
      const value = e.str('value');
      return { name: e.str('name') ?? '', ...(value !== undefined ? { value } : {}) };
    });
    const image = c.str('image');
    return { name: c.str('name') ?? '', ...(image ? { image } : {}), command: c.strList('command'), args: c.strList('args'), env };
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
  return r.mapList('metadata.ownerReferences').map(([i, item]) => {
    const o = r.at(`metadata.ownerReferences[${i}]`, item);
    const uid = o.str('uid');
    return { apiVersion: o.str('apiVersion') ?? '', kind: o.str('kind') ?? '', name: o.str('name') ?? '', ...(uid ? { uid } : {}) };
  });
}

function keptLabels(r: FieldReader, kept: Kept): Readonly<Record<string, string>> {
  if (kept.labels && sameStringMap(r.get('metadata.labels'), kept.labels)) return kept.labels;
  return (kept.labels = r.strMap('metadata.labels'));
}

function keptPodSpec(r: FieldReader, kept: Kept | undefined): PodSpecSummary {
  if (kept?.spec && samePodSpec(r.get('spec'), kept.spec)) return kept.spec;
  const spec = podSpecAt(r, 'spec');
  if (kept) kept.spec = spec;
  return spec;
}

function keptOwnerRefs(r: FieldReader, kept: Kept | undefined): readonly OwnerRef[] {
  if (kept?.ownerReferences && sameOwnerReferences(r.get('metadata.ownerReferences'), kept.ownerReferences)) return kept.ownerReferences;
  const refs = ownerRefs(r);
  if (kept) kept.ownerReferences = refs;
  return refs;
}

/** The uid of the first owner reference: what sibling pods share. */
function controllerUid(r: FieldReader): string | undefined {
  const uid = r.get('metadata.ownerReferences[0].uid');
  return typeof uid === 'string' && uid !== '' ? uid : undefined;
}

/** A Pod before its top-level owner is resolved (that needs every workload; see owners.ts). */
export type PodDraft = Omit<Pod, 'topOwner' | 'workload'>;

export function normalizePod(raw: RawObject, r: FieldReader, ctx: NormalizeContext): PodDraft {
  const kept = ctx.siblings?.keptFor(controllerUid(r));
  const base = baseOf(raw, r, true, ctx, kept);
  const invalid: InvalidValue[] = [];
  const podIPTexts = r.mapList('status.podIPs').map(([i, item]) => r.at(`status.podIPs[${i}]`, item).str('ip') ?? '').filter((s) => s !== '');
  const single = r.str('status.podIP');
  const texts = podIPTexts.length > 0 ? podIPTexts : single ? [single] : [];
  const uid = r.str('metadata.uid');
  const nodeNameText = r.str('spec.nodeName');
  const nodeName = nodeNameText && ctx.siblings ? ctx.siblings.intern(nodeNameText) : nodeNameText;
  const phase = r.str('status.phase');
  // One fixed shape for every pod (unset fields are undefined, never missing), with the two fields owner
  // resolution fills in already there: 150,000 pods then share one hidden class and are completed in place.
  const pod: PodDraft & { topOwner?: ObjectRef; workload?: ModelObject } = {
    ref: base.ref,
    origin: base.origin,
    labels: base.labels,
    annotations: base.annotations,
    live: base.live,
    uid: uid || undefined,
    nodeName: nodeName || undefined,
    phase: phase || undefined,
    podIPs: ipList(texts, 'status.podIPs', invalid),
    spec: keptPodSpec(r, kept),
    ownerReferences: keptOwnerRefs(r, kept),
    topOwner: undefined,
    workload: undefined,
  };
  return pod;
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
  const endpoints: Endpoint[] = r.mapList('endpoints').map(([i, item]) => {
    const e = r.at(`endpoints[${i}]`, item);
    const uid = e.str('targetRef.uid');
    const name = e.str('targetRef.name');
    // A nil `ready` condition means ready (EndpointConditions API doc).
    return { addresses: e.strList('addresses'), ready: e.bool('conditions.ready') !== false, ...(uid ? { targetUid: uid } : {}), ...(name ? { targetName: name } : {}) };
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
  const written = r.strList('spec.policyTypes').filter((t): t is 'Ingress' | 'Egress' => t === 'Ingress' || t === 'Egress');
  // API defaulting (networking/v1 SetDefaults_NetworkPolicySpec): Ingress always, Egress when egress rules exist.
  const egress = r.get('spec.egress');
  const policyTypes = written.length > 0 ? written : Array.isArray(egress) && egress.length > 0 ? (['Ingress', 'Egress'] as const) : (['Ingress'] as const);
  return Object.freeze({ ...base, policyTypes, ingressBlocks, egressBlocks, invalid });
}

export function normalizeIngress(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Ingress {
  const base = baseOf(raw, r, true, ctx);
  const cls = r.str('spec.ingressClassName');
  return Object.freeze({ ...base, ...(cls ? { ingressClassName: cls } : {}), loadBalancerIngress: lbIngress(r, 'status.loadBalancer.ingress') });
}

function gatewayAddresses(r: FieldReader, path: string): GatewayAddress[] {
  return r.mapList(path).map(([i]) => {
    const type = r.str(`${path}[${i}].type`) || 'IPAddress';
    const value = r.str(`${path}[${i}].value`) ?? '';
    const ip = type === 'IPAddress' ? parseIp(value) : undefined;
    return { type, value, ...(ip?.ok ? { ip: ip.value } : {}), path: `${path}[${i}]` };
  });
}

export function normalizeGateway(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Gateway {
  const base = baseOf(raw, r, true, ctx);
  const cls = r.str('spec.gatewayClassName');
  return Object.freeze({
    ...base,
    ...(cls ? { gatewayClassName: cls } : {}),
    requestedAddresses: gatewayAddresses(r, 'spec.addresses'),
    addresses: gatewayAddresses(r, 'status.addresses'),
  });
}

export function normalizeConfigMap(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ConfigMap {
  const base = baseOf(raw, r, true, ctx);
  const data = r.strMap('data');
  return Object.freeze({ ...base, data, ...(data.Corefile !== undefined ? { corefile: parseCorefile(data.Corefile) } : {}) });
}

function labelSelectors(r: FieldReader, path: string): LabelSelector[] {
  return r.mapList(path).map(([i]) => ({
    matchLabels: r.strMap(`${path}[${i}].matchLabels`),
    matchExpressions: r.mapList(`${path}[${i}].matchExpressions`).map(([j]) => {
      const p = `${path}[${i}].matchExpressions[${j}]`;
      return { key: r.str(`${p}.key`) ?? '', operator: r.str(`${p}.operator`) ?? '', values: r.strList(`${p}.values`) };
    }),
  }));
}

export function normalizeMetalLbPool(raw: RawObject, r: FieldReader, ctx: NormalizeContext): MetalLbPool {
  const base = baseOf(raw, r, true, ctx);
  const invalid: InvalidValue[] = [];
  const addresses: IpRange[] = [];
  r.strList('spec.addresses').forEach((t, i) => {
    const p = parseAddressRange(t);
    if (p.ok) addresses.push(p.value);
    else invalid.push({ path: `spec.addresses[${i}]`, value: t, error: p.error });
  });
  const families = (['IPv4', 'IPv6'] as const).filter((f) => addresses.some((a) => a.family === f));
  const priority = r.get('spec.serviceAllocation.priority');
  const serviceAllocation = r.map('spec.serviceAllocation')
    ? {
        ...(typeof priority === 'number' ? { priority } : {}),
        namespaces: r.strList('spec.serviceAllocation.namespaces'),
        namespaceSelectors: labelSelectors(r, 'spec.serviceAllocation.namespaceSelectors'),
        serviceSelectors: labelSelectors(r, 'spec.serviceAllocation.serviceSelectors'),
      }
    : undefined;
  return Object.freeze({ ...base, addresses, families, autoAssign: r.bool('spec.autoAssign') ?? true, ...(serviceAllocation ? { serviceAllocation } : {}), invalid });
}

export function normalizeServiceCIDR(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ServiceCIDR {
  const base = baseOf(raw, r, false, ctx);
  const invalid: InvalidValue[] = [];
  return Object.freeze({ ...base, cidrs: cidrList(r.strList('spec.cidrs'), 'spec.cidrs', invalid) });
}

export { groupKind };
