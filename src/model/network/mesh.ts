/** Finds the Istio mesh in the input and derives its dual-stack facts: control planes, proxy defaults, proxies, ztunnels, Services. */
import {
  annotationProxyConfig, containerEnv, DUAL_STACK_VAR, EXCLUDE_OUTBOUND_ANNOTATION, INCLUDE_OUTBOUND_ANNOTATION, INTERCEPTION_MODE_ANNOTATION, iptablesFlag,
  istioSwitch, LEGACY_DUAL_STACK_VAR, meshConfigOf, operatorSettings, outboundCaptureOf, proxyMetadata, valuesCapture, versionOfImage, versionOfTag, type Notes,
} from '../config/istio.js';
import { displayRef } from '../objects.js';
import type {
  ClusterModel, ConfigMap, Container, FactSource, IstioCaptureSetting, IstioControlPlane, IstioOperator, IstioOutboundCapture, IstioProxy, IstioProxyDefaults,
  IstioInjectionDefaults, IstioService, IstioZtunnel,
  MeshFacts, ModelObject, Pod, PodSpecSummary, Service, Workload, WorkloadSpec,
} from '../types.js';
import { parseEmbeddedYaml } from '../config/embedded-config.js';
import { dig } from '../raw.js';
import { fact } from './components.js';
import { containerArgv } from './flags.js';

export interface MeshInputs {
  readonly configMaps: readonly ConfigMap[];
  readonly workloads: readonly Workload[];
  readonly pods: readonly Pod[];
  readonly services: readonly Service[];
  readonly workloadSpecs: readonly WorkloadSpec[];
  readonly istioOperators: readonly IstioOperator[];
}

const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
/** Set on Pods the ambient CNI has enrolled (istio.io/latest/docs/ambient/architecture/data-plane). */
const AMBIENT_ANNOTATION = 'ambient.istio.io/redirection';
/** The sidecar injector records what it injected (istio/istio pkg/kube/inject). */
const INJECTED_ANNOTATION = 'sidecar.istio.io/status';

function objectFact(o: ModelObject, path?: string): FactSource {
  return fact(displayRef(o.ref), o, path);
}

/** The `istio-proxy` container: a regular container, or (Istio 1.19+ native sidecars) a restartable init container. */
function proxyContainer(spec: PodSpecSummary): { container: Container; native: boolean } | undefined {
  const c = spec.containers.find((x) => x.name === 'istio-proxy');
  if (c) return { container: c, native: false };
  const i = spec.initContainers.find((x) => x.name === 'istio-proxy');
  return i ? { container: i, native: true } : undefined;
}

/** istiod: the Deployment whose template runs container `discovery` with label `app=istiod` (catalog section 0, MeshPresent). */
function isIstiod(w: Workload): Container | undefined {
  if (w.workloadKind !== 'Deployment' || w.templateLabels.app !== 'istiod') return undefined;
  return w.podTemplate.containers.find((c) => c.name === 'discovery');
}

/** Mesh ConfigMaps: `istio`, or `istio-<revision>` for revisioned control planes, with a `mesh` key. */
function isMeshConfigMap(cm: ConfigMap): boolean {
  return (cm.ref.name === 'istio' || cm.ref.name.startsWith('istio-')) && typeof cm.data.mesh === 'string' && cm.ref.name !== 'istio-sidecar-injector';
}

/** The injector's ConfigMap, `istio-sidecar-injector` or `istio-sidecar-injector-<revision>`, whose `values` key holds the Helm values as JSON. */
function isInjectorConfigMap(cm: ConfigMap): boolean {
  return (cm.ref.name === 'istio-sidecar-injector' || cm.ref.name.startsWith('istio-sidecar-injector-')) && typeof cm.data.values === 'string';
}

function serviceRole(svc: Service): IstioService['role'] | undefined {
  if (svc.labels.app === 'istiod' || svc.ref.name === 'istiod' || svc.ref.name.startsWith('istiod-')) return 'istiod';
  const istio = svc.labels.istio;
  if (istio === 'ingressgateway' || svc.labels['gateway.istio.io/managed'] === 'istio.io-gateway-controller') return 'ingress-gateway';
  if (istio === 'egressgateway') return 'egress-gateway';
  return undefined;
}

/** Whether each workload's Pods hold both families; absent when none of its Pods has an address. */
function podFamiliesByWorkload(pods: readonly Pod[]): Map<ModelObject, boolean> {
  const out = new Map<ModelObject, boolean>();
  for (const p of pods) {
    if (p.podIPs.length === 0) continue;
    const key = p.workload ?? p;
    const dual = p.podIPs.some((ip) => ip.family === 'IPv4') && p.podIPs.some((ip) => ip.family === 'IPv6');
    out.set(key, (out.get(key) ?? false) || dual);
  }
  return out;
}

export function buildMeshFacts(inputs: MeshInputs): MeshFacts {
  const notes: Notes = [];
  const controlPlanes: IstioControlPlane[] = [];
  const proxyDefaults: IstioProxyDefaults[] = [];
  const ztunnels: IstioZtunnel[] = [];
  const ztunnelObjects = new Set<ModelObject>();

  for (const w of inputs.workloads) {
    const discovery = isIstiod(w);
    if (discovery) {
      const at = objectFact(w);
      const env = containerEnv(discovery, DUAL_STACK_VAR);
      const version = versionOfImage(discovery.image);
      controlPlanes.push({ ...at, kind: 'istiod', dualStack: istioSwitch(at, DUAL_STACK_VAR, env?.value, env?.path ?? `${discovery.path}.env`, notes), ...(version ? { version, versionPath: `${discovery.path}.image` } : {}) });
    }
    if (w.workloadKind === 'DaemonSet' && w.ref.name === 'ztunnel') {
      const c = w.podTemplate.containers.find((x) => x.name === 'istio-proxy') ?? w.podTemplate.containers[0];
      ztunnelObjects.add(w);
      if (c) {
        const at = objectFact(w);
        const env = containerEnv(c, DUAL_STACK_VAR);
        ztunnels.push({ ...at, dualStack: istioSwitch(at, DUAL_STACK_VAR, env?.value, env?.path ?? `${c.path}.env`, notes) });
      }
    }
  }

  for (const op of inputs.istioOperators) {
    const at = objectFact(op);
    const s = operatorSettings(op.body, at, notes);
    const version = versionOfTag(s.tag);
    controlPlanes.push({
      ...at, kind: 'istio-operator',
      dualStack: istioSwitch(at, DUAL_STACK_VAR, s.pilot?.value, s.pilot?.path ?? 'spec.values.pilot.env', notes),
      ...(version ? { version, versionPath: s.tagPath } : {}),
    });
    const meta = s.proxyMetadata;
    const path = meta?.path ?? (s.meshConfigPresent ? 'spec.meshConfig' : 'spec');
    proxyDefaults.push(defaultsOf(at, meta?.map, path, notes));
  }

  const injectionDefaults: IstioInjectionDefaults[] = [];
  for (const op of inputs.istioOperators) {
    const capture = valuesCapture(dig(op.body, 'spec', 'values'), objectFact(op), (key) => `spec.values.global.proxy.${key}`, notes);
    if (capture) injectionDefaults.push({ ...objectFact(op), outboundCapture: capture });
  }
  for (const cm of inputs.configMaps) {
    if (!isInjectorConfigMap(cm)) continue;
    const capture = valuesCapture(parseEmbeddedYaml(cm.data.values), objectFact(cm), () => 'data.values', notes);
    if (capture) injectionDefaults.push({ ...objectFact(cm), outboundCapture: capture });
  }

  for (const cm of inputs.configMaps) {
    if (!isMeshConfigMap(cm)) continue;
    const at = objectFact(cm);
    const mesh = meshConfigOf(cm.data.mesh, at, notes);
    if (!mesh) continue;
    const meta = proxyMetadata(mesh.defaultConfig, at, 'data.mesh', notes);
    proxyDefaults.push(defaultsOf(at, meta, 'data.mesh', notes));
  }

  const dualPods = podFamiliesByWorkload(inputs.pods);
  // Injection happens when a Pod is created: a Deployment's template has no istio-proxy, its Pods do.
  const injectedPods = new Map<ModelObject, Pod[]>();
  const ambientOwners = new Set<ModelObject>();
  const standInAnnotations = new Map<ModelObject, Readonly<Record<string, string>>>();
  for (const p of inputs.pods) {
    const owner = p.workload ?? p;
    if (p.workload && !standInAnnotations.has(p.workload)) standInAnnotations.set(p.workload, p.annotations);
    if (p.annotations[AMBIENT_ANNOTATION] === 'enabled') ambientOwners.add(owner);
    if (proxyContainer(p.spec)) {
      const list = injectedPods.get(owner);
      if (list) list.push(p);
      else injectedPods.set(owner, [p]);
    }
  }
  const proxies: IstioProxy[] = [];
  const ambient: ModelObject[] = [];
  for (const ws of inputs.workloadSpecs) {
    const annotations = annotationsOf(ws.object, standInAnnotations);
    if (annotations[AMBIENT_ANNOTATION] === 'enabled' || ambientOwners.has(ws.object)) ambient.push(ws.object);
    if (ztunnelObjects.has(ws.object)) continue;
    const pods = dualPods.get(ws.object);
    const podsFact = pods !== undefined ? { podsDualStack: pods } : {};
    const at = objectFact(ws.object);
    const own = readProxy(ws.spec, annotations, at, annotationPath(ws.object), notes);
    if (own) {
      proxies.push({ object: ws.object, ...own, ...podsFact });
      continue;
    }
    const injected = injectedPods.get(ws.object);
    if (!injected) continue;
    // Every Pod of the workload is read; only the first one's unreadable settings become notices (one per workload).
    const read = injected.map((p, i) => readProxy(p.spec, p.annotations, objectFact(p), 'metadata.annotations', i === 0 ? notes : [])!);
    const off = read.filter((r) => !r.dualStack.on);
    const shown = off[0] ?? read[0];
    // The settings sit in the Pods, not in the workload's document: the finding names the workload without a field path.
    const { path: _p, ...dualStack } = { ...shown.dualStack, ...at };
    const legacy = shown.legacy ? (({ path: _l, ...l }) => l)({ ...shown.legacy, ...at }) : undefined;
    const outboundCapture = podsCapture(read.map((r) => r.outboundCapture), at);
    proxies.push({
      object: ws.object, sidecar: read.some((r) => r.sidecar), dualStack, ...(legacy ? { legacy } : {}),
      injectedPods: { total: read.length, off: off.length }, ...podsFact, ...(outboundCapture ? { outboundCapture } : {}),
    });
  }

  const services: IstioService[] = [];
  for (const service of inputs.services) {
    const role = serviceRole(service);
    if (role) services.push({ service, role });
  }
  return Object.freeze({ controlPlanes, proxyDefaults, proxies, ztunnels, ambient, services, notUnderstood: notes, injectionDefaults });
}

/** The proxy of one pod spec (a template or a Pod) and what it says about dual-stack; undefined without an istio-proxy. */
function readProxy(spec: PodSpecSummary, annotations: Readonly<Record<string, string>>, at: FactSource, annPath: string, notes: Notes): Pick<IstioProxy, 'sidecar' | 'dualStack' | 'legacy' | 'outboundCapture'> | undefined {
  const proxy = proxyContainer(spec);
  if (!proxy) return undefined;
  const env = containerEnv(proxy.container, DUAL_STACK_VAR);
  const legacyEnv = containerEnv(proxy.container, LEGACY_DUAL_STACK_VAR);
  const annConfig = annotationProxyConfig(annotations[PROXY_CONFIG_ANNOTATION], at, annPath, notes);
  const annMeta = annConfig ? proxyMetadata(annConfig, at, annPath, notes) : undefined;
  const dualStack = env
    ? istioSwitch(at, DUAL_STACK_VAR, env.value, env.path, notes)
    : istioSwitch(at, DUAL_STACK_VAR, annMeta?.[DUAL_STACK_VAR], annMeta && DUAL_STACK_VAR in annMeta ? annPath : `${proxy.container.path}.env`, notes);
  const legacyValue = legacyEnv?.value ?? annMeta?.[LEGACY_DUAL_STACK_VAR];
  const sidecar = proxy.native || spec.initContainers.some((c) => c.name === 'istio-init') || INJECTED_ANNOTATION in annotations;
  const outboundCapture = sidecar ? readCapture(spec, annotations, at, annPath, notes) : undefined;
  return {
    sidecar, dualStack, ...(legacyValue !== undefined ? { legacy: istioSwitch(at, LEGACY_DUAL_STACK_VAR, legacyValue, legacyEnv?.path ?? annPath, notes) } : {}),
    ...(outboundCapture ? { outboundCapture } : {}),
  };
}

/**
 * A sidecar's outbound capture lists: istio-init's `-i`/`-x` arguments when it has them (the injector
 * renders the annotations, else `values.global.proxy.includeIPRanges`, into them), else the
 * `traffic.sidecar.istio.io/*OutboundIPRanges` annotations, which istio-cni reads (cni/pkg/plugin/sidecar_redirect.go).
 * Undefined when neither says, and with `interceptionMode: NONE` (no redirection at all).
 */
function readCapture(spec: PodSpecSummary, annotations: Readonly<Record<string, string>>, at: FactSource, annPath: string, notes: Notes): IstioOutboundCapture | undefined {
  if (annotations[INTERCEPTION_MODE_ANNOTATION] === 'NONE') return undefined;
  const init = spec.initContainers.find((c) => c.name === 'istio-init');
  if (init) {
    const argv = containerArgv(init);
    const argSetting = (flag: string, found: { value: string; index: number }): IstioCaptureSetting => {
      const inArgs = found.index - init.command.length;
      const path = inArgs >= 0 ? `${init.path}.args[${inArgs}]` : `${init.path}.command[${found.index}]`;
      return { ...at, path, name: `istio-init ${flag}`, value: found.value };
    };
    const include = iptablesFlag(argv, 'i', 'istio-service-cidr');
    if (include) {
      const exclude = iptablesFlag(argv, 'x', 'istio-service-exclude-cidr');
      return outboundCaptureOf(argSetting('-i', include), exclude ? argSetting('-x', exclude) : undefined, notes);
    }
  }
  const include = annotations[INCLUDE_OUTBOUND_ANNOTATION];
  const exclude = annotations[EXCLUDE_OUTBOUND_ANNOTATION];
  if (include === undefined && exclude === undefined) return undefined;
  const annSetting = (name: string, value: string): IstioCaptureSetting => ({ ...at, path: annPath, name, value });
  // An absent include annotation means the chart's default, `*` (manifests/charts/istio-control/istio-discovery/values.yaml).
  return outboundCaptureOf(annSetting(INCLUDE_OUTBOUND_ANNOTATION, include ?? '*'), exclude !== undefined ? annSetting(EXCLUDE_OUTBOUND_ANNOTATION, exclude) : undefined, notes);
}

/** A workload's capture read from its injected Pods: the first Pod that leaves exactly one family out, named by the workload without a path. */
function podsCapture(read: readonly (IstioOutboundCapture | undefined)[], at: FactSource): IstioOutboundCapture | undefined {
  const known = read.filter((c): c is IstioOutboundCapture => c !== undefined);
  if (known.length === 0) return undefined;
  const limited = known.filter((c) => c.uncaptured.length === 1);
  const shown = limited[0] ?? known[0];
  const uncaptured = shown.uncaptured.map((u) => ({ ...u, setting: (({ path: _p, ...s }) => ({ ...s, ...at }))(u.setting) }));
  return { uncaptured, pods: { total: read.length, limited: limited.length } };
}

function defaultsOf(at: FactSource, meta: Readonly<Record<string, unknown>> | undefined, path: string, notes: Notes): IstioProxyDefaults {
  const legacy = meta?.[LEGACY_DUAL_STACK_VAR];
  return {
    ...at, ...(path ? { path } : {}),
    dualStack: istioSwitch(at, DUAL_STACK_VAR, meta?.[DUAL_STACK_VAR], path, notes),
    ...(legacy !== undefined ? { legacy: istioSwitch(at, LEGACY_DUAL_STACK_VAR, legacy, path, notes) } : {}),
  };
}

/** A workload's pod template annotations; a Pod's own; a stand-in's from its first Pod. */
function annotationsOf(o: ModelObject, standIns: ReadonlyMap<ModelObject, Readonly<Record<string, string>>>): Readonly<Record<string, string>> {
  if ('templateAnnotations' in o) return (o as Workload).templateAnnotations;
  if (o.ref.kind === 'Pod') return o.annotations;
  return standIns.get(o) ?? {};
}

function annotationPath(o: ModelObject): string {
  const base = 'workloadKind' in o ? ((o as Workload).workloadKind === 'CronJob' ? 'spec.jobTemplate.spec.template.metadata' : 'spec.template.metadata') : 'metadata';
  // The key has dots and a slash: the path names the annotations map.
  return `${base}.annotations`;
}

/**
 * Istio's dual-stack settings matter when the cluster is or is meant to be dual-stack: the target is
 * dual, or the evidence shows two families.
 */
export function meshWantsDualStack(model: Pick<ClusterModel, 'target' | 'clusterNetwork'>): boolean {
  return model.target === 'dual' || model.clusterNetwork.state === 'dual';
}

