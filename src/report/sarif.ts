/** SARIF 2.1.0 output for GitHub code scanning and other SARIF consumers. */
import { describeScenario } from '../model/scenario.js';
import type * as Sarif from 'sarif';
import type { AuditResult, Finding } from '../engine/result.js';
import type { RuleMeta } from '../rule-contract/define-rule.js';
import type { ObjectRef } from '../model/types.js';
import { sarifLevel, toSarifDescriptor } from './rule-descriptor.js';
import { fileLineText, type Formatter } from './types.js';
import { ownerJson } from './owners.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Key of the finding fingerprint in `partialFingerprints`; bump the suffix if the scheme changes. */
export const FINGERPRINT_KEY = 'dsaudit/v1';
/** Relative file paths are relative to the directory dsaudit ran in; consumers resolve this base. */
export const SRCROOT = '%SRCROOT%';

/** Descriptors of the notifications dsaudit emits (`tool.driver.notifications[]`), by index. */
const NOTIFICATIONS = [
  {
    id: 'input-error',
    name: 'InputError',
    shortDescription: { text: 'An input could not be read or parsed.' },
    fullDescription: { text: 'An input file or API resource could not be read or parsed; objects in it were not audited.' },
    help: { text: 'Fix the file or the access problem and run dsaudit again; the run exits with status 2 until then.' },
  },
  {
    id: 'input-notice',
    name: 'InputNotice',
    shortDescription: { text: 'An input was skipped on purpose.' },
    fullDescription: { text: 'An input document was skipped on purpose, for example because it is not a Kubernetes object.' },
    help: { text: 'No action is needed unless the document was meant to be audited.' },
  },
  {
    id: 'not-assessed',
    name: 'NotAssessed',
    shortDescription: { text: 'A rule could not be assessed.' },
    fullDescription: { text: 'A rule was not assessed because a fact it needs is not available in this input; its absence of results is not a pass.' },
    help: { text: 'Provide the missing input (grant list access, include the object in the manifests, or pass --service-cidr/--pod-cidr) to assess the rule.' },
  },
] as const satisfies readonly Sarif.ReportingDescriptor[];
type NotificationId = (typeof NOTIFICATIONS)[number]['id'];

function notificationRef(id: NotificationId): Sarif.ReportingDescriptorReference {
  return { id, index: NOTIFICATIONS.findIndex((n) => n.id === id) };
}

/** SARIF messages are full sentences (SARIF2001). */
function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function encodeSegments(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * A file path as given by the engine → SARIF artifact location. Relative paths (the normal case)
 * become relative URIs against `%SRCROOT%`; an absolute path the user passed stays a `file:` URI
 * rather than being guessed relative. `<stdin>` has no artifact, so it gets none.
 */
export function artifactLocation(file: string): Sarif.ArtifactLocation | undefined {
  if (file === '' || file === '<stdin>') return undefined;
  const posix = file.replace(/\\/g, '/');
  const drive = /^([A-Za-z]:)\/(.*)$/.exec(posix);
  if (drive) return { uri: `file:///${drive[1]}/${encodeSegments(drive[2])}` };
  if (posix.startsWith('/')) return { uri: `file://${encodeSegments(posix)}` };
  return { uri: encodeSegments(posix.replace(/^(\.\/)+/, '')), uriBaseId: SRCROOT };
}

/** `cluster/namespace/Kind/name`, leaving out the parts an object does not have. */
export function fullyQualifiedName(ref: ObjectRef): string {
  return [ref.cluster, ref.namespace, ref.kind, ref.name].filter((p) => p !== undefined && p !== '').join('/');
}

function logicalLocation(ref: ObjectRef): Sarif.LogicalLocation {
  return {
    name: ref.name,
    fullyQualifiedName: fullyQualifiedName(ref),
    kind: 'object',
    properties: {
      apiVersion: ref.apiVersion,
      kind: ref.kind,
      ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
      ...(ref.cluster !== undefined ? { cluster: ref.cluster } : {}),
    },
  };
}

function location(f: Finding): Sarif.Location {
  const artifact = f.location ? artifactLocation(f.location.file) : undefined;
  const physical: Sarif.PhysicalLocation | undefined =
    f.location && artifact
      ? {
          artifactLocation: artifact,
          region: {
            startLine: Math.max(1, f.location.line),
            ...(f.location.column >= 1 ? { startColumn: f.location.column } : {}),
          },
        }
      : undefined;
  return { ...(physical ? { physicalLocation: physical } : {}), logicalLocations: [logicalLocation(f.object)] };
}

function toResult(f: Finding, ruleIndex: Map<string, number>, withBaseline: boolean): Sarif.Result {
  const index = ruleIndex.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: sarifLevel(f.severity),
    message: { text: sentence(f.message) },
    locations: [location(f)],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.suppressed
      ? {
          suppressions: [{
            kind: f.suppressed.kind === 'annotation' ? 'inSource' : 'external',
            status: 'accepted',
            justification: f.suppressed.reason,
          } satisfies Sarif.Suppression],
        }
      : {}),
    ...(withBaseline ? { baselineState: f.baselined ? 'unchanged' : 'new' } : {}),
    properties: {
      code: f.code,
      family: f.family,
      messageId: f.messageId,
      path: f.path,
      fix: f.fix,
      ...(f.ipFamily !== undefined ? { ipFamily: f.ipFamily } : {}),
      ...(f.owner !== undefined ? { owner: ownerJson(f.owner) } : {}),
      ...(f.confidence !== undefined ? { confidence: f.confidence } : {}),
    },
  };
}

function notifications(result: AuditResult, ruleIndex: Map<string, number>): Sarif.Notification[] {
  const ruleRef = (id: string): Sarif.ReportingDescriptorReference => {
    const index = ruleIndex.get(id);
    return index !== undefined ? { id, index } : { id };
  };
  const out: Sarif.Notification[] = [];
  for (const e of result.inputErrors) {
    const artifact = e.line !== null ? artifactLocation(e.file) : undefined;
    out.push({
      level: 'error',
      message: { text: sentence(`${fileLineText(e)}: ${e.message}`) },
      descriptor: notificationRef('input-error'),
      ...(artifact && e.line !== null
        ? { locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: Math.max(1, e.line) } } }] }
        : {}),
    });
  }
  for (const n of result.notices) {
    const artifact = n.line !== null ? artifactLocation(n.file) : undefined;
    out.push({
      level: 'note',
      message: { text: sentence(`${fileLineText(n)}: ${n.message}`) },
      descriptor: notificationRef('input-notice'),
      ...(artifact && n.line !== null
        ? { locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: Math.max(1, n.line) } } }] }
        : {}),
    });
  }
  for (const n of result.notifications) {
    out.push({
      level: n.level,
      message: { text: sentence(n.message) },
      ...(n.ruleId !== undefined ? { associatedRule: ruleRef(n.ruleId) } : {}),
    });
  }
  for (const n of result.notAssessed) {
    out.push({
      level: 'warning',
      message: { text: sentence(`Rule ${n.ruleId} (${n.code}) was not assessed${n.cluster !== undefined ? ` in cluster ${n.cluster}` : ''}: ${n.reason}`) },
      descriptor: notificationRef('not-assessed'),
      associatedRule: ruleRef(n.ruleId),
    });
  }
  return out;
}

/** Rule metadata sorted by id, first occurrence winning, so `ruleIndex` is stable. */
function sortedRules(rules: readonly RuleMeta[]): RuleMeta[] {
  const byId = new Map<string, RuleMeta>();
  for (const r of rules) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Renders one run. `baselineState` is emitted only when a baseline matched at least one finding
 * (`unchanged` for baselined findings, `new` for the rest): the result does not say whether a
 * baseline was given but matched nothing, and claiming `new` without one would be wrong.
 */
export const formatSarif: Formatter = (result, ctx) => {
  const rules = sortedRules(result.rules);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const withBaseline = result.findings.some((f) => f.baselined);
  const toolNotifications = notifications(result, ruleIndex);
  const log: Sarif.Log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            ...(ctx.links?.home ? { informationUri: ctx.links.home } : {}),
            rules: rules.map((r) => toSarifDescriptor(r, ctx.links)),
            notifications: [...NOTIFICATIONS],
          },
        },
        invocations: [
          {
            executionSuccessful: result.inputErrors.length === 0,
            ...(toolNotifications.length > 0 ? { toolExecutionNotifications: toolNotifications } : {}),
          },
        ],
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: 'The directory dsaudit was run from; relative manifest paths resolve against it.' } },
        },
        results: result.findings.map((f) => toResult(f, ruleIndex, withBaseline)),
        columnKind: 'utf16CodeUnits',
        properties: {
          target: result.target,
          ...(result.scenario?.named ? { scenario: describeScenario(result.scenario) } : {}),
          clusterStack: result.cluster.stack,
          // Live and snapshot runs: which collections each cluster let dsaudit read.
          ...(result.clusters.length > 0 ? { clusters: result.clusters.map((c) => ({ name: c.name, stack: c.stack })) } : {}),
          ...(result.coverage.length > 0
            ? {
                coverageComplete: !result.coverage.some((c) => c.status === 'forbidden'),
                coverage: result.coverage.map((c) => ({ cluster: c.cluster, collection: c.collection, status: c.status, ...(c.reason !== undefined ? { reason: c.reason } : {}), ...(c.notServed ? { notServed: true } : {}) })),
              }
            : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
