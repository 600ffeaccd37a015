/** Baseline files: findings recorded once so that only new ones count toward the gate. */
import type { AuditResult } from './result.js';
import { TOOL_NAME } from '../version.js';

export class BaselineError extends Error {}

export interface BaselineFile {
  readonly tool: string;
  readonly version: 1;
  readonly findings: readonly { readonly fingerprint: string; readonly ruleId: string; readonly object: string; readonly path: string }[];
}

/** Renders the baseline for a result (every finding, sorted by fingerprint). */
export function renderBaseline(result: AuditResult): string {
  const findings = result.findings
    .map((f) => ({
      fingerprint: f.fingerprint,
      ruleId: f.ruleId,
      object: `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`,
      path: f.path,
    }))
    .sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
  const unique = findings.filter((f, i) => i === 0 || findings[i - 1].fingerprint !== f.fingerprint);
  const file: BaselineFile = { tool: TOOL_NAME, version: 1, findings: unique };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses baseline text into the set of fingerprints. */
export function parseBaseline(text: string, file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${file}: not a JSON baseline file (${(e as Error).message})`);
  }
  const findings = (doc as { findings?: unknown }).findings;
  if ((doc as { version?: unknown }).version !== 1 || !Array.isArray(findings)) {
    throw new BaselineError(`${file}: not a dsaudit baseline (expected {"version": 1, "findings": [...]}; create one with \`dsaudit baseline\`)`);
  }
  const out = new Set<string>();
  for (const f of findings) {
    const fp = (f as { fingerprint?: unknown }).fingerprint;
    if (typeof fp === 'string') out.add(fp);
  }
  return out;
}
