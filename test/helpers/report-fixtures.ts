/** The canonical audit result every formatter golden renders, and a clean variant of it. */
import type { AuditResult } from '../../src/engine/result.js';
import canonicalJson from '../../fixtures/report/canonical-result.json' with { type: 'json' };

export const canonical = canonicalJson as unknown as AuditResult;

/** The canonical result with no findings, notices or errors; `keep` restores or overrides fields. */
export function cleanResult(keep: Partial<AuditResult> = {}): AuditResult {
  return {
    ...canonical,
    summary: { error: 0, warning: 0, info: 0, suppressed: 0, baselined: 0 },
    findings: [],
    notAssessed: [],
    notifications: [],
    inputErrors: [],
    notices: [],
    ...keep,
  };
}
