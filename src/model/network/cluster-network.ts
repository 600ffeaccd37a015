/** Derives the cluster's pod and service ranges, families and stack state from every source present. */
import { familiesOf, parseCidr, splitList, type Cidr, type Family } from '../../net/index.js';
import { extraArgs, KIND_DEFAULTS, KUBEADM_DEFAULT_SERVICE_SUBNET, parseEmbeddedYaml } from '../config/embedded-config.js';
import { findComponent, containerArgv, parseFlags } from './flags.js';
import { asArray, asString, dig, type RawMap } from '../raw.js';
import type { Origin } from '../input.js';
import type {
  ClusterNetwork, ConfigMap, DeclaredRange, Evidence, Gateway, Ingress, InvalidValue, MetalLbPool, ModelObject, NetworkPolicy, Node, ObjectRef, Pod,
  RangeDeclaration, RangeSourceKind, Service, ServiceCIDR, StackState, Workload,
} from '../types.js';
import { readComponents } from './components.js';
import type { ConfigDocument, NetworkInputs } from './inputs.js';
import { collectListIssues } from './list-issues.js';
import { readKubelets } from './kubelets.js';

/** Precedence for the service families (catalog section 0, `SF`). */
const SERVICE_PRECEDENCE: readonly RangeSourceKind[] = ['cli', 'kube-apiserver', 'service-cidr', 'kubeadm', 'kube-controller-manager', 'kind'];
/** Precedence for the per-family cluster CIDR (`ClusterCIDR[f]`). */
const POD_PRECEDENCE: readonly RangeSourceKind[] = ['cli', 'kube-controller-manager', 'kubeadm', 'kind', 'kube-proxy'];



/** The object a range was declared in. */
interface At {
  readonly ref?: ObjectRef;
  readonly origin?: Origin;
}


class RangeCollector {
  readonly ranges: DeclaredRange[] = [];
  readonly invalid: (InvalidValue & { source: string })[] = [];
  readonly declarations: RangeDeclaration[] = [];
  allocateNodeCidrs: { value: boolean; kind: RangeSourceKind } | undefined;

  /** A comma list (a flag, a config field), or several: each is split on commas. */
  add(list: string | readonly string[] | undefined, role: 'pods' | 'services', kind: RangeSourceKind, source: string, at?: At, path?: string, field?: string): void {
    if (list === undefined) return;
    const entries = typeof list === 'string' ? splitList(list) : list.flatMap((s) => splitList(s));
    this.declare(entries, undefined, role, kind, source, at, path, field);
  }

  /** A list written as a sequence of fields, entry by entry (a ServiceCIDR's `spec.cidrs`): never split, every entry kept. */
  addWritten(written: readonly { readonly path: string; readonly text: string }[], role: 'pods' | 'services', kind: RangeSourceKind, source: string, at: At, path: string): void {
    this.declare(written.map((w) => w.text.trim()), written.map((w) => w.path), role, kind, source, at, path, path);
  }

  private declare(entries: readonly string[], entryPaths: readonly string[] | undefined, role: 'pods' | 'services', kind: RangeSourceKind, source: string, at?: At, path?: string, field?: string): void {
    const object = at && 'labels' in at ? { object: at as ModelObject } : {};
    const cidrs = [];
    for (const [i, text] of entries.entries()) {
      const p = parseCidr(text);
      if (p.ok) this.ranges.push({ cidr: p.value, role, source, sourceKind: kind, inferred: false, ...(at?.ref ? { ref: at.ref } : {}), ...(at?.origin ? { origin: at.origin } : {}), ...(path ? { path } : {}), ...(field ? { field } : {}), ...object });
      else this.invalid.push({ source, path: entryPaths?.[i] ?? path ?? '', value: text, error: p.error });
      if (p.ok) cidrs.push(p.value);
    }
    // An empty list declares nothing, except on a ServiceCIDR, which must hold at least one range.
    if (entries.length > 0 || kind === 'service-cidr' || kind === 'service-cidr-extra') {
      this.declarations.push({ role, sourceKind: kind, source, entries, ...(entryPaths ? { entryPaths } : {}), cidrs, ...(at?.ref ? { ref: at.ref } : {}), ...(at?.origin ? { origin: at.origin } : {}), ...(path ? { path } : {}), ...object });
    }
  }

  allocate(value: string | undefined, kind: RangeSourceKind): void {
    if (value === undefined) return;
    const order = POD_PRECEDENCE;
    if (this.allocateNodeCidrs && order.indexOf(this.allocateNodeCidrs.kind) <= order.indexOf(kind)) return;
    this.allocateNodeCidrs = { value: value === 'true', kind };
  }
}


/**
 * A kubeadm ClusterConfiguration. `embeddedIn` is the field of the object that holds it as text (a
 * ConfigMap's `data.ClusterConfiguration`): positions inside it are not tracked, so findings point there.
 */
function addKubeadm(c: RangeCollector, body: RawMap, label: string, ref?: At, embeddedIn?: string, withDefaults = true): void {
  const field = (f: string) => [embeddedIn ?? f, f] as const;
  const serviceSubnet = asString(dig(body, 'networking', 'serviceSubnet'));
  if (serviceSubnet !== undefined || !withDefaults) {
    c.add(serviceSubnet, 'services', 'kubeadm', `${label} networking.serviceSubnet`, ref, ...field('networking.serviceSubnet'));
  } else {
    const f = 'networking.serviceSubnet (kubeadm default)';
    c.add(KUBEADM_DEFAULT_SERVICE_SUBNET, 'services', 'kubeadm', `${label} ${f}`, ref, embeddedIn ?? (dig(body, 'networking') !== undefined ? 'networking' : undefined), f);
  }
  const podSubnet = asString(dig(body, 'networking', 'podSubnet'));
  c.add(podSubnet, 'pods', 'kubeadm', `${label} networking.podSubnet`, ref, ...field('networking.podSubnet'));
  const cm = extraArgs(dig(body, 'controllerManager', 'extraArgs'));
  const api = extraArgs(dig(body, 'apiServer', 'extraArgs'));
  c.add(cm.get('cluster-cidr'), 'pods', 'kube-controller-manager', `${label} controllerManager.extraArgs cluster-cidr`, ref);
  c.add(cm.get('service-cluster-ip-range'), 'services', 'kube-controller-manager', `${label} controllerManager.extraArgs service-cluster-ip-range`, ref);
  c.add(api.get('service-cluster-ip-range'), 'services', 'kube-apiserver', `${label} apiServer.extraArgs service-cluster-ip-range`, ref);
  c.allocate(cm.get('allocate-node-cidrs'), 'kube-controller-manager');
  // kubeadm passes --allocate-node-cidrs=true to the controller-manager whenever podSubnet is set.
  if (podSubnet) c.allocate('true', 'kubeadm');
}

function addKind(c: RangeCollector, body: RawMap, label: string, ref?: At): void {
  const family = (asString(dig(body, 'networking', 'ipFamily')) ?? 'ipv4').toLowerCase();
  const defaults = KIND_DEFAULTS[family] ?? KIND_DEFAULTS.ipv4;
  const pods = asString(dig(body, 'networking', 'podSubnet'));
  const services = asString(dig(body, 'networking', 'serviceSubnet'));
  const podField = pods ? 'networking.podSubnet' : `networking.ipFamily ${family} default`;
  const serviceField = services ? 'networking.serviceSubnet' : `networking.ipFamily ${family} default`;
  c.add(pods ?? defaults.pods, 'pods', 'kind', `${label} ${podField}`, ref, pods ? 'networking.podSubnet' : 'networking', podField);
  c.add(services ?? defaults.services, 'services', 'kind', `${label} ${serviceField}`, ref, services ? 'networking.serviceSubnet' : 'networking', serviceField);
  c.allocate('true', 'kind');
  for (const patch of asArray(body.kubeadmConfigPatches)) {
    const text = asString(patch);
    if (!text) continue;
    const m = parseEmbeddedYaml(text);
    if (m && asString(m.kind) === 'ClusterConfiguration') addKubeadm(c, m, `${label} kubeadmConfigPatches`, ref, 'kubeadmConfigPatches', false);
  }
}

function addKubeProxy(c: RangeCollector, body: RawMap, label: string, ref?: At, embedded = false): void {
  c.add(asString(body.clusterCIDR), 'pods', 'kube-proxy', `${label} clusterCIDR`, ref, embedded ? undefined : 'clusterCIDR', 'clusterCIDR');
}


function addStaticPods(c: RangeCollector, pods: readonly Pod[]): void {
  // Filtering before the (stable) sort keeps the order and spares sorting 150,000 application pods.
  const control = pods.filter((p) => findComponent(p.spec.containers, 'kube-apiserver') || findComponent(p.spec.containers, 'kube-controller-manager'));
  const sorted = control.sort((a, b) => (a.ref.name < b.ref.name ? -1 : a.ref.name > b.ref.name ? 1 : 0));
  for (const pod of sorted) {
    const at = `Pod ${pod.ref.namespace}/${pod.ref.name}`;
    const api = findComponent(pod.spec.containers, 'kube-apiserver');
    if (api) {
      const flags = parseFlags(containerArgv(api));
      c.add(flags.get('service-cluster-ip-range'), 'services', 'kube-apiserver', `kube-apiserver --service-cluster-ip-range (${at})`, pod, undefined, 'kube-apiserver --service-cluster-ip-range');
    }
    const kcm = findComponent(pod.spec.containers, 'kube-controller-manager');
    if (kcm) {
      const flags = parseFlags(containerArgv(kcm));
      c.add(flags.get('cluster-cidr'), 'pods', 'kube-controller-manager', `kube-controller-manager --cluster-cidr (${at})`, pod, undefined, 'kube-controller-manager --cluster-cidr');
      c.add(flags.get('service-cluster-ip-range'), 'services', 'kube-controller-manager', `kube-controller-manager --service-cluster-ip-range (${at})`, pod, undefined, 'kube-controller-manager --service-cluster-ip-range');
      c.allocate(flags.get('allocate-node-cidrs') ?? 'false', 'kube-controller-manager');
    }
  }
}

function firstSource(ranges: readonly DeclaredRange[], role: 'pods' | 'services', order: readonly RangeSourceKind[]): DeclaredRange[] {
  for (const kind of order) {
    const hits = ranges.filter((r) => r.role === role && r.sourceKind === kind);
    if (hits.length > 0) {
      const source = hits[0].source;
      return hits.filter((r) => r.source === source);
    }
  }
  return [];
}

function union(...lists: readonly (readonly Family[])[]): Family[] {
  const out: Family[] = [];
  for (const l of lists) for (const f of l) if (!out.includes(f)) out.push(f);
  return out;
}

/** Families of allocated Service cluster IPs, primary first: the `kubernetes` Service's, else the most common. */
function inferredServiceFamilies(services: readonly Service[]): Family[] {
  const counts = new Map<Family, number>();
  for (const s of services) for (const ip of s.clusterIPs) counts.set(ip.family, (counts.get(ip.family) ?? 0) + 1);
  const primaryCount = new Map<Family, number>();
  for (const s of services) if (s.clusterIPs[0]) primaryCount.set(s.clusterIPs[0].family, (primaryCount.get(s.clusterIPs[0].family) ?? 0) + 1);
  const kube = services.find((s) => s.isDefaultKubernetes && s.clusterIPs[0]);
  const fams = [...counts.keys()];
  const primary = kube?.clusterIPs[0].family ?? [...primaryCount.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return fams.sort((a, b) => (a === primary ? -1 : b === primary ? 1 : a < b ? -1 : 1));
}

function evidenceFrom(ranges: readonly DeclaredRange[]): Evidence[] {
  const bySource = new Map<string, DeclaredRange[]>();
  for (const r of ranges) {
    const key = `${r.role}\u0000${r.source}`;
    const list = bySource.get(key);
    if (list) list.push(r);
    else bySource.set(key, [r]);
  }
  return [...bySource.values()].map((rs) => ({
    source: rs[0].source,
    role: rs[0].role,
    families: familiesOf(rs.map((r) => r.cidr)),
    ranges: rs.map((r) => r.cidr.text.trim()),
    inferred: false,
  }));
}

export function buildClusterNetwork(inputs: NetworkInputs): ClusterNetwork {
  const c = new RangeCollector();
  c.add(inputs.overrides.serviceCidrs, 'services', 'cli', '--service-cidr');
  c.add(inputs.overrides.podCidrs, 'pods', 'cli', '--pod-cidr');
  addStaticPods(c, inputs.pods);
  for (const sc of inputs.serviceCIDRs) {
    // Only the `kubernetes` ServiceCIDR mirrors the apiserver flag; extra ServiceCIDRs add ranges, not families.
    if (sc.ref.name === 'kubernetes') c.addWritten(sc.written, 'services', 'service-cidr', 'ServiceCIDR kubernetes spec.cidrs', sc, 'spec.cidrs');
  }
  for (const cm of inputs.configMaps) {
    if (cm.ref.namespace !== 'kube-system') continue;
    if (cm.ref.name === 'kubeadm-config') {
      const body = parseEmbeddedYaml(cm.data.ClusterConfiguration);
      if (body) addKubeadm(c, body, 'ConfigMap kube-system/kubeadm-config', cm, 'data.ClusterConfiguration');
    } else if (cm.ref.name === 'kube-proxy') {
      const body = parseEmbeddedYaml(cm.data['config.conf']);
      if (body) addKubeProxy(c, body, 'ConfigMap kube-system/kube-proxy config.conf', cm, true);
    }
  }
  for (const doc of inputs.configDocuments) {
    if (doc.type === 'kubeadm') addKubeadm(c, doc.body, doc.label, doc);
    else if (doc.type === 'kind') addKind(c, doc.body, doc.label, doc);
    else if (doc.type === 'kube-proxy') addKubeProxy(c, doc.body, doc.label, doc);
  }
  // Extra ServiceCIDRs add allocatable ranges but never decide the families, so they stay out of the evidence.
  for (const sc of inputs.serviceCIDRs) {
    if (sc.ref.name !== 'kubernetes') c.addWritten(sc.written, 'services', 'service-cidr-extra', `ServiceCIDR ${sc.ref.name} spec.cidrs`, sc, 'spec.cidrs');
  }

  const evidence = evidenceFrom(c.ranges.filter((r) => r.sourceKind !== 'service-cidr-extra'));
  const nodesWithCidrs = inputs.nodes.filter((n) => n.podCIDRs.length > 0);
  // No spread over per-object lists: 150,000 pods would overflow the call stack.
  const nodeFamilies = familiesOf(nodesWithCidrs.flatMap((n) => n.podCIDRs));
  if (nodesWithCidrs.length > 0) {
    evidence.push({ source: `Node spec.podCIDRs (${nodesWithCidrs.length} of ${inputs.nodes.length} nodes)`, role: 'pods', families: nodeFamilies, ranges: [], inferred: true });
  }
  const liveServices = inputs.services.filter((s) => s.clusterIPs.length > 0);
  const ipServiceFamilies = inferredServiceFamilies(liveServices);
  if (liveServices.length > 0) {
    evidence.push({ source: `Service spec.clusterIPs (${liveServices.length} services)`, role: 'services', families: ipServiceFamilies, ranges: [], inferred: true });
  }
  const networkedPods = inputs.pods.filter((p) => !p.spec.hostNetwork && p.podIPs.length > 0);
  const podIpFamilies = familiesOf(networkedPods.flatMap((p) => p.podIPs));
  if (networkedPods.length > 0) {
    evidence.push({ source: `Pod status.podIPs (${networkedPods.length} pods)`, role: 'pods', families: podIpFamilies, ranges: [], inferred: true });
  }

  const declaredServices = firstSource(c.ranges, 'services', SERVICE_PRECEDENCE);
  const serviceFamilies = declaredServices.length > 0 ? familiesOf(declaredServices.map((r) => r.cidr)) : ipServiceFamilies;
  const serviceFamiliesSource = declaredServices.length > 0 ? 'declared' : liveServices.length > 0 ? 'inferred' : 'none';

  const declaredPodFamilies = familiesOf(c.ranges.filter((r) => r.role === 'pods').map((r) => r.cidr));
  const podFamilies = union(declaredPodFamilies, nodeFamilies, podIpFamilies);
  const podFamiliesSource =
    declaredPodFamilies.length > 0 || nodeFamilies.length > 0 ? 'declared' : podIpFamilies.length > 0 ? 'inferred' : 'none';

  const clusterCidrs: Cidr[] = [];
  for (const kind of POD_PRECEDENCE) {
    for (const r of c.ranges) {
      if (r.role === 'pods' && r.sourceKind === kind && !clusterCidrs.some((x) => x.family === r.cidr.family)) clusterCidrs.push(r.cidr);
    }
  }
  const allocateNodeCidrs = c.allocateNodeCidrs?.value ?? (nodesWithCidrs.length > 0 ? true : null);
  const serviceRanges: Cidr[] = [];
  for (const kind of SERVICE_PRECEDENCE) {
    for (const r of c.ranges) {
      if (r.role === 'services' && r.sourceKind === kind && !serviceRanges.some((x) => x.family === r.cidr.family)) serviceRanges.push(r.cidr);
    }
  }
  const { issues: componentIssues, ...components } = readComponents(inputs, clusterCidrs);

  const serviceDualStack = serviceFamilies.length === 2;
  const podDualStack = podFamilies.length === 2;
  let state: StackState = 'unknown';
  if (serviceDualStack || podDualStack) state = 'dual';
  else if (serviceFamiliesSource === 'declared' || podFamiliesSource === 'declared') {
    const all = union(serviceFamilies, podFamilies);
    if (all.length === 1) state = all[0] === 'IPv4' ? 'ipv4' : 'ipv6';
  }

  return Object.freeze({
    ranges: c.ranges,
    serviceFamilies,
    podFamilies,
    clusterCidrs,
    allocateNodeCidrs,
    serviceFamiliesSource,
    podFamiliesSource,
    state,
    serviceDualStack,
    podDualStack,
    evidence,
    invalid: c.invalid,
    declarations: c.declarations,
    serviceRanges,
    ...components,
    listIssues: [
      ...collectListIssues(c.declarations, inputs.nodes, inputs.services, inputs.pods, [
        ...(inputs.networkPolicies ?? []), ...(inputs.ingresses ?? []), ...(inputs.gateways ?? []), ...(inputs.metallbPools ?? []),
      ]),
      ...componentIssues,
    ],
    kubelets: readKubelets(inputs.configDocuments, inputs.configMaps),
  });
}
