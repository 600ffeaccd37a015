/** Stable finding fingerprints: rule + object identity + field path, never line numbers. */
import { createHash } from 'node:crypto';
import { apiGroupOf } from '../model/kinds.js';
import type { ObjectRef } from '../model/types.js';

export function fingerprintOf(ruleId: string, ref: ObjectRef, path: string, key = ''): string {
  const identity = [ruleId, ref.cluster ?? '', apiGroupOf(ref.apiVersion), ref.kind, ref.namespace ?? '', ref.name, path, key];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}
