/** The what-if scenario a run evaluates: the target stack, a rollback (the family kept) or a new primary family. */
import { otherFamily } from '../net/index.js';
import type { ClusterNetwork, Family, Scenario, ScenarioRequest, ScenarioTarget, Target } from './types.js';

/** Every `--target` value; the first three are the stacks `--target` always had (public interface: extend, never rename). */
export const SCENARIO_TARGETS: readonly ScenarioTarget[] = ['dual', 'ipv4', 'ipv6', 'ipv6-primary', 'ipv6-only'];

/** `ipv4` / `ipv6` as written on the command line, case-insensitively. */
export function familyArg(text: string): Family | undefined {
  const t = text.trim().toLowerCase();
  return t === 'ipv4' ? 'IPv4' : t === 'ipv6' ? 'IPv6' : undefined;
}

/** The stack a target ends in: `ipv6-primary` is still dual-stack, `ipv6-only` is single-stack IPv6. */
export function stackOf(target: ScenarioTarget): Target {
  return target === 'ipv6-primary' ? 'dual' : target === 'ipv6-only' ? 'ipv6' : target;
}

/**
 * Why a request contradicts itself, or undefined when it is consistent. `targetGiven` says whether
 * the target was named (the default `dual` gives way to a rollback).
 */
export function scenarioConflict(req: ScenarioRequest, targetGiven: boolean): string | undefined {
  const { target, rollbackTo, newPrimary } = req;
  if (target === 'ipv6-only' && rollbackTo === 'IPv4') return '--target ipv6-only keeps IPv6, --rollback-to ipv4 keeps IPv4';
  if (target === 'ipv6-only' && newPrimary === 'IPv4') return '--target ipv6-only leaves IPv6 as the only family, --new-primary ipv4 asks for IPv4';
  if (target === 'ipv6-primary' && newPrimary === 'IPv4') return '--target ipv6-primary makes IPv6 primary, --new-primary ipv4 asks for IPv4';
  if (rollbackTo && (target === 'ipv6-primary' || (target === 'dual' && targetGiven))) {
    return `--target ${target} keeps both families, --rollback-to removes ${otherFamily(rollbackTo)}`;
  }
  if (rollbackTo && (target === 'ipv4' || target === 'ipv6') && familyArg(target) !== rollbackTo) {
    return `--target ${target} and --rollback-to ${rollbackTo.toLowerCase()} keep different families`;
  }
  if (rollbackTo && newPrimary && rollbackTo !== newPrimary) {
    return `after a rollback to ${rollbackTo} the only, hence primary, family is ${rollbackTo}, not ${newPrimary}`;
  }
  return undefined;
}

/** The stack target of a consistent request: a rollback without a named target ends in the family kept. */
export function requestStack(req: ScenarioRequest, targetGiven: boolean): Target {
  if (req.rollbackTo && !targetGiven) return req.rollbackTo === 'IPv4' ? 'ipv4' : 'ipv6';
  return stackOf(req.target);
}

/**
 * The scenario against one cluster's network. Without a named rollback, the family a rollback would
 * remove is the secondary one (catalog section 0: "rolling back normally keeps the primary"), so the
 * DS3xx rules can still report at `info`.
 */
export function resolveScenario(req: ScenarioRequest, net: ClusterNetwork): Scenario {
  const rollbackTo = req.rollbackTo ?? (req.target === 'ipv6-only' ? 'IPv6' : undefined);
  const newPrimary = req.newPrimary ?? (req.target === 'ipv6-primary' ? 'IPv6' : undefined);
  const secondary = net.serviceFamilies[1] ?? (net.serviceFamilies.length === 0 ? net.clusterCidrs[1]?.family : undefined);
  // A named primary change without a rollback removes nothing.
  const removedFamily = rollbackTo ? otherFamily(rollbackTo) : newPrimary ? undefined : secondary;
  const primaryAfter = newPrimary ?? rollbackTo;
  return Object.freeze({
    target: req.target,
    ...(rollbackTo ? { rollbackTo } : {}),
    ...(newPrimary ? { newPrimary } : {}),
    named: rollbackTo !== undefined || newPrimary !== undefined,
    ...(removedFamily ? { removedFamily } : {}),
    ...(primaryAfter ? { primaryAfter } : {}),
  });
}

/** One line naming what was evaluated, for every rendering: `rollback to IPv4 (IPv6 removed)`. */
export function describeScenario(s: Scenario): string {
  if (!s.named) {
    return s.removedFamily ? `none named (rollback hazards shown at info, as if ${s.removedFamily} were removed)` : 'none named';
  }
  const parts: string[] = [];
  if (s.rollbackTo) parts.push(`rollback to ${s.rollbackTo} (${otherFamily(s.rollbackTo)} removed)`);
  if (s.newPrimary && !s.rollbackTo) parts.push(`primary family becomes ${s.newPrimary}`);
  const target = s.target === 'ipv6-primary' || s.target === 'ipv6-only' ? `target ${s.target}: ` : '';
  return `${target}${parts.join(', ')}`;
}
