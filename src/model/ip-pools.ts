/** Normalizer for Calico IPPools (`crd.projectcalico.org/v1`, `projectcalico.org/v3`): the ranges Calico IPAM assigns pod addresses from. */
import type { RawObject } from './input.js';
import { locatedCidrs } from './located.js';
import { baseOf, type NormalizeContext } from './objects.js';
import type { FieldReader } from './reader.js';
import type { CalicoIpPool, InvalidValue } from './types.js';

export function normalizeCalicoIpPool(raw: RawObject, r: FieldReader, ctx: NormalizeContext): CalicoIpPool {
  // IPPools are cluster-scoped.
  const base = baseOf(raw, r, false, ctx);
  r.requiredMap('spec');
  const invalid: InvalidValue[] = [];
  const cidrText = r.str('spec.cidr');
  const [cidr] = cidrText !== undefined ? locatedCidrs([['spec.cidr', cidrText.trim()]], invalid) : [];
  const blockSize = r.get('spec.blockSize');
  const ipipMode = r.str('spec.ipipMode');
  const vxlanMode = r.str('spec.vxlanMode');
  return Object.freeze({
    ...base,
    ...(cidr ? { cidr } : {}),
    ...(typeof blockSize === 'number' && Number.isInteger(blockSize) ? { blockSize } : {}),
    ...(ipipMode ? { ipipMode } : {}),
    ...(vxlanMode ? { vxlanMode } : {}),
    natOutgoing: r.bool('spec.natOutgoing') ?? false,
    disabled: r.bool('spec.disabled') ?? false,
    invalid,
  });
}
