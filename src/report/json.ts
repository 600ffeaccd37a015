/** JSON output: the public, stable machine-readable contract (fixed key order, no timestamps). */
import type { Finding } from '../engine/result.js';
import type { FormatContext, Formatter } from './types.js';
import { ruleHelpPointer } from './links.js';
import type { Scenario } from '../model/types.js';
import { describeScenario } from '../model/scenario.js';
import { addressPlanJson } from './address-plan.js';
import { ownerJson } from './owners.js';
import { reportGroups, type FindingGroup } from './groups.js';

/**
 * Every object is rebuilt field by field so the key order is fixed, no runtime-only property leaks
 * in, and nothing is `undefined`. Contract fields are always present (`null` when empty); the
 * optional extras `ipFamily`, `owner`, `confidence`, `object.cluster`, `notAssessed[].cluster`, `coverage[].notServed` and `notifications[].ruleId`
 * appear only when set. `coverage` and `clusters` are empty for manifest runs.
 */
function findingJson(f: Finding, ctx: FormatContext) {
  return {
    ruleId: f.ruleId,
    code: f.code,
    messageId: f.messageId,
    severity: f.severity,
    family: f.family,
    message: f.message,
    fix: f.fix,
    help: ruleHelpPointer(ctx.links, f.ruleId),
    object: {
      apiVersion: f.object.apiVersion,
      kind: f.object.kind,
      namespace: f.object.namespace ?? null,
      name: f.object.name,
      ...(f.object.cluster !== undefined ? { cluster: f.object.cluster } : {}),
    },
    path: f.path,
    ...(f.ipFamily !== undefined ? { ipFamily: f.ipFamily } : {}),
    ...(f.owner !== undefined ? { owner: ownerJson(f.owner) } : {}),
    ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
    location: f.location ? { file: f.location.file, line: f.location.line, column: f.location.column } : null,
    suppressed: f.suppressed ? { kind: f.suppressed.kind, reason: f.suppressed.reason } : null,
    baselined: f.baselined,
    fingerprint: f.fingerprint,
  };
}

/** A `--group-by` group: fixed key order; `owner`, `code`, `cluster` and `unassigned` only when set; `findings` are indexes into `findings`. */
function groupJson(g: FindingGroup) {
  return {
    by: g.by,
    key: g.key,
    label: g.label,
    ...(g.owner !== undefined ? { owner: ownerJson(g.owner) } : {}),
    ...(g.code !== undefined ? { code: g.code } : {}),
    ...(g.cluster !== undefined ? { cluster: g.cluster } : {}),
    ...(g.unassigned !== undefined ? { unassigned: g.unassigned } : {}),
    summary: { error: g.summary.error, warning: g.summary.warning, info: g.summary.info, suppressed: g.summary.suppressed, baselined: g.summary.baselined },
    findings: [...g.findings],
  };
}

/** The scenario evaluated; `named: false` means rollback hazards were reported at info. */
function scenarioJson(s: Scenario) {
  return {
    target: s.target,
    rollbackTo: s.rollbackTo ?? null,
    newPrimary: s.newPrimary ?? null,
    named: s.named,
    removedFamily: s.removedFamily ?? null,
    primaryAfter: s.primaryAfter ?? null,
    description: describeScenario(s),
  };
}

export const formatJson: Formatter = (result, ctx, views = {}) => {
  const groups = reportGroups(result.findings, ctx, views);
  const doc = {
    tool: { name: result.tool.name, version: result.tool.version },
    cluster: {
      stack: result.cluster.stack,
      evidence: result.cluster.evidence.map((e) => ({
        source: e.source,
        role: e.role,
        families: [...e.families],
        ranges: [...e.ranges],
        inferred: e.inferred,
      })),
    },
    target: result.target,
    ...(result.scenario ? { scenario: scenarioJson(result.scenario) } : {}),
    summary: {
      error: result.summary.error,
      warning: result.summary.warning,
      info: result.summary.info,
      suppressed: result.summary.suppressed,
      baselined: result.summary.baselined,
    },
    findings: result.findings.map((f) => findingJson(f, ctx)),
    ...(groups ? { groups: groups.map(groupJson) } : {}),
    notAssessed: result.notAssessed.map((n) => ({ ruleId: n.ruleId, code: n.code, reason: n.reason, cause: n.cause, ...(n.cluster !== undefined ? { cluster: n.cluster } : {}) })),
    notifications: result.notifications.map((n) => ({
      level: n.level,
      message: n.message,
      ...(n.ruleId !== undefined ? { ruleId: n.ruleId } : {}),
    })),
    inputErrors: result.inputErrors.map((e) => ({ file: e.file, line: e.line, message: e.message })),
    notices: result.notices.map((n) => ({ file: n.file, line: n.line, message: n.message })),
    coverage: result.coverage.map((c) => ({ cluster: c.cluster, collection: c.collection, status: c.status, reason: c.reason ?? null, ...(c.notServed ? { notServed: true } : {}) })),
    clusters: result.clusters.map((c) => ({
      name: c.name,
      stack: c.stack,
      evidence: c.evidence.map((e) => ({ source: e.source, role: e.role, families: [...e.families], ranges: [...e.ranges], inferred: e.inferred })),
    })),
    ...(views.addressPlan ? { addressPlan: addressPlanJson(views.addressPlan) } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
};
