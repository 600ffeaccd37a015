/** The run loop: selects rules, skips those whose inputs are missing, runs them in isolation, marks and sorts findings. */
import type { ClusterModel, ModelObject, Scenario } from '../model/types.js';
import { collectionSpec, COLLECTIONS, objectsOf } from '../model/collections.js';
import type { InputError, InputNotice } from '../model/input.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { EffectiveConfig } from './config.js';
import {
  isFleetRule, type ClusterRule, type FindingDraft, type FleetContext, type FleetRule, type MessageTemplates, type Rule,
  type RuleContext, type RuleMeta, type Severity,
} from '../rule-contract/define-rule.js';
import { fingerprintOf } from './fingerprint.js';
import { locateAll } from './locate.js';
import { endPhase } from '../model/phases.js';
import type { AuditResult, ClusterSummary, CoverageEntry, Finding, Location, NotAssessed, NotAssessedCause, ToolNotification } from './result.js';
import { Suppressor } from './suppress.js';

interface RunOptions {
  readonly rules: readonly Rule[];
  readonly config: EffectiveConfig;
  readonly baseline?: ReadonlySet<string>;
  readonly inputErrors?: readonly InputError[];
  readonly notices?: readonly InputNotice[];
}

/**
 * One model (a cluster or a manifest set), or several clusters each normalized into its own model:
 * cluster rules run once per model, fleet rules once over all of them.
 */
export type RunInput = RunOptions & ({ readonly model: ClusterModel } | { readonly models: readonly ClusterModel[] });

/** Whether two clusters are declared connected. */
export type ConnectedFn = (a: ClusterModel, b: ClusterModel) => boolean;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Thrown by `ctx.notAssessed` to stop a rule whose facts turned out to be unavailable. */
class NotAssessedSignal {
  constructor(readonly reason: string) {}
}

function compareFindings(a: Finding, b: Finding): number {
  const ka = [SEVERITY_RANK[a.severity], a.ruleId, a.object.cluster ?? '', a.object.kind, a.object.namespace ?? '', a.object.name, a.path, a.message];
  const kb = [SEVERITY_RANK[b.severity], b.ruleId, b.object.cluster ?? '', b.object.kind, b.object.namespace ?? '', b.object.name, b.path, b.message];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

/** Why a rule cannot be assessed on this model, or undefined when it can. */
function missingInput(meta: RuleMeta, model: ClusterModel): { readonly reason: string; readonly cause: NotAssessedCause } | undefined {
  if (meta.targets && !meta.targets.includes(model.target)) return { reason: `not applicable to target ${model.target}`, cause: 'target' };
  for (const input of meta.requires) {
    const a = model.availability[input];
    if (a.status !== 'present') return { reason: a.reason, cause: a.status === 'forbidden' ? 'forbidden' : 'missing' };
  }
  for (const input of meta.uses ?? []) {
    const a = model.availability[input];
    if (a.status === 'forbidden') return { reason: a.reason, cause: 'forbidden' };
  }
  return undefined;
}

function findingFor<M extends MessageTemplates>(meta: RuleMeta<M>): RuleContext<M>['finding'] {
  return (object, messageId, data, options = {}) => {
    const template = meta.messages[messageId];
    if (!template) throw new Error(`rule ${meta.id} reported unknown message id "${messageId}"`);
    return {
      object,
      messageId,
      message: template(data),
      path: options.path ?? '',
      ...(options.severity ? { severity: options.severity } : {}),
      ...(options.ipFamily ? { ipFamily: options.ipFamily } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.fix ? { fix: options.fix } : {}),
      ...(options.confidence ? { confidence: options.confidence } : {}),
    };
  };
}

function notAssessedThrow(reason: string): never {
  throw new NotAssessedSignal(reason);
}

function contextFor<M extends MessageTemplates>(rule: ClusterRule<M>, model: ClusterModel): RuleContext<M> {
  return { model, finding: findingFor(rule.meta), notAssessed: notAssessedThrow };
}

/** A cluster a fleet rule could not take part in, and why. */
export interface ClusterSkip {
  readonly cluster: string;
  readonly reason: string;
  readonly cause: NotAssessedCause;
}

export type RuleOutcome =
  | { readonly kind: 'ran'; readonly drafts: readonly FindingDraft[]; readonly skipped?: readonly ClusterSkip[] }
  | { readonly kind: 'notAssessed'; readonly reason: string; readonly cause: NotAssessedCause }
  | { readonly kind: 'failed'; readonly message: string };

function isolate(run: () => RuleOutcome): RuleOutcome {
  try {
    return run();
  } catch (e) {
    if (e instanceof NotAssessedSignal) return { kind: 'notAssessed', reason: e.reason, cause: 'undeclared' };
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

/** Runs one rule's check on a model, isolating its failures. A fleet rule sees a fleet of one. */
export function runRule(rule: Rule, model: ClusterModel): RuleOutcome {
  if (isFleetRule(rule)) return runFleetRule(rule, [model], () => false);
  return isolate(() => ({ kind: 'ran', drafts: [...rule.check(contextFor(rule, model))] }));
}

/**
 * Runs a fleet rule over every cluster. Clusters missing one of the rule's inputs are left out and
 * reported in `skipped`; when none is left the rule is not assessed.
 */
export function runFleetRule(rule: FleetRule, models: readonly ClusterModel[], connected: ConnectedFn): RuleOutcome {
  const skipped: ClusterSkip[] = [];
  const usable: ClusterModel[] = [];
  for (const model of models) {
    const missing = missingInput(rule.meta, model);
    if (missing) skipped.push({ cluster: clusterLabel(model), ...missing });
    else usable.push(model);
  }
  if (usable.length === 0) return { kind: 'notAssessed', reason: skipped[0]?.reason ?? 'no cluster in the input', cause: skipped[0]?.cause ?? 'missing' };
  const ctx: FleetContext<MessageTemplates> = {
    clusters: usable,
    connected,
    finding: findingFor(rule.meta),
    notAssessedIn(model, reason) {
      skipped.push({ cluster: clusterLabel(model), reason, cause: 'undeclared' });
    },
    notAssessed: notAssessedThrow,
  };
  return isolate(() => {
    const drafts = [...rule.check(ctx)];
    return { kind: 'ran', drafts, ...(skipped.length > 0 ? { skipped } : {}) };
  });
}

function clusterLabel(model: ClusterModel): string {
  return model.cluster ?? 'input';
}

/** Connected clusters: `--connected` makes every pair connected; otherwise both must be in one `clusters:` group. */
export function connectedBy(config: Pick<EffectiveConfig, 'connected' | 'clusterGroups'>): ConnectedFn {
  return (a, b) => {
    if (config.connected) return true;
    if (a.cluster === undefined || b.cluster === undefined) return false;
    return config.clusterGroups.some((g) => g.members.includes(a.cluster as string) && g.members.includes(b.cluster as string));
  };
}

function sortModels(models: readonly ClusterModel[]): ClusterModel[] {
  return [...models].sort((a, b) => ((a.cluster ?? '') < (b.cluster ?? '') ? -1 : (a.cluster ?? '') > (b.cluster ?? '') ? 1 : 0));
}

export function runAudit(input: RunInput): AuditResult {
  const { config } = input;
  const models = 'models' in input ? sortModels(input.models) : [input.model];
  if (models.length === 0) throw new Error('runAudit needs at least one model');
  const several = models.length > 1;
  const connected = connectedBy(config);
  const suppressor = new Suppressor(config.ignore);
  const findings: Finding[] = [];
  const notAssessed: NotAssessed[] = [];
  const notifications: ToolNotification[] = [];
  const reported: RuleMeta[] = [];
  const ran: RuleMeta[] = [];

  const drafts: { meta: RuleMeta; d: FindingDraft; setting: Severity | undefined; model: ClusterModel }[] = [];

  const rules = [...input.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  for (const rule of rules) {
    const meta = rule.meta;
    const setting = config.severity.get(meta.id);
    if (setting === 'off') continue;
    // A fleet rule compares clusters: with one cluster (or a manifest set) there is nothing to compare.
    if (isFleetRule(rule) && models.length < 2) continue;
    reported.push(meta);
    /** Records one outcome; true when the rule ran. `cluster` labels it in runs over several clusters. */
    const record = (outcome: RuleOutcome, cluster: string | undefined, model: ClusterModel): boolean => {
      const where = cluster !== undefined ? { cluster } : {};
      if (outcome.kind === 'notAssessed') {
        notAssessed.push({ ruleId: meta.id, code: meta.code, reason: outcome.reason, cause: outcome.cause, ...where });
        return false;
      }
      if (outcome.kind === 'failed') {
        const inCluster = cluster !== undefined ? ` in cluster ${cluster}` : '';
        notifications.push({ level: 'error', message: `rule ${meta.id} (${meta.code}) failed${inCluster}: ${outcome.message}`, ruleId: meta.id });
        notAssessed.push({ ruleId: meta.id, code: meta.code, reason: `the rule failed: ${outcome.message}`, cause: 'failed', ...where });
        return false;
      }
      for (const skip of outcome.skipped ?? []) notAssessed.push({ ruleId: meta.id, code: meta.code, reason: skip.reason, cause: skip.cause, cluster: skip.cluster });
      for (const d of outcome.drafts) drafts.push({ meta, d, setting, model });
      return true;
    };
    let ranAnywhere = false;
    if (isFleetRule(rule)) {
      const outcome = meta.targets && !meta.targets.includes(models[0].target)
        ? { kind: 'notAssessed' as const, reason: `not applicable to target ${models[0].target}`, cause: 'target' as const }
        : runFleetRule(rule, models, connected);
      ranAnywhere = record(outcome, undefined, models[0]);
    } else {
      for (const model of models) {
        const label = several ? clusterLabel(model) : undefined;
        const missing = missingInput(meta, model);
        const outcome: RuleOutcome = missing ? { kind: 'notAssessed', ...missing } : runRule(rule, model);
        if (record(outcome, label, model)) ranAnywhere = true;
      }
    }
    if (ranAnywhere) ran.push(meta);
  }

  endPhase('rules');
  const locations = locateAll(drafts.map(({ d }) => ({ origin: d.object.origin, path: d.path })));
  endPhase('locate');
  drafts.forEach(({ meta, d, setting, model }, i) => findings.push(toFinding(meta, d, setting ?? draftSeverity(meta, d, model), suppressor, locations[i], input.baseline)));

  const allObjects: ModelObject[] = models.flatMap(objectsOf);
  notifications.push(...suppressor.unused(allObjects, ran));
  findings.sort(compareFindings);
  const counted = findings.filter((f) => !f.suppressed && !f.baselined);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    cluster: overallCluster(models),
    target: models[0].target,
    scenario: commonScenario(models),
    summary: {
      error: counted.filter((f) => f.severity === 'error').length,
      warning: counted.filter((f) => f.severity === 'warning').length,
      info: counted.filter((f) => f.severity === 'info').length,
      suppressed: findings.filter((f) => f.suppressed).length,
      baselined: findings.filter((f) => !f.suppressed && f.baselined).length,
    },
    findings,
    notAssessed,
    notifications,
    inputErrors: input.inputErrors ?? [],
    notices: input.notices ?? [],
    rules: reported,
    coverage: coverageOf(models),
    clusters: models.filter((m) => m.cluster !== undefined).map(clusterSummary),
  };
}

/** The first model's scenario, without the cluster-specific families when the clusters disagree on them. */
function commonScenario(models: readonly ClusterModel[]): Scenario {
  const first = models[0].scenario;
  const agree = models.every((m) => m.scenario.removedFamily === first.removedFamily && m.scenario.primaryAfter === first.primaryAfter);
  if (agree) return first;
  const { removedFamily: _r, primaryAfter: _p, ...request } = first;
  return request;
}

function clusterSummary(model: ClusterModel): ClusterSummary {
  return { name: model.cluster ?? '', stack: model.clusterNetwork.state, evidence: model.clusterNetwork.evidence };
}

/** One cluster's state and evidence; over several clusters, their common state (else unknown) and all evidence, labelled. */
function overallCluster(models: readonly ClusterModel[]): AuditResult['cluster'] {
  if (models.length === 1) return { stack: models[0].clusterNetwork.state, evidence: models[0].clusterNetwork.evidence };
  const states = new Set(models.map((m) => m.clusterNetwork.state));
  return {
    stack: states.size === 1 ? models[0].clusterNetwork.state : 'unknown',
    evidence: models.flatMap((m) => m.clusterNetwork.evidence.map((e) => ({ ...e, source: `${clusterLabel(m)}: ${e.source}` }))),
  };
}

/** Coverage of the clusters that were read (live or snapshot); manifest sets declare none. */
function coverageOf(models: readonly ClusterModel[]): CoverageEntry[] {
  const out: CoverageEntry[] = [];
  for (const model of models) {
    if (model.cluster === undefined) continue;
    for (const collection of COLLECTIONS) {
      const a = model.availability[collection];
      if (a.status === 'absent' && collectionSpec(collection).liveOptIn) continue;
      out.push({
        cluster: model.cluster,
        collection,
        status: a.status,
        ...(a.status !== 'present' ? { reason: a.reason } : {}),
        ...(a.status === 'absent' && a.notServed === true ? { notServed: true as const } : {}),
      });
    }
  }
  return out;
}

/** True when a cluster refused to let dsaudit read a collection (RBAC): the run's coverage is incomplete. */
export function coverageIncomplete(result: Pick<AuditResult, 'coverage'>): boolean {
  return result.coverage.some((c) => c.status === 'forbidden');
}

/**
 * The severity a draft reports at without a user setting: its own, else the rule's; a rollback
 * hazard is `info` (awareness) until the run names a rollback or primary-family scenario.
 */
export function draftSeverity(meta: RuleMeta, d: FindingDraft, model: ClusterModel): Severity {
  if (meta.family === 'rollback' && !model.scenario.named) return 'info';
  return d.severity ?? meta.defaultSeverity;
}

function toFinding(meta: RuleMeta, d: FindingDraft, severity: Severity, suppressor: Suppressor, location: Location | null, baseline?: ReadonlySet<string>): Finding {
  const fingerprint = fingerprintOf(meta.id, d.object.ref, d.path, d.key);
  return {
    ruleId: meta.id,
    code: meta.code,
    severity,
    family: meta.family,
    messageId: d.messageId,
    message: d.message,
    fix: d.fix ?? meta.remediation,
    object: d.object.ref,
    path: d.path,
    location,
    ...(d.ipFamily ? { ipFamily: d.ipFamily } : {}),
    ...(d.object.owner ? { owner: d.object.owner } : {}),
    ...(d.confidence ? { confidence: d.confidence } : {}),
    suppressed: suppressor.suppressionFor(meta, d.object),
    baselined: baseline?.has(fingerprint) ?? false,
    fingerprint,
  };
}

/** True when the result should fail the gate: an unsuppressed, unbaselined finding at or above `failOn`. */
export function gateFails(result: AuditResult, failOn: EffectiveConfig['failOn']): boolean {
  if (failOn === 'never') return false;
  const limit = SEVERITY_RANK[failOn];
  return result.findings.some((f) => !f.suppressed && !f.baselined && SEVERITY_RANK[f.severity] <= limit);
}
