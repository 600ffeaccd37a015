/** Reads component configuration that address planning needs: controller-manager, apiservers, kube-proxy, kubelet, versions. */
import { extraArgs, KIND_DEFAULTS, parseEmbeddedYaml } from '../config/embedded-config.js';
import { familiesOf, parseCidr, parseIp, splitList, type Cidr, type Family } from '../../net/index.js';
import { containerArgv, findComponent, parseFlags } from './flags.js';
import { asArray, asBool, asString, dig, type RawMap } from '../raw.js';
import type {
  ApiServerConfig, ClusterNetwork, ConfigMap, ControllerManagerConfig, ExternalNetwork, FactSource, KubeProxyConfig, KubeVersion,
  ListIssue, ModelObject, Node, NodeMask, Pod, ServiceAllocator, Workload,
} from '../types.js';
import type { ConfigDocument, NetworkOverrides } from './inputs.js';

/** What the component readers need; a subset of the cluster-network inputs. */
export interface ComponentInputs {
  readonly pods: readonly Pod[];
  readonly nodes: readonly Node[];
  readonly configMaps: readonly ConfigMap[];
  readonly configDocuments: readonly ConfigDocument[];
  readonly workloads?: readonly Workload[];
  readonly overrides: NetworkOverrides;
  /** `gitVersion` the API server reported at `/version` (live reads and their snapshots). */
  readonly serverVersion?: string;
}

/** The component facts of ClusterNetwork, plus flag values the components would reject. */
export type ComponentFacts = Pick<
  ClusterNetwork,
  'controllerManagers' | 'controllerManager' | 'apiServers' | 'kubeProxy' | 'kubeProxyNotUnderstood' | 'kubeadmManaged' | 'version' | 'serviceAllocator' | 'maxPods' | 'kubeletClusterDns' | 'nodeMasks' | 'externalNetworks'
> & {
  /** Flag values that are not what the component accepts (non-integer masks, unparsable external CIDRs). */
  readonly issues: readonly ListIssue[];
};

/** kube-controller-manager defaults (cmd/kube-controller-manager/app/core.go `defaultNodeMaskCIDRIPv4/IPv6`). */
export const DEFAULT_NODE_MASK: Readonly<Record<Family, number>> = { IPv4: 24, IPv6: 64 };
/** kubelet `--max-pods` default. */
export const DEFAULT_MAX_PODS = 110;




function cidrsOf(entries: readonly string[]): Cidr[] {
  return entries.flatMap((e) => { const p = parseCidr(e); return p.ok ? [p.value] : []; });
}

/** `A=true,B=false` → `{A: true, B: false}`. */
export function parseFeatureGates(text: string | undefined): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const item of splitList(text ?? '')) {
    const [k, v] = item.split('=').map((s) => s.trim());
    if (k && (v === 'true' || v === 'false')) out[k] = v === 'true';
  }
  return out;
}

/** A configuration file's `featureGates` map (KubeletConfiguration, KubeProxyConfiguration, kind). */
export function featureGateMap(v: unknown): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const m = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  for (const [k, val] of Object.entries(m)) if (typeof val === 'boolean') out[k] = val;
  return out;
}

/** `v1.31.2`, `1.33`, `registry.k8s.io/kube-apiserver:v1.31.2@sha256:…`. */
export function parseVersion(text: string | undefined, source: string): KubeVersion | undefined {
  const m = /(?:^|:)v?(\d+)\.(\d+)(?:\.\d+)?/.exec(text ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]), text: `${m[1]}.${m[2]}`, source } : undefined;
}

function atLeast(v: KubeVersion, minor: number): boolean {
  return v.major > 1 || (v.major === 1 && v.minor >= minor);
}

export function fact(source: string, at: { ref?: ModelObject['ref']; origin?: ModelObject['origin'] } | undefined, path?: string): FactSource {
  const object = at && 'labels' in at ? (at as ModelObject) : undefined;
  return { source, ...(at?.ref ? { ref: at.ref } : {}), ...(at?.origin ? { origin: at.origin } : {}), ...(path ? { path } : {}), ...(object ? { object } : {}) };
}

class Reader {
  readonly issues: ListIssue[] = [];

  /** A non-negative integer flag value; anything else is recorded as an issue. */
  mask(flags: ReadonlyMap<string, string>, name: string, where: FactSource): number | undefined {
    const v = flags.get(name);
    if (v === undefined || v.trim() === '') return undefined;
    if (/^\d{1,3}$/.test(v.trim())) return Number(v.trim());
    this.issues.push({ ...where, what: `--${name}`, value: v, problem: 'is not a mask size (an integer)' });
    return undefined;
  }

  controllerManager(flags: ReadonlyMap<string, string>, sourceKind: ControllerManagerConfig['sourceKind'], where: FactSource, clusterCidr: string | undefined, allocate: string | undefined): ControllerManagerConfig {
    const entries = splitList(clusterCidr ?? '');
    const size = this.mask(flags, 'node-cidr-mask-size', where);
    const v4 = this.mask(flags, 'node-cidr-mask-size-ipv4', where);
    const v6 = this.mask(flags, 'node-cidr-mask-size-ipv6', where);
    const allocatorType = flags.get('cidr-allocator-type');
    const cloud = flags.get('cloud-provider');
    return {
      ...where,
      sourceKind,
      clusterCidrs: cidrsOf(entries),
      clusterCidrEntries: entries,
      allocateNodeCidrs: allocate === 'true',
      ...(size !== undefined ? { nodeCidrMaskSize: size } : {}),
      ...(v4 !== undefined ? { nodeCidrMaskSizeIPv4: v4 } : {}),
      ...(v6 !== undefined ? { nodeCidrMaskSizeIPv6: v6 } : {}),
      ...(allocatorType !== undefined ? { cidrAllocatorType: allocatorType } : {}),
      ...(cloud !== undefined ? { cloudProvider: cloud } : {}),
      featureGates: parseFeatureGates(flags.get('feature-gates')),
    };
  }
}

interface KubeadmDoc {
  readonly body: RawMap;
  readonly label: string;
  readonly at?: { ref?: ModelObject['ref']; origin?: ModelObject['origin'] };
  readonly path?: string;
}

function kubeadmDocs(inputs: ComponentInputs): KubeadmDoc[] {
  const out: KubeadmDoc[] = [];
  for (const cm of inputs.configMaps) {
    if (cm.ref.namespace !== 'kube-system' || cm.ref.name !== 'kubeadm-config') continue;
    const body = parseEmbeddedYaml(cm.data.ClusterConfiguration);
    if (body) out.push({ body, label: 'ConfigMap kube-system/kubeadm-config', at: cm, path: 'data.ClusterConfiguration' });
  }
  for (const doc of inputs.configDocuments) if (doc.type === 'kubeadm') out.push({ body: doc.body, label: doc.label, at: doc });
  return out;
}

/** ClusterConfiguration patches of a kind config, merged in order (later patches win). */
function kindPatches(body: RawMap): { cm: Map<string, string>; api: Map<string, string>; podSubnet?: string; serviceSubnet?: string } {
  const cm = new Map<string, string>();
  const api = new Map<string, string>();
  let podSubnet: string | undefined;
  let serviceSubnet: string | undefined;
  for (const patch of asArray(body.kubeadmConfigPatches)) {
    const m = parseEmbeddedYaml(asString(patch));
    if (!m || asString(m.kind) !== 'ClusterConfiguration') continue;
    for (const [k, v] of extraArgs(dig(m, 'controllerManager', 'extraArgs'))) cm.set(k, v);
    for (const [k, v] of extraArgs(dig(m, 'apiServer', 'extraArgs'))) api.set(k, v);
    podSubnet = asString(dig(m, 'networking', 'podSubnet')) ?? podSubnet;
    serviceSubnet = asString(dig(m, 'networking', 'serviceSubnet')) ?? serviceSubnet;
  }
  return { cm, api, ...(podSubnet ? { podSubnet } : {}), ...(serviceSubnet ? { serviceSubnet } : {}) };
}

/** Pods running `binary`, by name (static pods of each control-plane node), with the container. */
function componentPods(pods: readonly Pod[], binary: string): { pod: Pod; c: Pod['spec']['containers'][number] }[] {
  const out: { pod: Pod; c: Pod['spec']['containers'][number] }[] = [];
  for (const pod of pods) {
    const c = findComponent(pod.spec.containers, binary);
    if (c) out.push({ pod, c });
  }
  return out.sort((a, b) => (a.pod.ref.name < b.pod.ref.name ? -1 : a.pod.ref.name > b.pod.ref.name ? 1 : 0));
}

function readControllerManagers(r: Reader, inputs: ComponentInputs): ControllerManagerConfig[] {
  const out: ControllerManagerConfig[] = [];
  for (const { pod, c } of componentPods(inputs.pods, 'kube-controller-manager')) {
    const flags = parseFlags(containerArgv(c));
    const where = fact(`kube-controller-manager (Pod ${pod.ref.namespace}/${pod.ref.name})`, pod, `${c.path}.command`);
    out.push(r.controllerManager(flags, 'static-pod', where, flags.get('cluster-cidr'), flags.get('allocate-node-cidrs') ?? 'false'));
  }
  for (const doc of kubeadmDocs(inputs)) {
    const args = extraArgs(dig(doc.body, 'controllerManager', 'extraArgs'));
    const podSubnet = asString(dig(doc.body, 'networking', 'podSubnet'));
    // kubeadm passes --allocate-node-cidrs=true and --cluster-cidr=<podSubnet> unless extraArgs override them.
    const where = fact(`${doc.label} controllerManager`, doc.at, doc.path);
    out.push(r.controllerManager(args, 'kubeadm', where, args.get('cluster-cidr') ?? podSubnet, args.get('allocate-node-cidrs') ?? (podSubnet ? 'true' : 'false')));
  }
  for (const doc of inputs.configDocuments) {
    if (doc.type !== 'kind') continue;
    const patches = kindPatches(doc.body);
    const family = (asString(dig(doc.body, 'networking', 'ipFamily')) ?? 'ipv4').toLowerCase();
    const podSubnet = patches.podSubnet ?? asString(dig(doc.body, 'networking', 'podSubnet')) ?? (KIND_DEFAULTS[family] ?? KIND_DEFAULTS.ipv4).pods.join(',');
    const where = fact(`${doc.label} controller-manager`, doc);
    const cm = r.controllerManager(patches.cm, 'kind', where, patches.cm.get('cluster-cidr') ?? podSubnet, patches.cm.get('allocate-node-cidrs') ?? 'true');
    // kind passes its top-level featureGates to every component (kind.sigs.k8s.io/docs/user/configuration/#feature-gates).
    out.push({ ...cm, featureGates: { ...featureGateMap(doc.body.featureGates), ...cm.featureGates } });
  }
  return out;
}

/** `--advertise-address`, else a specific `--bind-address` (k8s cmd/kube-apiserver/app/options ServerRunOptions.DefaultAdvertiseAddress). */
function advertiseAddressOf(flags: ReadonlyMap<string, string>): ApiServerConfig['advertiseAddress'] {
  for (const flag of ['advertise-address', 'bind-address'] as const) {
    const text = flags.get(flag);
    if (text === undefined) continue;
    const p = parseIp(text);
    if (p.ok && !(flag === 'bind-address' && p.value.value === 0n)) return { ip: p.value, flag };
  }
  return undefined;
}

/** The apiserver flags that decide how it publishes itself. */
function publishedAddress(flags: ReadonlyMap<string, string>): Pick<ApiServerConfig, 'advertiseAddress' | 'endpointReconcilerType'> {
  const advertiseAddress = advertiseAddressOf(flags);
  const reconciler = flags.get('endpoint-reconciler-type');
  return { ...(advertiseAddress ? { advertiseAddress } : {}), ...(reconciler !== undefined ? { endpointReconcilerType: reconciler } : {}) };
}

function readApiServers(inputs: ComponentInputs): ApiServerConfig[] {
  const out: ApiServerConfig[] = [];
  for (const { pod, c } of componentPods(inputs.pods, 'kube-apiserver')) {
    const flags = parseFlags(containerArgv(c));
    const where = fact(`kube-apiserver (Pod ${pod.ref.namespace}/${pod.ref.name})`, pod, `${c.path}.command`);
    const version = parseVersion(c.image, 'kube-apiserver image');
    out.push({
      ...where,
      sourceKind: 'static-pod',
      serviceCidrs: cidrsOf(splitList(flags.get('service-cluster-ip-range') ?? '')),
      featureGates: parseFeatureGates(flags.get('feature-gates')),
      ...(version ? { version } : {}),
      ...publishedAddress(flags),
    });
  }
  for (const doc of kubeadmDocs(inputs)) {
    const args = extraArgs(dig(doc.body, 'apiServer', 'extraArgs'));
    const range = args.get('service-cluster-ip-range') ?? asString(dig(doc.body, 'networking', 'serviceSubnet'));
    const version = parseVersion(asString(doc.body.kubernetesVersion), `${doc.label} kubernetesVersion`);
    out.push({
      ...fact(`${doc.label} apiServer`, doc.at, doc.path),
      sourceKind: 'kubeadm',
      serviceCidrs: cidrsOf(splitList(range ?? '')),
      featureGates: parseFeatureGates(args.get('feature-gates')),
      ...(version ? { version } : {}),
      ...publishedAddress(args),
    });
  }
  return out;
}

/**
 * ConfigMap kube-system/kube-proxy whose configuration cannot be read: kubeadm mounts its `config.conf`
 * key as kube-proxy's --config (cmd/kubeadm/app/phases/addons/proxy/manifests.go), so any other key
 * is a layout dsaudit does not know.
 */
function kubeProxyNotUnderstood(inputs: ComponentInputs): (FactSource & { detail: string }) | undefined {
  const cm = inputs.configMaps.find((c) => c.ref.namespace === 'kube-system' && c.ref.name === 'kube-proxy');
  if (!cm) return undefined;
  const text = cm.data['config.conf'];
  if (text !== undefined && parseEmbeddedYaml(text)) return undefined;
  const keys = Object.keys(cm.data).sort();
  const detail =
    text !== undefined
      ? 'data.config.conf is not a YAML mapping'
      : `no data.config.conf key (${keys.length > 0 ? `keys: ${keys.join(', ')}` : 'no data'}); kube-proxy's configuration is read from config.conf`;
  return { ...fact('ConfigMap kube-system/kube-proxy', cm, 'data'), detail };
}

function readKubeProxy(r: Reader, inputs: ComponentInputs): KubeProxyConfig | undefined {
  let file: { body: RawMap; where: FactSource } | undefined;
  for (const cm of inputs.configMaps) {
    if (cm.ref.namespace !== 'kube-system' || cm.ref.name !== 'kube-proxy') continue;
    const body = parseEmbeddedYaml(cm.data['config.conf']);
    if (body) file = { body, where: fact('ConfigMap kube-system/kube-proxy config.conf', cm, 'data') };
  }
  for (const doc of inputs.configDocuments) if (doc.type === 'kube-proxy' && !file) file = { body: doc.body, where: fact(doc.label, doc) };

  // The DaemonSet's flags override the configuration file.
  let flags: { values: Map<string, string>; where: FactSource } | undefined;
  const running = (containers: Workload['podTemplate']['containers']) => findComponent(containers, 'kube-proxy');
  for (const w of inputs.workloads ?? []) {
    const c = w.workloadKind === 'DaemonSet' ? running(w.podTemplate.containers) : undefined;
    if (c && !flags) flags = { values: parseFlags(containerArgv(c)), where: fact(`kube-proxy (DaemonSet ${w.ref.namespace}/${w.ref.name})`, w, `${c.path}.command`) };
  }
  for (const pod of inputs.pods) {
    const c = running(pod.spec.containers);
    if (c && !flags) flags = { values: parseFlags(containerArgv(c)), where: fact(`kube-proxy (Pod ${pod.ref.namespace}/${pod.ref.name})`, pod, `${c.path}.command`) };
  }
  if (!file && !flags) return undefined;

  const flagCidr = flags?.values.get('cluster-cidr');
  const flagMode = flags?.values.get('detect-local-mode');
  const flagMasq = flags?.values.get('masquerade-all');
  const fileCidr = file ? asString(file.body.clusterCIDR) : undefined;
  const useFlags = flagCidr !== undefined || flagMode !== undefined;
  const where = (useFlags ? flags?.where : file?.where) ?? flags?.where ?? file!.where;
  // The file's clusterCIDR is a range declaration (cluster-network.ts), checked there; the flag is not.
  if (flagCidr !== undefined && flags) {
    for (const e of splitList(flagCidr)) {
      const p = parseCidr(e);
      if (!p.ok) r.issues.push({ ...flags.where, what: 'kube-proxy --cluster-cidr', value: e, problem: p.error });
    }
  }
  return {
    ...where,
    running: flags !== undefined,
    clusterCidrs: cidrsOf(splitList(flagCidr ?? fileCidr ?? '')),
    detectLocalMode: flagMode ?? (file ? asString(file.body.detectLocalMode) : undefined) ?? '',
    masqueradeAll: flagMasq !== undefined ? flagMasq === 'true' : (file ? asBool(dig(file.body, 'iptables', 'masqueradeAll')) : undefined) ?? false,
    featureGates: { ...featureGateMap(file ? dig(file.body, 'featureGates') : undefined), ...parseFeatureGates(flags?.values.get('feature-gates')) },
  };
}

function readMaxPods(inputs: ComponentInputs): { value: number; source: string } {
  const withCapacity = inputs.nodes.filter((n) => n.podCapacity !== undefined);
  if (withCapacity.length > 0) {
    const top = withCapacity.reduce((a, b) => ((b.podCapacity ?? 0) > (a.podCapacity ?? 0) ? b : a));
    return { value: top.podCapacity!, source: `Node ${top.ref.name} status.capacity.pods` };
  }
  for (const cm of inputs.configMaps) {
    if (cm.ref.namespace !== 'kube-system' || !/^kubelet-config(-[\d.]+)?$/.test(cm.ref.name)) continue;
    const body = parseEmbeddedYaml(cm.data.kubelet);
    const v = Number.parseInt(asString(body?.maxPods) ?? '', 10);
    if (Number.isFinite(v)) return { value: v, source: `ConfigMap kube-system/${cm.ref.name} maxPods` };
  }
  return { value: DEFAULT_MAX_PODS, source: 'kubelet default' };
}

/** kubelet `clusterDNS` from the kubeadm-written ConfigMap (the same one `maxPods` is read from). */
function readKubeletClusterDns(inputs: ComponentInputs): ClusterNetwork['kubeletClusterDns'] {
  for (const cm of inputs.configMaps) {
    if (cm.ref.namespace !== 'kube-system' || !/^kubelet-config(-[\d.]+)?$/.test(cm.ref.name)) continue;
    const ips = asArray(parseEmbeddedYaml(cm.data.kubelet)?.clusterDNS).flatMap((v) => {
      const p = parseIp(asString(v) ?? '');
      return p.ok ? [p.value] : [];
    });
    if (ips.length > 0) return { ...fact(`ConfigMap kube-system/${cm.ref.name} clusterDNS`, cm, 'data.kubelet'), ips };
  }
  return undefined;
}

function readAllocator(apiServers: readonly ApiServerConfig[], version: KubeVersion | undefined): ServiceAllocator {
  const gates: Record<string, boolean> = {};
  for (const a of [...apiServers].reverse()) Object.assign(gates, a.featureGates);
  let multi = gates.MultiCIDRServiceAllocator ?? (version ? atLeast(version, 33) : undefined);
  let noDualWrite = gates.DisableAllocatorDualWrite ?? (version ? atLeast(version, 34) : undefined);
  // Locked on: MultiCIDRServiceAllocator from 1.34, DisableAllocatorDualWrite from 1.35.
  if (version && atLeast(version, 34)) multi = true;
  if (version && atLeast(version, 35)) noDualWrite = true;
  const explicit = 'MultiCIDRServiceAllocator' in gates || 'DisableAllocatorDualWrite' in gates ? ', --feature-gates' : '';
  const basis = version ? `Kubernetes ${version.text}, ${version.source}${explicit}` : explicit ? 'kube-apiserver --feature-gates' : 'server version unknown';
  return { legacy: !(multi === true && noDualWrite === true), basis };
}

/**
 * `NodeMask[f]` (cmd/kube-controller-manager/app/core.go#setNodeCIDRMaskSizes): on a dual-stack
 * `--cluster-cidr` the per-family flags or the 24/64 defaults; single-stack: `--node-cidr-mask-size`,
 * else the family's flag, else the default.
 */
function nodeMasks(kcm: ControllerManagerConfig | undefined, clusterCidrs: readonly Cidr[]): NodeMask[] {
  const own = kcm && kcm.clusterCidrs.length > 0 ? familiesOf(kcm.clusterCidrs) : familiesOf(clusterCidrs);
  const dual = own.length > 1;
  return familiesOf(clusterCidrs).map((family) => {
    const specific = family === 'IPv4' ? kcm?.nodeCidrMaskSizeIPv4 : kcm?.nodeCidrMaskSizeIPv6;
    const flagName = family === 'IPv4' ? '--node-cidr-mask-size-ipv4' : '--node-cidr-mask-size-ipv6';
    let size = DEFAULT_NODE_MASK[family];
    let flag = 'default';
    if (!dual && kcm?.nodeCidrMaskSize !== undefined) { size = kcm.nodeCidrMaskSize; flag = '--node-cidr-mask-size'; }
    else if (specific !== undefined) { size = specific; flag = flagName; }
    const source = kcm && flag !== 'default' ? `${kcm.source} ${flag}` : `controller-manager default /${DEFAULT_NODE_MASK[family]}`;
    return { family, size, flag, source, ...(kcm && flag !== 'default' ? { from: kcm } : {}) };
  });
}

function readExternalNetworks(r: Reader, inputs: ComponentInputs): ExternalNetwork[] {
  const out: ExternalNetwork[] = [];
  for (const e of inputs.overrides.externalNetworks ?? []) {
    const p = parseCidr(e.cidr);
    if (p.ok) out.push({ source: e.source, cidr: p.value, ...(e.name ? { name: e.name } : {}), ...(e.severity ? { severity: e.severity } : {}) });
    else r.issues.push({ source: e.source, what: 'external network', value: e.cidr, problem: p.error });
  }
  for (const doc of inputs.configDocuments) {
    if (doc.type !== 'external-network') continue;
    const name = asString(dig(doc.body, 'metadata', 'name'));
    const severityText = asString(dig(doc.body, 'spec', 'severity'));
    const severity = severityText === 'error' || severityText === 'warning' || severityText === 'info' ? severityText : undefined;
    const single = asString(dig(doc.body, 'spec', 'cidr'));
    const list = asArray(dig(doc.body, 'spec', 'cidrs')).map(asString).filter((s): s is string => s !== undefined);
    (single !== undefined ? [single, ...list] : list).forEach((text, i) => {
      const where = fact(`ExternalNetwork ${name ?? ''}`.trim(), doc, single !== undefined && i === 0 ? 'spec.cidr' : `spec.cidrs[${single !== undefined ? i - 1 : i}]`);
      const p = parseCidr(text);
      if (p.ok) out.push({ ...where, cidr: p.value, ...(name ? { name } : {}), ...(severity ? { severity } : {}) });
      else r.issues.push({ ...where, what: 'ExternalNetwork spec.cidrs', value: text, problem: p.error });
    });
  }
  return out;
}

/** Derives the component facts; `clusterCidrs` is `ClusterCIDR[f]` as derived by the cluster network. */
export function readComponents(inputs: ComponentInputs, clusterCidrs: readonly Cidr[]): ComponentFacts {
  const r = new Reader();
  const controllerManagers = readControllerManagers(r, inputs);
  const order: readonly ControllerManagerConfig['sourceKind'][] = ['static-pod', 'kubeadm', 'kind'];
  const controllerManager = order.map((k) => controllerManagers.find((c) => c.sourceKind === k)).find((c) => c !== undefined);
  const apiServers = readApiServers(inputs);
  // The API server's own answer first; then what its static pod runs, then what kubeadm was asked to install.
  const version =
    parseVersion(inputs.serverVersion, `API server /version ${inputs.serverVersion ?? ''}`.trim()) ??
    apiServers.find((a) => a.sourceKind === 'static-pod' && a.version)?.version ??
    apiServers.find((a) => a.version)?.version;
  const kubeProxy = readKubeProxy(r, inputs);
  const notUnderstood = kubeProxyNotUnderstood(inputs);
  const externalNetworks = readExternalNetworks(r, inputs);
  const clusterDns = readKubeletClusterDns(inputs);
  return {
    controllerManagers,
    ...(controllerManager ? { controllerManager } : {}),
    apiServers,
    ...(kubeProxy ? { kubeProxy } : {}),
    ...(notUnderstood ? { kubeProxyNotUnderstood: notUnderstood } : {}),
    kubeadmManaged: kubeadmDocs(inputs).length > 0 || inputs.configDocuments.some((d) => d.type === 'kind'),
    ...(version ? { version } : {}),
    serviceAllocator: readAllocator(apiServers, version),
    maxPods: readMaxPods(inputs),
    ...(clusterDns ? { kubeletClusterDns: clusterDns } : {}),
    nodeMasks: nodeMasks(controllerManager, clusterCidrs),
    externalNetworks,
    issues: r.issues,
  };
}
