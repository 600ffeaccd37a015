/**
 * `-o policyreport`: the Kubernetes Policy working group's `wgpolicyk8s.io/v1alpha2` PolicyReport (one per
 * namespace) and ClusterPolicyReport (cluster-scoped objects, rules not assessed, unreadable inputs), the
 * format Kyverno, Trivy Operator and Policy Reporter read. Multi-document YAML: each document is a whole
 * object, so `kubectl apply -f`, `kubectl diff -f`, kustomize and GitOps tools take the file as it is.
 * Field names and enums follow the CRD in kubernetes-sigs/wg-policy-prototypes,
 * policy-report/crd/v1alpha2/wgpolicyk8s.io_policyreports.yaml and _clusterpolicyreports.yaml.
 */
import { stringify } from 'yaml';
import type { Severity } from '../rule-contract/define-rule.js';
import type { AuditResult, Finding } from '../engine/result.js';
import { ruleHelpPointer } from './links.js';
import { fileLineText, locationText, type Formatter } from './types.js';
import { ownerText } from './owners.js';

export const POLICY_REPORT_API_VERSION = 'wgpolicyk8s.io/v1alpha2';
/** The `policy` of every result; rules are told apart by `rule`. */
export const POLICY_NAME = 'dsaudit';

/** The CRD's `result` enum. */
export type PolicyResultValue = 'pass' | 'fail' | 'warn' | 'error' | 'skip';
/** The CRD's `severity` enum. */
export type PolicySeverity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export interface PolicyReportResult {
  readonly policy: string;
  readonly rule?: string;
  readonly result: PolicyResultValue;
  readonly severity?: PolicySeverity;
  readonly category?: string;
  readonly source: string;
  readonly scored: boolean;
  readonly message: string;
  readonly resources?: readonly { apiVersion: string; kind: string; namespace?: string; name: string }[];
  /** The CRD allows string values only. */
  readonly properties: Readonly<Record<string, string>>;
}

/** dsaudit severity → CRD severity; `critical` is left for tools that rank exploitability. */
const SEVERITY: Readonly<Record<Severity, PolicySeverity>> = { error: 'high', warning: 'medium', info: 'low' };
/** dsaudit severity → CRD result: errors fail (they fail the default gate), the rest warn. */
const RESULT: Readonly<Record<Severity, PolicyResultValue>> = { error: 'fail', warning: 'warn', info: 'warn' };

function findingResult(f: Finding, help: string): PolicyReportResult {
  const skipped = f.suppressed !== null || f.baselined;
  return {
    policy: POLICY_NAME,
    rule: f.ruleId,
    result: skipped ? 'skip' : RESULT[f.severity],
    severity: SEVERITY[f.severity],
    category: f.family,
    source: POLICY_NAME,
    scored: true,
    message: f.message,
    resources: [{
      apiVersion: f.object.apiVersion,
      kind: f.object.kind,
      ...(f.object.namespace !== undefined ? { namespace: f.object.namespace } : {}),
      name: f.object.name,
    }],
    properties: {
      code: f.code,
      messageId: f.messageId,
      path: f.path,
      fix: f.fix,
      help,
      fingerprint: f.fingerprint,
      ...(f.location ? { location: locationText(f) } : {}),
      ...(f.ipFamily !== undefined ? { ipFamily: f.ipFamily } : {}),
      ...(f.owner !== undefined ? { owner: ownerText(f.owner) } : {}),
      ...(f.suppressed ? { suppressed: f.suppressed.kind, reason: f.suppressed.reason } : {}),
      ...(f.baselined ? { baselined: 'true' } : {}),
    },
  };
}

/** A report under construction: one per namespace and one cluster-wide per audited cluster. */
interface Bucket {
  readonly cluster: string | undefined;
  readonly namespace: string | undefined;
  readonly results: PolicyReportResult[];
}

const NAME_LIMIT = 253;

/** `dsaudit`, or `dsaudit-<cluster>` when one output covers several clusters (a DNS-1123 subdomain either way). */
function reportName(cluster: string | undefined, several: boolean): string {
  if (!several || cluster === undefined) return POLICY_NAME;
  const slug = cluster.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return `${POLICY_NAME}-${slug || 'cluster'}`.slice(0, NAME_LIMIT).replace(/[^a-z0-9]+$/, '');
}

function summary(results: readonly PolicyReportResult[]): Record<PolicyResultValue, number> {
  const counts: Record<PolicyResultValue, number> = { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const r of results) counts[r.result] += 1;
  return counts;
}

const compare = (a: string | undefined, b: string | undefined): number => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** The reports as objects, cluster-wide report first, then namespaces by name. */
export function policyReports(result: AuditResult, ctx: Parameters<Formatter>[1]): Record<string, unknown>[] {
  const buckets = new Map<string, Bucket>();
  const bucket = (cluster: string | undefined, namespace: string | undefined): Bucket => {
    const key = JSON.stringify([cluster ?? null, namespace ?? null]);
    let b = buckets.get(key);
    if (!b) buckets.set(key, (b = { cluster, namespace, results: [] }));
    return b;
  };
  const clusters = [...new Set([...result.clusters.map((c) => c.name), ...result.findings.flatMap((f) => (f.object.cluster !== undefined ? [f.object.cluster] : []))])];
  const lone = clusters.length === 1 ? clusters[0] : undefined;
  // Every audited cluster gets its cluster-wide report, even a clean one, so a rerun replaces an older one.
  if (clusters.length === 0) bucket(undefined, undefined);
  for (const c of clusters) bucket(c, undefined);

  const rules = new Map(result.rules.map((r) => [r.id, r]));
  for (const f of result.findings) {
    bucket(f.object.cluster ?? lone, f.object.namespace).results.push(findingResult(f, ruleHelpPointer(ctx.links, f.ruleId)));
  }
  for (const n of result.notAssessed) {
    const meta = rules.get(n.ruleId);
    bucket(n.cluster ?? lone, undefined).results.push({
      policy: POLICY_NAME,
      rule: n.ruleId,
      result: 'skip',
      ...(meta ? { category: meta.family } : {}),
      source: POLICY_NAME,
      scored: true,
      message: `Not assessed: ${n.reason}`,
      properties: { code: n.code, notAssessed: 'true', reason: n.reason, help: ruleHelpPointer(ctx.links, n.ruleId) },
    });
  }
  for (const e of result.inputErrors) {
    bucket(lone, undefined).results.push({
      policy: POLICY_NAME,
      rule: 'input-error',
      result: 'error',
      source: POLICY_NAME,
      scored: false,
      message: `${fileLineText(e)}: ${e.message}`,
      properties: { file: e.file, ...(e.line !== null ? { line: String(e.line) } : {}) },
    });
  }

  const several = new Set([...buckets.values()].map((b) => b.cluster)).size > 1;
  return [...buckets.values()]
    .sort((a, b) => compare(a.cluster, b.cluster) || (a.namespace === undefined ? -1 : b.namespace === undefined ? 1 : compare(a.namespace, b.namespace)))
    .map((b) => ({
      apiVersion: POLICY_REPORT_API_VERSION,
      kind: b.namespace === undefined ? 'ClusterPolicyReport' : 'PolicyReport',
      metadata: {
        name: reportName(b.cluster, several),
        ...(b.namespace !== undefined ? { namespace: b.namespace } : {}),
        labels: { 'app.kubernetes.io/managed-by': POLICY_NAME },
        ...(b.cluster !== undefined ? { annotations: { 'dsaudit.io/cluster': b.cluster } } : {}),
      },
      summary: summary(b.results),
      results: b.results,
    }));
}

/** Multi-document YAML, no timestamps: the same result gives byte-identical output. */
export const formatPolicyReport: Formatter = (result, ctx) =>
  policyReports(result, ctx).map((doc) => stringify(doc, { lineWidth: 0 })).join('---\n');
