/** Configuration: `.dsaudit.yaml` contents and CLI flags merged into one effective config. */
import { parse as parseYaml } from 'yaml';
import type { Family, ScenarioRequest, ScenarioTarget, Target } from '../model/types.js';
import { familyArg, requestStack, SCENARIO_TARGETS, scenarioConflict } from '../model/scenario.js';
import { parseCidr } from '../net/index.js';
import { SEVERITIES, type Severity, type SeveritySetting } from '../rule-contract/define-rule.js';
import type { Registry } from './registry.js';

export class ConfigError extends Error {}

export type FailOn = Severity | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

export interface IgnoreEntry {
  /** Rule id or code, or `*` for every rule. */
  readonly rule: string;
  /** `Kind namespace/name` or `Kind name`, with `*` wildcards. */
  readonly object: string;
  readonly reason: string;
}

/** What a config file may say; every field optional. */
export interface FileConfig {
  readonly rules?: Readonly<Record<string, SeveritySetting>>;
  readonly ignore?: readonly IgnoreEntry[];
  readonly failOn?: FailOn;
  readonly target?: ScenarioTarget;
  /** `rollbackTo: ipv4|ipv6`, as `--rollback-to` (the flag wins). */
  readonly rollbackTo?: Family;
  /** `newPrimary: ipv4|ipv6`, as `--new-primary` (the flag wins). */
  readonly newPrimary?: Family;
  readonly serviceCidrs?: readonly string[];
  readonly podCidrs?: readonly string[];
  readonly externalNetworks?: readonly ExternalNetworkSpec[];
  readonly clusters?: readonly ClusterGroup[];
}

/** A named group of clusters that are connected (meshed, peered): their ranges must not overlap (DS204). */
export interface ClusterGroup {
  readonly name: string;
  /** Cluster names: kubeconfig context names or snapshot cluster names. */
  readonly members: readonly string[];
}

/** A network outside the cluster its ranges must not overlap (DS203): on-prem, VPN, peered VPC… */
export interface ExternalNetworkSpec {
  readonly name?: string;
  readonly cidr: string;
  /** Severity of overlaps with this network; the rule's severity when unset. */
  readonly severity?: Severity;
  /** Where it was declared: `.dsaudit.yaml` (the file name) or `--external-cidr`. */
  readonly source: string;
}

export interface CliRuleFlags {
  readonly enable?: readonly string[];
  readonly disable?: readonly string[];
  /** `id=level` entries. */
  readonly severity?: readonly string[];
  readonly failOn?: string;
  readonly target?: string;
  /** `--rollback-to ipv4|ipv6`: the family kept. */
  readonly rollbackTo?: string;
  /** `--new-primary ipv4|ipv6`. */
  readonly newPrimary?: string;
  /** `--connected`: every audited cluster is connected to every other. */
  readonly connected?: boolean;
}

export interface EffectiveConfig {
  /** Per rule id: the severity it reports at, `off`, or undefined for the rule's own severities. */
  readonly severity: ReadonlyMap<string, SeveritySetting>;
  readonly ignore: readonly IgnoreEntry[];
  readonly failOn: FailOn;
  /** The stack the run targets (`ipv6-primary` is `dual`, `ipv6-only` is `ipv6`); rules' `targets` refer to it. */
  readonly target: Target;
  /** The scenario as named: the `--target` given and any rollback or primary change. */
  readonly scenario: ScenarioRequest;
  readonly serviceCidrs: readonly string[];
  readonly podCidrs: readonly string[];
  /** Config file entries, then `--external-cidr` ones. */
  readonly externalNetworks: readonly ExternalNetworkSpec[];
  /** `clusters:` groups from the config file. */
  readonly clusterGroups: readonly ClusterGroup[];
  /** `--connected`: all audited clusters are treated as one connected group. */
  readonly connected: boolean;
}

const TARGETS: readonly ScenarioTarget[] = SCENARIO_TARGETS;
const SETTINGS: readonly SeveritySetting[] = [...SEVERITIES, 'off'];
const TOP_KEYS = ['rules', 'ignore', 'failOn', 'target', 'rollbackTo', 'newPrimary', 'serviceCidrs', 'podCidrs', 'externalNetworks', 'clusters'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function stringList(v: unknown, what: string): string[] {
  if (v === undefined) return [];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  throw new ConfigError(`${what} must be a list of strings`);
}

/** Parses and validates config file text. `file` names the file in errors. */
export function parseConfigText(text: string, file: string): FileConfig {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new ConfigError(`${file}${line ? `:${line}` : ''}: ${msg}`);
  }
  if (doc === null || doc === undefined) return {};
  if (!isRecord(doc)) throw new ConfigError(`${file}: the config must be a mapping`);
  for (const k of Object.keys(doc)) if (!TOP_KEYS.includes(k)) throw new ConfigError(`${file}: unknown key "${k}" (expected one of ${TOP_KEYS.join(', ')})`);
  const out: { -readonly [K in keyof FileConfig]: FileConfig[K] } = {};
  if (doc.rules !== undefined) {
    if (!isRecord(doc.rules)) throw new ConfigError(`${file}: rules must be a mapping of rule id to severity`);
    const rules: Record<string, SeveritySetting> = {};
    for (const [k, v] of Object.entries(doc.rules)) {
      if (typeof v !== 'string' || !SETTINGS.includes(v as SeveritySetting)) throw new ConfigError(`${file}: rules.${k} must be one of ${SETTINGS.join(', ')}`);
      rules[k] = v as SeveritySetting;
    }
    out.rules = rules;
  }
  if (doc.ignore !== undefined) {
    if (!Array.isArray(doc.ignore)) throw new ConfigError(`${file}: ignore must be a list`);
    out.ignore = doc.ignore.map((e, i) => {
      if (!isRecord(e)) throw new ConfigError(`${file}: ignore[${i}] must be a mapping with rule, object and reason`);
      const rule = e.rule ?? '*';
      const { object, reason } = e;
      if (typeof rule !== 'string' || typeof object !== 'string') throw new ConfigError(`${file}: ignore[${i}] needs string rule and object`);
      if (typeof reason !== 'string' || reason.trim() === '') throw new ConfigError(`${file}: ignore[${i}] needs a reason`);
      return { rule, object, reason };
    });
  }
  if (doc.failOn !== undefined) {
    if (!FAIL_ON.includes(doc.failOn as FailOn)) throw new ConfigError(`${file}: failOn must be one of ${FAIL_ON.join(', ')}`);
    out.failOn = doc.failOn as FailOn;
  }
  if (doc.target !== undefined) {
    if (!TARGETS.includes(doc.target as Target)) throw new ConfigError(`${file}: target must be one of ${TARGETS.join(', ')}`);
    out.target = doc.target as ScenarioTarget;
  }
  const family = (key: 'rollbackTo' | 'newPrimary'): Family | undefined => {
    const v = doc[key];
    if (v === undefined) return undefined;
    const f = typeof v === 'string' ? familyArg(v) : undefined;
    if (!f) throw new ConfigError(`${file}: ${key} must be ipv4 or ipv6 (got ${JSON.stringify(v)})`);
    return f;
  };
  const rollbackTo = family('rollbackTo');
  const newPrimary = family('newPrimary');
  if (rollbackTo) out.rollbackTo = rollbackTo;
  if (newPrimary) out.newPrimary = newPrimary;
  out.serviceCidrs = stringList(doc.serviceCidrs, `${file}: serviceCidrs`);
  out.podCidrs = stringList(doc.podCidrs, `${file}: podCidrs`);
  if (doc.externalNetworks !== undefined) out.externalNetworks = externalNetworkList(doc.externalNetworks, file);
  if (doc.clusters !== undefined) out.clusters = clusterGroups(doc.clusters, file);
  return out;
}

/** `clusters: [{name, members: [...]}]` in the config file. */
function clusterGroups(v: unknown, file: string): ClusterGroup[] {
  const shape = `${file}: clusters must be a list of {name, members: [cluster, ...]}`;
  if (!Array.isArray(v)) throw new ConfigError(shape);
  return v.map((g, i) => {
    if (!isRecord(g) || typeof g.name !== 'string' || g.name.trim() === '') throw new ConfigError(`${shape} (clusters[${i}] needs a name)`);
    for (const k of Object.keys(g)) if (!['name', 'members'].includes(k)) throw new ConfigError(`${file}: clusters[${i}]: unknown key "${k}" (expected name, members)`);
    const members = g.members;
    if (!Array.isArray(members) || members.length === 0 || !members.every((m) => typeof m === 'string' && m.trim() !== '')) {
      throw new ConfigError(`${file}: clusters[${i}] (${g.name}) needs members: a list of cluster names`);
    }
    return { name: g.name.trim(), members: members.map((m: string) => m.trim()) };
  });
}

function checkedCidr(text: string, where: string): string {
  const p = parseCidr(text);
  if (!p.ok) throw new ConfigError(`${where}: ${p.error}`);
  return text.trim();
}

/** `externalNetworks: [{name, cidr, severity?}]` in the config file. */
function externalNetworkList(v: unknown, file: string): ExternalNetworkSpec[] {
  if (!Array.isArray(v)) throw new ConfigError(`${file}: externalNetworks must be a list of {name, cidr, severity?}`);
  return v.map((e, i) => {
    const where = `${file}: externalNetworks[${i}]`;
    if (!isRecord(e)) throw new ConfigError(`${where} must be a mapping with name, cidr and optionally severity`);
    for (const k of Object.keys(e)) if (!['name', 'cidr', 'severity'].includes(k)) throw new ConfigError(`${where}: unknown key "${k}" (expected name, cidr, severity)`);
    if (typeof e.cidr !== 'string') throw new ConfigError(`${where} needs a cidr`);
    if (e.name !== undefined && typeof e.name !== 'string') throw new ConfigError(`${where}: name must be a string`);
    if (e.severity !== undefined && !SEVERITIES.includes(e.severity as Severity)) throw new ConfigError(`${where}: severity must be one of ${SEVERITIES.join(', ')}`);
    return {
      ...(e.name ? { name: e.name } : {}),
      cidr: checkedCidr(e.cidr, where),
      ...(e.severity ? { severity: e.severity as Severity } : {}),
      source: file,
    };
  });
}

/** `--external-cidr CIDR` or `--external-cidr NAME=CIDR` (repeatable). */
export function parseExternalCidrFlags(values: readonly string[] | undefined): ExternalNetworkSpec[] {
  return (values ?? []).map((v) => {
    const eq = v.lastIndexOf('=');
    const name = eq < 0 ? undefined : v.slice(0, eq).trim();
    const cidr = checkedCidr(eq < 0 ? v : v.slice(eq + 1), `--external-cidr ${v}`);
    if (name === '') throw new ConfigError(`--external-cidr ${v}: empty name before "="`);
    return { ...(name ? { name } : {}), cidr, source: '--external-cidr' };
  });
}

function splitNames(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** Merges rule defaults < config file < CLI flags. Unknown rule names are errors. */
export function resolveConfig(
  registry: Registry,
  file: FileConfig,
  cli: CliRuleFlags & { serviceCidrs?: readonly string[]; podCidrs?: readonly string[]; externalCidrs?: readonly string[] },
): EffectiveConfig {
  const severity = new Map<string, SeveritySetting>();
  const resolve = (name: string, where: string) => {
    try {
      return registry.resolve(name).meta.id;
    } catch (e) {
      throw new ConfigError(`${where}: ${(e as Error).message}`);
    }
  };
  for (const [name, s] of Object.entries(file.rules ?? {})) severity.set(resolve(name, 'config rules'), s);
  for (const entry of file.ignore ?? []) if (entry.rule !== '*') resolve(entry.rule, 'config ignore');
  for (const name of splitNames(cli.enable)) {
    const id = resolve(name, '--enable');
    if (severity.get(id) === 'off') severity.delete(id);
  }
  for (const item of splitNames(cli.severity)) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new ConfigError(`--severity ${item}: expected RULE=LEVEL`);
    const level = item.slice(eq + 1) as SeveritySetting;
    if (!SETTINGS.includes(level)) throw new ConfigError(`--severity ${item}: level must be one of ${SETTINGS.join(', ')}`);
    severity.set(resolve(item.slice(0, eq), '--severity'), level);
  }
  // Disabling wins over enabling (kube-linter's exclude-wins).
  for (const name of splitNames(cli.disable)) severity.set(resolve(name, '--disable'), 'off');

  const failOn = (cli.failOn ?? file.failOn ?? 'error') as FailOn;
  if (!FAIL_ON.includes(failOn)) throw new ConfigError(`--fail-on must be one of ${FAIL_ON.join(', ')}`);
  const named = (cli.target ?? file.target ?? 'dual') as ScenarioTarget;
  if (!TARGETS.includes(named)) throw new ConfigError(`--target must be one of ${TARGETS.join(', ')}`);
  const scenario = scenarioRequest(named, cli, file);
  const targetGiven = cli.target !== undefined || file.target !== undefined;
  const conflict = scenarioConflict(scenario, targetGiven);
  if (conflict) {
    // The messages name the flags; say which of the values came from the file instead.
    const fromFile = (['target', 'rollbackTo', 'newPrimary'] as const).filter((k) => cli[k] === undefined && file[k] !== undefined);
    throw new ConfigError(fromFile.length > 0 ? `${conflict} (${fromFile.join(', ')} from the config file)` : conflict);
  }
  const target = requestStack(scenario, targetGiven);
  const cliServices = splitNames(cli.serviceCidrs);
  const cliPods = splitNames(cli.podCidrs);
  return {
    severity,
    ignore: file.ignore ?? [],
    failOn,
    target,
    scenario,
    serviceCidrs: cliServices.length > 0 ? cliServices : (file.serviceCidrs ?? []),
    podCidrs: cliPods.length > 0 ? cliPods : (file.podCidrs ?? []),
    // Both add up: the file declares the standing networks, the flag adds ad-hoc ones.
    externalNetworks: [...(file.externalNetworks ?? []), ...parseExternalCidrFlags(cli.externalCidrs)],
    clusterGroups: file.clusters ?? [],
    connected: cli.connected ?? false,
  };
}

/** The scenario from the flags, each field falling back to the config file's. */
function scenarioRequest(target: ScenarioTarget, cli: Pick<CliRuleFlags, 'rollbackTo' | 'newPrimary'>, file: Pick<FileConfig, 'rollbackTo' | 'newPrimary'>): ScenarioRequest {
  const family = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const f = familyArg(text);
    if (!f) throw new ConfigError(`${flag} must be ipv4 or ipv6 (got "${text}")`);
    return f;
  };
  const rollbackTo = family('--rollback-to', cli.rollbackTo) ?? file.rollbackTo;
  const newPrimary = family('--new-primary', cli.newPrimary) ?? file.newPrimary;
  return { target, ...(rollbackTo ? { rollbackTo } : {}), ...(newPrimary ? { newPrimary } : {}) };
}
