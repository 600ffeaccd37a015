/** The rule registry: validates metadata and resolves rule names given as id or code. */
import { RULES } from '../../rules/index.js';
import type { Rule } from '../rule-contract/define-rule.js';

export class UnknownRuleError extends Error {}

export class Registry {
  private readonly byName = new Map<string, Rule>();

  constructor(readonly rules: readonly Rule[]) {
    for (const rule of rules) {
      for (const name of [rule.meta.id, rule.meta.code]) {
        if (this.byName.has(name.toLowerCase())) throw new Error(`duplicate rule id or code: ${name}`);
        this.byName.set(name.toLowerCase(), rule);
      }
    }
  }

  /** Resolves an id (`service-single-stack`) or code (`DS101`), case-insensitively. */
  resolve(name: string): Rule {
    const rule = this.byName.get(name.trim().toLowerCase());
    if (!rule) throw new UnknownRuleError(`unknown rule "${name.trim()}" (see \`dsaudit rules\`)`);
    return rule;
  }

  has(name: string): boolean {
    return this.byName.has(name.trim().toLowerCase());
  }
}

export function defaultRegistry(): Registry {
  return new Registry(RULES);
}
