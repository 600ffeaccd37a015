/**
 * Istio's dual-stack settings where Istio reads them: pilot env, `proxyMetadata` of the mesh config
 * (ConfigMap `istio` key `mesh`, IstioOperator `spec.meshConfig`, the `proxy.istio.io/config`
 * annotation), the `istio-proxy` container env, and the version in an image tag.
 */
import { asArray, asMap, asString, dig, type RawMap } from '../raw.js';
import { FAMILIES, parseCidr, unionSize, type Cidr } from '../../net/index.js';
import type { Container, FactSource, IstioCaptureSetting, IstioOutboundCapture, IstioSwitch, IstioUncapturedFamily, IstioVersion, NotUnderstood } from '../types.js';
import { parseEmbeddedYaml } from './embedded-config.js';
import { parseGoBool } from './go-bool.js';

/** Istio 1.19 made this one variable switch both planes (release notes, istio/istio#41462). */
export const DUAL_STACK_VAR = 'ISTIO_DUAL_STACK';
/** The agent's variable of Istio 1.17-1.18 (istio.io blog 2023/experimental-dual-stack), ignored from 1.19. */
export const LEGACY_DUAL_STACK_VAR = 'ISTIO_AGENT_DUAL_STACK';

/** Collects "read but not understood" notices while reading one object. */
export type Notes = NotUnderstood[];

/**
 * A switch from a value as written (string, YAML boolean or number); `undefined` value means unset.
 * A value Go's ParseBool rejects makes pilot fall back to the default (false) and is noted.
 */
export function istioSwitch(at: FactSource, name: string, value: unknown, path: string | undefined, notes: Notes): IstioSwitch {
  const where = { ...at, ...(path ? { path } : {}) };
  if (value === undefined || value === null) return { ...where, text: `${name} unset`, on: false, set: false };
  const b = parseGoBool(value);
  if (b === undefined) notes.push({ ...where, detail: `${name}: ${JSON.stringify(value)} is not a boolean (Go strconv.ParseBool); Istio uses the default, false` });
  return { ...where, text: `${name}: ${JSON.stringify(typeof value === 'string' ? value : String(value))}`, on: b === true, set: true };
}

/** A variable of a container's env, with the entry's path; absent when not written with a literal value. */
export function containerEnv(c: Container, name: string): { value: string; path: string } | undefined {
  const e = c.env.find((x) => x.name === name);
  return e && e.value !== undefined ? { value: e.value, path: e.path } : undefined;
}

/** `major.minor` from an image tag (`docker.io/istio/pilot:1.22.3-distroless`); undefined for `latest`, digests and custom tags. */
export function versionOfImage(image: string | undefined): IstioVersion | undefined {
  if (!image) return undefined;
  const name = image.split('@')[0];
  const colon = name.lastIndexOf(':');
  if (colon < 0 || name.indexOf('/', colon) >= 0) return undefined;
  return versionOfTag(name.slice(colon + 1));
}

export function versionOfTag(tag: string | undefined): IstioVersion | undefined {
  const m = tag ? /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+][\w.-]*)?$/.exec(tag) : null;
  return m ? { major: Number(m[1]), minor: Number(m[2]), text: tag! } : undefined;
}

/** `a` is at least `major.minor`. */
export function atLeast(v: IstioVersion, major: number, minor: number): boolean {
  return v.major > major || (v.major === major && v.minor >= minor);
}

/** `proxyMetadata` of a ProxyConfig map (`defaultConfig` of a mesh config, or the annotation's document). */
export function proxyMetadata(proxyConfig: unknown, at: FactSource, path: string, notes: Notes): RawMap | undefined {
  const v = dig(proxyConfig, 'proxyMetadata');
  if (v === undefined || v === null) return undefined;
  const m = asMap(v);
  if (!m) notes.push({ ...at, path, detail: 'proxyMetadata is not a map of variables' });
  return m;
}

/** The mesh config held in the `mesh` key of an `istio` ConfigMap; undefined (and noted) when it is not YAML. */
export function meshConfigOf(text: string, at: FactSource, notes: Notes): RawMap | undefined {
  const m = parseEmbeddedYaml(text);
  if (!m && text.trim() !== '') notes.push({ ...at, path: 'data.mesh', detail: 'the mesh config is not a YAML map; its proxy defaults are not checked' });
  return m;
}

/** The `proxy.istio.io/config` annotation (a ProxyConfig YAML document); undefined (and noted) when it does not parse. */
export function annotationProxyConfig(text: string | undefined, at: FactSource, path: string, notes: Notes): RawMap | undefined {
  if (text === undefined) return undefined;
  const m = parseEmbeddedYaml(text);
  if (!m && text.trim() !== '') notes.push({ ...at, path, detail: 'proxy.istio.io/config is not a ProxyConfig YAML map' });
  return m;
}

/** What an IstioOperator says about dual-stack: pilot's env and the mesh's proxy defaults, with paths. */
export interface OperatorSettings {
  /** `spec.components.pilot.k8s.env` wins over `spec.values.pilot.env` (the operator overlays k8s settings last). */
  readonly pilot?: { value: unknown; path: string };
  readonly proxyMetadata?: { map: RawMap; path: string };
  readonly meshConfigPresent: boolean;
  readonly tag?: string;
  readonly tagPath?: string;
}

export function operatorSettings(body: RawMap, at: FactSource, notes: Notes): OperatorSettings {
  let pilot: { value: unknown; path: string } | undefined;
  const valuesEnv = dig(body, 'spec', 'values', 'pilot', 'env');
  if (valuesEnv !== undefined && valuesEnv !== null) {
    const m = asMap(valuesEnv);
    if (!m) notes.push({ ...at, path: 'spec.values.pilot.env', detail: 'spec.values.pilot.env is not a map of variables; istiod\'s ISTIO_DUAL_STACK is not checked there' });
    else if (DUAL_STACK_VAR in m) pilot = { value: m[DUAL_STACK_VAR], path: `spec.values.pilot.env.${DUAL_STACK_VAR}` };
  }
  asArray(dig(body, 'spec', 'components', 'pilot', 'k8s', 'env')).forEach((e, i) => {
    if (asString(dig(e, 'name')) === DUAL_STACK_VAR) pilot = { value: dig(e, 'value'), path: `spec.components.pilot.k8s.env[${i}].value` };
  });
  const meshConfig = dig(body, 'spec', 'meshConfig');
  const metaPath = 'spec.meshConfig.defaultConfig.proxyMetadata';
  const map = proxyMetadata(dig(meshConfig, 'defaultConfig'), at, metaPath, notes);
  const specTag = asString(dig(body, 'spec', 'tag'));
  const tag = specTag ?? asString(dig(body, 'spec', 'values', 'global', 'tag'));
  const tagPath = specTag !== undefined ? 'spec.tag' : 'spec.values.global.tag';
  return {
    ...(pilot ? { pilot } : {}),
    ...(map ? { proxyMetadata: { map, path: metaPath } } : {}),
    meshConfigPresent: asMap(meshConfig) !== undefined,
    ...(tag !== undefined ? { tag, tagPath } : {}),
  };
}

/** Per-workload capture annotations (istio.io/latest/docs/reference/config/annotations/). */
export const INCLUDE_OUTBOUND_ANNOTATION = 'traffic.sidecar.istio.io/includeOutboundIPRanges';
export const EXCLUDE_OUTBOUND_ANNOTATION = 'traffic.sidecar.istio.io/excludeOutboundIPRanges';
export const INTERCEPTION_MODE_ANNOTATION = 'sidecar.istio.io/interceptionMode';

/**
 * A capture list split per family as istio-iptables does (tools/common/config/config.go#SeparateV4V6):
 * exactly `*` is the wildcard; otherwise comma-separated entries, empty ones dropped, each a prefix
 * (Go netip.ParsePrefix, no whitespace). Undefined when an entry does not parse: the injector rejects
 * the value (pkg/kube/inject/validate.go#validateCIDRList) and istio-iptables fails, so no family is judged.
 */
export function captureRanges(value: string): { wildcard: boolean; cidrs: Cidr[] } | undefined {
  if (value === '*') return { wildcard: true, cidrs: [] };
  const cidrs: Cidr[] = [];
  for (const entry of value.split(',')) {
    if (entry === '') continue;
    const c = entry.trim() === entry ? parseCidr(entry) : undefined;
    if (!c?.ok) return undefined;
    cidrs.push(c.value);
  }
  return { wildcard: false, cidrs };
}

/**
 * The families a sidecar's outbound rules leave out. istio-iptables (tools/istio-iptables/pkg/capture/run.go#Run)
 * splits both lists with SeparateV4V6 and applies each family's part to its own table: the excluded
 * ranges RETURN first, then `handleOutboundIncludeRules` redirects everything (wildcard) or only the listed
 * ranges of that family, so an include list without a range of a family redirects none of its traffic.
 * Undefined (and noted) when a list does not parse.
 */
export function outboundCaptureOf(include: IstioCaptureSetting, exclude: IstioCaptureSetting | undefined, notes: Notes): IstioOutboundCapture | undefined {
  const inc = captureRanges(include.value);
  const exc = exclude ? captureRanges(exclude.value) : { wildcard: false, cidrs: [] };
  for (const [s, parsed] of [[include, inc], [exclude, exc]] as const) {
    if (s && !parsed) notes.push({ ...s, detail: `${s.name}: ${JSON.stringify(s.value)} is not "*" or a comma-separated CIDR list (Istio rejects it); its capture is not checked` });
  }
  if (!inc || !exc) return undefined;
  const uncaptured: IstioUncapturedFamily[] = [];
  for (const family of FAMILIES) {
    const bits = family === 'IPv4' ? 32 : 128;
    if (!inc.wildcard && !inc.cidrs.some((c) => c.family === family)) uncaptured.push({ family, by: 'include', setting: include });
    else if (exclude && unionSize(exc.cidrs.filter((c) => c.family === family)) === 1n << BigInt(bits)) uncaptured.push({ family, by: 'exclude', setting: exclude });
  }
  return { uncaptured };
}

/** A flag of istio-iptables in istio-init's args (`-i v`, `-i=v`, `--istio-service-cidr v`); the last one wins, as with pflag. */
export function iptablesFlag(argv: readonly string[], short: string, long: string): { value: string; index: number } | undefined {
  let found: { value: string; index: number } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    for (const name of [`-${short}`, `--${long}`]) {
      if (a === name && i + 1 < argv.length) found = { value: argv[i + 1], index: i + 1 };
      else if (a.startsWith(`${name}=`)) found = { value: a.slice(name.length + 1), index: i };
    }
  }
  return found;
}

/**
 * The outbound capture defaults of Helm values (`global.proxy.includeIPRanges`/`excludeIPRanges`), which the
 * injector renders into every new sidecar without its own annotation (injection-template.yaml `-i`/`-x`).
 * `at` names the object, `path(key)` the field; undefined when neither value is written.
 */
export function valuesCapture(values: unknown, at: FactSource, path: (key: string) => string, notes: Notes): IstioOutboundCapture | undefined {
  const setting = (key: string): IstioCaptureSetting | undefined => {
    const v = dig(values, 'global', 'proxy', key);
    if (v !== undefined && v !== null && typeof v !== 'string') notes.push({ ...at, path: path(key), detail: `values.global.proxy.${key} is not a string; the injection default capture is not checked` });
    return typeof v === 'string' ? { ...at, path: path(key), name: `values.global.proxy.${key}`, value: v } : undefined;
  };
  const include = setting('includeIPRanges');
  const exclude = setting('excludeIPRanges');
  if (!include && !exclude) return undefined;
  return outboundCaptureOf(include ?? { ...at, path: path('includeIPRanges'), name: 'values.global.proxy.includeIPRanges', value: '*' }, exclude, notes);
}
