/** Namespaces as model objects: what `scan --team-label` reads a team from. */
import type { RawObject } from './input.js';
import { managedBase, type NormalizeContext } from './objects.js';
import type { FieldReader } from './reader.js';
import type { Namespace } from './types.js';

export function normalizeNamespace(raw: RawObject, r: FieldReader, ctx: NormalizeContext): Namespace {
  return Object.freeze(managedBase(raw, r, false, ctx));
}
