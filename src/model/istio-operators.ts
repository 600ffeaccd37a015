/** Normalizer for IstioOperator (`install.istio.io/v1alpha1`): the object kept whole, its dual-stack settings read by network/mesh.ts. */
import type { RawObject } from './input.js';
import { baseOf, type NormalizeContext } from './objects.js';
import type { FieldReader } from './reader.js';
import type { IstioOperator } from './types.js';

export function normalizeIstioOperator(raw: RawObject, r: FieldReader, ctx: NormalizeContext): IstioOperator {
  // Namespaced; istioctl and the operator keep it in istio-system.
  return Object.freeze({ ...baseOf(raw, r, true, ctx), body: raw.body });
}
