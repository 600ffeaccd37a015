/** Normalizers for each supported kind: raw body → frozen model object with Kubernetes defaults applied. */
import { mayBeNonCanonical, parseAddressRange, parseIp, splitList, type Family, type IpRange } from '../net/index.js';
import type { RawObject } from './input.js';
import { parseCorefile } from './config/corefile.js';
import { embeddedAddressRelabels } from './config/prometheus-relabel.js';
import { groupKind } from './kinds.js';
import { localOwner, type ControllerRef } from './managed-by.js';
import { serviceControllerOf } from './service-controller.js';
import { hostPortsOf } from './host-ports.js';
import { probesOf } from './probes.js';
import { entriesAt, itemPath, locatedCidrs, locatedIps, type Entry } from './located.js';
import { configMapRefsOf } from './config-map-refs.js';
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

export function baseOf(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext, kept?: Kept): ModelObject {
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

/** `ownerReferences` entries with their `controller` flag. */
function controllerRefs(r: FieldReader): ControllerRef[] {
  return r.mapList('metadata.ownerReferences').map(([i, item]) => {
    const o = r.at(`metadata.ownerReferences[${i}]`, item);
    return { apiVersion: o.str('apiVersion') ?? '', kind: o.str('kind') ?? '', name: o.str('name') ?? '', controller: o.bool('controller') === true };
  });
}

/** `baseOf` with the owner the object's own metadata names (Pods get theirs with their top-level owner, owners.ts). */
export function managedBase(raw: RawObject, r: FieldReader, namespaced: boolean, ctx: NormalizeContext): ModelObject {
  const base = baseOf(raw, r, namespaced, ctx);
  const owner = localOwner(base.ref.namespace, base.labels, base.annotations, controllerRefs(r));
  return owner ? { ...base, owner } : base;
}

function lbIngress(r: FieldReader, path: string, invalid: InvalidValue[]): LoadBalancerIngress[] {
  return r.mapList(path).map(([i]) => {
    const ipText = r.str(`${path}[${i}].ip`);
    const hostname = r.str(`${path}[${i}].hostname`);
    const ipMode = r.str(`${path}[${i}].ipMode`);
    const ip = ipText ? parseIp(ipText) : undefined;
    if (ip && !ip.ok) invalid.push({ path: `${path}[${i}].ip`, value: ipText ?? '', error: ip.error });
    return { ...(ip?.ok ? { ip: ip.value } : {}), ...(hostname ? { hostname } : {}), ...(ipMode ? { ipMode } : {}), path: `${path}[${i}]` };
  });
}

/** `spec.ipFamily`, when written: a field the API no longer has (see Service.removedIpFamilyField). */
function removedIpFamily(r: FieldReader): Service['removedIpFamilyField'] {
  const v = r.get('spec.ipFamily');
  if (v === undefined || v === null) return undefined;
  return { value: typeof v === 'string' ? v : JSON.stringify(v), path: 'spec.ipFamily' };
}

const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export function normalizeService(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Service {
  const base = managedBase(raw, r, true, ctx);
  const generatedBy = serviceControllerOf(base.ref.namespace, base.labels, controllerRefs(r));
  r.requiredMap('spec');
  const invalid: InvalidValue[] = [];
  const typeText = r.str('spec.type');
  const type = SERVICE_TYPES.find((t) => t === typeText) ?? 'ClusterIP';
  const clusterIP = r.str('spec.clusterIP');
  const clusterIPItems = entriesAt(r, 'spec.clusterIPs');
  const ipItems: Entry[] = clusterIPItems.length > 0 ? clusterIPItems : clusterIP ? [['spec.clusterIP', clusterIP]] : [];
  const headless = ipItems[0]?.[1] === 'None';
  const selectorMap = r.strMap('spec.selector');
  const selector = Object.keys(selectorMap).length > 0 ? selectorMap : null;
  const policyText = r.str('spec.ipFamilyPolicy');
  const explicitPolicy = POLICIES.find((p) => p === policyText);
  if (policyText !== undefined && !explicitPolicy) invalid.push({ path: 'spec.ipFamilyPolicy', value: policyText, error: 'unknown ipFamilyPolicy' });
  // Defaults on create: SingleStack, except headless without selector → RequireDualStack (KEP-563 "Type Headless services").
  const ipFamilyPolicy: IpFamilyPolicy = explicitPolicy ?? (headless && !selector ? 'RequireDualStack' : 'SingleStack');
  const families: Family[] = [];
  const familyPaths: string[] = [];
  for (const [path, f] of entriesAt(r, 'spec.ipFamilies')) {
    if (f === 'IPv4' || f === 'IPv6') {
      families.push(f);
      familyPaths.push(path);
    } else invalid.push({ path, value: f, error: 'unknown IP family' });
  }
  // An empty entry asks the API server to allocate that IP; it names no address.
  const clusterIPs = headless ? [] : locatedIps(ipItems.filter(([, t]) => t !== ''), invalid);
  const externalIPs = locatedIps(entriesAt(r, 'spec.externalIPs'), invalid);
  const sourceRanges = locatedCidrs(entriesAt(r, 'spec.loadBalancerSourceRanges').map(([p, t]) => [p, t.trim()] as const), invalid);
  // Cloud providers read the annotation only when the field is empty (k8s service helper GetLoadBalancerSourceRanges).
  const annotatedRanges = base.annotations[SOURCE_RANGES_ANNOTATION];
  const annotationInvalid: InvalidValue[] = [];
  const effectiveRanges =
    sourceRanges.length > 0 || annotatedRanges === undefined
      ? { cidrs: sourceRanges, path: 'spec.loadBalancerSourceRanges' }
      : { cidrs: locatedCidrs(splitList(annotatedRanges).map((t) => ['metadata.annotations', t] as const), annotationInvalid), path: 'metadata.annotations' };
  for (const i of annotationInvalid) invalid.push({ ...i, field: `annotation ${SOURCE_RANGES_ANNOTATION}` });
  const loadBalancerIngress = lbIngress(r, 'status.loadBalancer.ingress', invalid);
  const removedIpFamilyField = removedIpFamily(r);
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
    ipFamilyPaths: familyPaths,
    clusterIPs,
    externalIPs,
    loadBalancerSourceRanges: sourceRanges,
    sourceRanges: effectiveRanges,
    ...(loadBalancerIP ? { loadBalancerIP } : {}),
    ...(loadBalancerClass ? { loadBalancerClass } : {}),
    loadBalancerIngress,
    ...(removedIpFamilyField ? { removedIpFamilyField } : {}),
    isDefaultKubernetes: base.ref.namespace === 'default' && base.ref.name === 'kubernetes',
    ownerReferences: ownerRefs(r),
    exposed: type === 'NodePort' || type === 'LoadBalancer' || externalIPs.length > 0,
    invalid,
    apiServerCallers: [],
    apiServerOnly: false,
    ports: r.mapList('spec.ports').flatMap(([, p]) => (typeof p.port === 'number' ? [p.port] : [])),
    ...(generatedBy ? { generatedBy } : {}),
  });
}

export function normalizeNode(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Node {
  const base = managedBase(raw, r, false, ctx);
  const invalid: InvalidValue[] = [];
  const list = entriesAt(r, 'spec.podCIDRs');
  const single = r.str('spec.podCIDR');
  const podCIDRs = locatedCidrs(list.length > 0 ? list : single ? [['spec.podCIDR', single]] : [], invalid);
  const addresses: NodeAddress[] = r.mapList('status.addresses').map(([i, item]) => {
    const path = itemPath('status.addresses', i);
    const a = r.at(path, item);
    const type = a.str('type') ?? '';
    const address = a.str('address') ?? '';
    const ip = parseIp(address);
    // InternalIP and ExternalIP must be IPs (ValidateNodeAddresses); Hostname and DNS types are names.
    if (!ip.ok && (type === 'InternalIP' || type === 'ExternalIP')) invalid.push({ path: `${path}.address`, value: address, error: ip.error });
    return ip.ok ? { type, address, ip: ip.value, path } : { type, address, path };
  });
  // `capacity.pods` is a resource quantity: a string in API output, often a number in hand-written YAML.
  const capacity = Number.parseInt(String(r.get('status.capacity.pods') ?? ''), 10);
  const os = r.str('status.nodeInfo.operatingSystem') || base.labels['kubernetes.io/os'];
  return Object.freeze({
    ...base, podCIDRs, addresses, ...(Number.isFinite(capacity) ? { podCapacity: capacity } : {}),
    ...(os ? { operatingSystem: os } : {}), virtual: base.labels.type === 'virtual-kubelet', deleting: r.get('metadata.deletionTimestamp') != null, invalid });
}

/** A string list with every slot kept: an item that is not a string (an input error) reads as '', so indexes match the list as written. */
function slots(r: FieldReader, path: string): string[] {
  const items = r.strItems(path);
  if (items.length === 0 || items[items.length - 1][0] === items.length - 1) return items.map(([, s]) => s);
  const out = new Array<string>(items[items.length - 1][0] + 1).fill('');
  for (const [i, s] of items) out[i] = s;
  return out;
}

function containers(r: FieldReader, path: string): Container[] {
  return r.mapList(path).map(([i, item]) => {
    const cpath = itemPath(path, i);
    const c = r.at(cpath, item);
    const env = c.mapList('env').map(([j, entry]) => {
      const e = c.at(`env[${j}]`, entry);
      const value = e.str('value');
      const fieldRef = e.str('valueFrom.fieldRef.fieldPath');
      return { name: e.str('name') ?? '', ...(value !== undefined ? { value } : {}), ...(fieldRef !== undefined ? { fieldRef } : {}), path: itemPath(`${cpath}.env`, j) };
    });
    const image = c.str('image');
    return { name: c.str('name') ?? '', ...(image ? { image } : {}), command: slots(c, 'command'), args: slots(c, 'args'), env, path: cpath, probes: probesOf(item, cpath), hostPorts: hostPortsOf(item, cpath) };
  });
}

export function podSpecAt(r: FieldReader, path: string): PodSpecSummary {
  r.map(path);
  return {
    hostNetwork: r.bool(`${path}.hostNetwork`) ?? false,
    containers: containers(r, `${path}.containers`),
    initContainers: containers(r, `${path}.initContainers`),
    // Entries that are no IP are left to the API server's validation; they name no family.
    dnsNameservers: locatedIps(entriesAt(r, `${path}.dnsConfig.nameservers`), []),
    path,
    configMapRefs: configMapRefsOf(r.get(path), path),
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

/** Shared by the pods without invalid IPs (nearly all of them). */
const NONE_INVALID: readonly InvalidValue[] = Object.freeze([]);

/** A Pod before its top-level owner is resolved (that needs every workload; see owners.ts). */
export type PodDraft = Omit<Pod, 'topOwner' | 'workload'>;

export function normalizePod(raw: RawObject, r: FieldReader, ctx: NormalizeContext): PodDraft {
  const kept = ctx.siblings?.keptFor(controllerUid(r));
  const base = baseOf(raw, r, true, ctx, kept);
  const podIPItems = r.mapList('status.podIPs').map(([i, item]): Entry => {
    const path = itemPath('status.podIPs', i);
    return [path, r.at(path, item).str('ip') ?? ''];
  }).filter(([, t]) => t !== '');
  const single = r.str('status.podIP');
  const items: Entry[] = podIPItems.length > 0 ? podIPItems : single ? [['status.podIP', single]] : [];
  const invalid: InvalidValue[] = [];
  const podIPs = locatedIps(items, invalid);
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
    podIPs,
    invalid: invalid.length > 0 ? invalid : NONE_INVALID,
    spec: keptPodSpec(r, kept),
    ownerReferences: keptOwnerRefs(r, kept),
    topOwner: undefined,
    workload: undefined,
    owner: undefined,
  };
  return pod;
}

export function normalizeWorkload(raw: RawObject, r: FieldReader, kind: WorkloadKind, ctx: NormalizeContext): Workload {
  const base = managedBase(raw, r, true, ctx);
  r.requiredMap('spec');
  const templatePath = kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
  return Object.freeze({
    ...base,
    workloadKind: kind,
    podTemplate: podSpecAt(r, `${templatePath}.spec`),
    templateLabels: r.strMap(`${templatePath}.metadata.labels`),
    templateAnnotations: r.strMap(`${templatePath}.metadata.annotations`),
    ownerReferences: ownerRefs(r),
  });
}

/** Shared by the slices whose addresses are all canonical (nearly all of them). */
const NONE_NON_CANONICAL: readonly LocatedIp[] = Object.freeze([]);

export function normalizeEndpointSlice(raw: RawObject, r: FieldReader, ctx: NormalizeContext): EndpointSlice {
  const base = managedBase(raw, r, true, ctx);
  const addressType = r.str('addressType') ?? '';
  let nonCanonical: LocatedIp[] | undefined;
  const endpoints: Endpoint[] = r.mapList('endpoints').map(([i, item]) => {
    const e = r.at(`endpoints[${i}]`, item);
    const uid = e.str('targetRef.uid');
    const name = e.str('targetRef.name');
    const items = e.strItems('addresses');
    if (addressType !== 'FQDN') {
      for (const [j, text] of items) {
        if (!mayBeNonCanonical(text)) continue;
        const ip = parseIp(text);
        if (ip.ok && ip.value.nonCanonical) (nonCanonical ??= []).push({ ...ip.value, path: `endpoints[${i}].addresses[${j}]` });
      }
    }
    // A nil `ready` condition means ready (EndpointConditions API doc).
    return { addresses: items.map(([, s]) => s), ready: e.bool('conditions.ready') !== false, ...(uid ? { targetUid: uid } : {}), ...(name ? { targetName: name } : {}) };
  });
  const serviceName = base.labels['kubernetes.io/service-name'];
  return Object.freeze({ ...base, ...(serviceName ? { serviceName } : {}), addressType, endpoints, nonCanonicalAddresses: nonCanonical ?? NONE_NON_CANONICAL });
}

function ipBlocks(r: FieldReader, rulesPath: string, peersKey: string, invalid: InvalidValue[]): IpBlock[] {
  const out: IpBlock[] = [];
  for (const [i] of r.mapList(rulesPath)) {
    for (const [j] of r.mapList(`${rulesPath}[${i}].${peersKey}`)) {
      const path = `${rulesPath}[${i}].${peersKey}[${j}].ipBlock`;
      if (!r.map(path)) continue;
      const cidrText = r.str(`${path}.cidr`);
      const parsed = cidrText !== undefined ? locatedCidrs([[`${path}.cidr`, cidrText]], invalid) : [];
      const except = locatedCidrs(entriesAt(r, `${path}.except`), invalid);
      out.push({ ...(parsed[0] ? { cidr: parsed[0] } : {}), except, path });
    }
  }
  return out;
}

export function normalizeNetworkPolicy(raw: RawObject, r: FieldReader, ctx: NormalizeContext): NetworkPolicy {
  const base = managedBase(raw, r, true, ctx);
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
  const base = managedBase(raw, r, true, ctx);
  const cls = r.str('spec.ingressClassName');
  const invalid: InvalidValue[] = [];
  const loadBalancerIngress = lbIngress(r, 'status.loadBalancer.ingress', invalid);
  return Object.freeze({ ...base, ...(cls ? { ingressClassName: cls } : {}), loadBalancerIngress, invalid });
}

function gatewayAddresses(r: FieldReader, path: string, invalid: InvalidValue[]): GatewayAddress[] {
  return r.mapList(path).map(([i]) => {
    const type = r.str(`${path}[${i}].type`) || 'IPAddress';
    const value = r.str(`${path}[${i}].value`) ?? '';
    const ip = type === 'IPAddress' ? parseIp(value) : undefined;
    if (ip && !ip.ok) invalid.push({ path: `${path}[${i}].value`, value, error: ip.error });
    return { type, value, ...(ip?.ok ? { ip: ip.value } : {}), path: `${path}[${i}]` };
  });
}

export function normalizeGateway(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Gateway {
  const base = managedBase(raw, r, true, ctx);
  const cls = r.str('spec.gatewayClassName');
  const invalid: InvalidValue[] = [];
  return Object.freeze({
    ...base,
    ...(cls ? { gatewayClassName: cls } : {}),
    requestedAddresses: gatewayAddresses(r, 'spec.addresses', invalid),
    addresses: gatewayAddresses(r, 'status.addresses', invalid),
    invalid,
  });
}

export function normalizeConfigMap(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ConfigMap {
  const base = managedBase(raw, r, true, ctx);
  const data = r.strMap('data');
  const addressRelabels = embeddedAddressRelabels(data);
  return Object.freeze({ ...base, data, ...(data.Corefile !== undefined ? { corefile: parseCorefile(data.Corefile) } : {}), ...(addressRelabels.length > 0 ? { addressRelabels } : {}) });
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
  const base = managedBase(raw, r, true, ctx);
  const invalid: InvalidValue[] = [];
  const addresses: IpRange[] = [];
  for (const [path, t] of entriesAt(r, 'spec.addresses')) {
    const p = parseAddressRange(t);
    if (p.ok) addresses.push(p.value);
    else invalid.push({ path, value: t, error: p.error });
  }
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
  const base = managedBase(raw, r, false, ctx);
  const written = entriesAt(r, 'spec.cidrs');
  // Unparsable entries are reported from `written`, with the declaration's other list checks (list-issues.ts).
  const cidrs = locatedCidrs(written, []);
  return Object.freeze({ ...base, cidrs, written: written.map(([path, text]) => ({ path, text })) });
}

export { groupKind };
