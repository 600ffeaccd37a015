/** The run loop: selects rules, skips those whose inputs are missing, runs them in isolation, marks and sorts findings. */
import type { ClusterModel, ModelObject } from '../model/types.js';
import type { InputError, InputNotice } from '../sources/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import type { EffectiveConfig } from './config.js';
import type { FindingDraft, MessageTemplates, Rule, RuleContext, RuleMeta, Severity } from './define-rule.js';
import { fingerprintOf } from './fingerprint.js';
import { locate } from './locate.js';
import type { AuditResult, Finding, NotAssessed, ToolNotification } from './result.js';
import { Suppressor } from './suppress.js';

export interface RunInput {
  readonly model: ClusterModel;
  readonly rules: readonly Rule[];
  readonly config: EffectiveConfig;
  readonly baseline?: ReadonlySet<string>;
  readonly inputErrors?: readonly InputError[];
  readonly notices?: readonly InputNotice[];
}

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
function missingInput(meta: RuleMeta, model: ClusterModel): string | undefined {
  if (meta.targets && !meta.targets.includes(model.target)) return `not applicable to target ${model.target}`;
  for (const input of meta.requires) {
    const a = model.availability[input];
    if (a.status !== 'present') return a.reason;
  }
  return undefined;
}

function contextFor<M extends MessageTemplates>(rule: Rule<M>, model: ClusterModel): RuleContext<M> {
  return {
    model,
    finding(object, messageId, data, options = {}) {
      const template = rule.meta.messages[messageId];
      if (!template) throw new Error(`rule ${rule.meta.id} reported unknown message id "${messageId}"`);
      return {
        object,
        messageId,
        message: template(data),
        path: options.path ?? '',
        ...(options.severity ? { severity: options.severity } : {}),
        ...(options.ipFamily ? { ipFamily: options.ipFamily } : {}),
        ...(options.key ? { key: options.key } : {}),
      };
    },
    notAssessed(reason: string): never {
      throw new NotAssessedSignal(reason);
    },
  };
}

export type RuleOutcome =
  | { readonly kind: 'ran'; readonly drafts: readonly FindingDraft[] }
  | { readonly kind: 'notAssessed'; readonly reason: string }
  | { readonly kind: 'failed'; readonly message: string };

/** Runs one rule's check on a model, isolating its failures. */
export function runRule(rule: Rule, model: ClusterModel): RuleOutcome {
  try {
    return { kind: 'ran', drafts: [...rule.check(contextFor(rule, model))] };
  } catch (e) {
    if (e instanceof NotAssessedSignal) return { kind: 'notAssessed', reason: e.reason };
    return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

export function runAudit(input: RunInput): AuditResult {
  const { model, config } = input;
  const suppressor = new Suppressor(config.ignore);
  const findings: Finding[] = [];
  const notAssessed: NotAssessed[] = [];
  const notifications: ToolNotification[] = [];
  const reported: RuleMeta[] = [];
  const ran: RuleMeta[] = [];

  const rules = [...input.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  for (const rule of rules) {
    const meta = rule.meta;
    const setting = config.severity.get(meta.id);
    if (setting === 'off') continue;
    reported.push(meta);
    const missing = missingInput(meta, model);
    if (missing) {
      notAssessed.push({ ruleId: meta.id, code: meta.code, reason: missing });
      continue;
    }
    const outcome = runRule(rule, model);
    if (outcome.kind === 'notAssessed') {
      notAssessed.push({ ruleId: meta.id, code: meta.code, reason: outcome.reason });
      continue;
    }
    if (outcome.kind === 'failed') {
      notifications.push({ level: 'error', message: `rule ${meta.id} (${meta.code}) failed: ${outcome.message}`, ruleId: meta.id });
      notAssessed.push({ ruleId: meta.id, code: meta.code, reason: `the rule failed: ${outcome.message}` });
      continue;
    }
    const drafts = outcome.drafts;
    ran.push(meta);
    for (const d of drafts) findings.push(toFinding(meta, d, setting, suppressor, input.baseline));
  }

  const allObjects: ModelObject[] = [
    ...model.nodes, ...model.pods, ...model.services, ...model.endpointSlices, ...model.networkPolicies,
    ...model.ingresses, ...model.workloads, ...model.configMaps, ...model.serviceCIDRs,
  ];
  notifications.push(...suppressor.unused(allObjects, ran));
  findings.sort(compareFindings);
  const counted = findings.filter((f) => !f.suppressed && !f.baselined);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    cluster: { stack: model.clusterNetwork.state, evidence: model.clusterNetwork.evidence },
    target: model.target,
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
  };
}

function toFinding(meta: RuleMeta, d: FindingDraft, setting: Severity | undefined, suppressor: Suppressor, baseline?: ReadonlySet<string>): Finding {
  const fingerprint = fingerprintOf(meta.id, d.object.ref, d.path, d.key);
  return {
    ruleId: meta.id,
    code: meta.code,
    severity: setting ?? d.severity ?? meta.defaultSeverity,
    family: meta.family,
    messageId: d.messageId,
    message: d.message,
    object: d.object.ref,
    path: d.path,
    location: locate(d.object.origin, d.path),
    ...(d.ipFamily ? { ipFamily: d.ipFamily } : {}),
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
