/** Which of one cluster's active findings a step resolves, by rule code and, for object steps, by object. */
import { displayRef } from '../model/objects.js';
import type { ObjectRef } from '../model/types.js';
import type { PlanFinding, PlanResolves } from './plan-types.js';

export class FindingIndex {
  private readonly byCode = new Map<string, PlanFinding[]>();

  constructor(findings: readonly PlanFinding[], cluster: string | undefined) {
    for (const f of findings) {
      if (f.suppressed || f.baselined || f.object.cluster !== cluster) continue;
      const list = this.byCode.get(f.code);
      if (list) list.push(f);
      else this.byCode.set(f.code, [f]);
    }
  }

  /** Active findings of `code`. */
  of(code: string): readonly PlanFinding[] {
    return this.byCode.get(code) ?? [];
  }

  /**
   * Codes in the order given, each with its findings on `objects` (every finding of the code when objects
   * is undefined) and, when `messageIds` is given, of those messages only; codes with none left out.
   */
  resolves(codes: readonly string[], objects?: readonly ObjectRef[], messageIds?: readonly string[]): PlanResolves[] {
    const keys = objects ? new Set(objects.map(displayRef)) : undefined;
    const out: PlanResolves[] = [];
    for (const code of codes) {
      const hits = this.of(code).filter((f) => (!keys || keys.has(displayRef(f.object))) && (!messageIds || messageIds.includes(f.messageId)));
      if (hits.length > 0) out.push({ code, ruleId: hits[0].ruleId, count: hits.length });
    }
    return out;
  }
}
