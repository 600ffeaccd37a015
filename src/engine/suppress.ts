/** Suppressions from object annotations and config `ignore` entries: findings are marked, never dropped. */
import type { ModelObject, ObjectRef } from '../model/types.js';
import type { IgnoreEntry } from './config.js';
import type { RuleMeta } from '../rule-contract/define-rule.js';
import type { Suppression, ToolNotification } from './result.js';

export const IGNORE_ANNOTATION = 'dsaudit.io/ignore';
export const IGNORE_REASON_ANNOTATION = 'dsaudit.io/ignore-reason';

function globToRegExp(glob: string): RegExp {
  const escaped = glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

function matchesObject(pattern: string, ref: ObjectRef): boolean {
  const trimmed = pattern.trim();
  const space = trimmed.indexOf(' ');
  const kindPat = space < 0 ? '*' : trimmed.slice(0, space);
  const namePat = space < 0 ? trimmed : trimmed.slice(space + 1).trim();
  const full = ref.namespace !== undefined ? `${ref.namespace}/${ref.name}` : ref.name;
  return globToRegExp(kindPat).test(ref.kind) && globToRegExp(namePat).test(full);
}

function ruleMatches(name: string, meta: RuleMeta): boolean {
  const n = name.trim().toLowerCase();
  return n === '*' || n === meta.id.toLowerCase() || n === meta.code.toLowerCase();
}

/** Decides suppression per finding and, at the end, reports suppressions that matched nothing. */
export class Suppressor {
  private readonly usedConfig = new Set<number>();
  private readonly usedAnnotations = new Set<string>();

  constructor(private readonly ignore: readonly IgnoreEntry[]) {}

  suppressionFor(meta: RuleMeta, object: ModelObject): Suppression | null {
    const names = object.annotations[IGNORE_ANNOTATION];
    if (names !== undefined) {
      const hit = names.split(',').find((n) => ruleMatches(n, meta));
      if (hit !== undefined) {
        this.usedAnnotations.add(`${refKey(object.ref)}\u0000${hit.trim().toLowerCase()}`);
        const reason = object.annotations[IGNORE_REASON_ANNOTATION]?.trim();
        return { kind: 'annotation', reason: reason || `${IGNORE_ANNOTATION} annotation (no reason given)` };
      }
    }
    for (let i = 0; i < this.ignore.length; i++) {
      const entry = this.ignore[i];
      if (ruleMatches(entry.rule, meta) && matchesObject(entry.object, object.ref)) {
        this.usedConfig.add(i);
        return { kind: 'config', reason: entry.reason };
      }
    }
    return null;
  }

  /** Info notices for config entries and annotation names that suppressed nothing (Stylelint's needless disables). */
  unused(objects: readonly ModelObject[], ranRules: readonly RuleMeta[]): ToolNotification[] {
    const out: ToolNotification[] = [];
    this.ignore.forEach((e, i) => {
      if (!this.usedConfig.has(i)) out.push({ level: 'note', message: `config ignore entry ${i + 1} (rule ${e.rule}, object "${e.object}") matched no finding` });
    });
    for (const o of objects) {
      const names = o.annotations[IGNORE_ANNOTATION];
      if (names === undefined) continue;
      for (const raw of names.split(',')) {
        const n = raw.trim();
        if (n === '') continue;
        const known = n === '*' || ranRules.some((m) => ruleMatches(n, m));
        if (known && this.usedAnnotations.has(`${refKey(o.ref)}\u0000${n.toLowerCase()}`)) continue;
        out.push({ level: 'note', message: `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}: ${IGNORE_ANNOTATION} "${n}" suppressed nothing` });
      }
    }
    return out;
  }
}

function refKey(ref: ObjectRef): string {
  return [ref.cluster ?? '', ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
}
