/** Normalizer for Prometheus Operator monitors (`monitoring.coreos.com` ServiceMonitor, PodMonitor, ScrapeConfig): only their `__address__` relabelings. */
import { operatorAddressRelabels } from './config/prometheus-relabel.js';
import type { KindSpec } from './collections.js';
import type { RawObject } from './input.js';
import { managedBase, type NormalizeContext } from './objects.js';
import type { FieldReader } from './reader.js';
import type { PrometheusMonitor } from './types.js';

export function normalizePrometheusMonitor(raw: RawObject, r: FieldReader, ctx: NormalizeContext, kind: KindSpec): PrometheusMonitor {
  const base = managedBase(raw, r, true, ctx);
  return Object.freeze({ ...base, addressRelabels: Object.freeze(operatorAddressRelabels(r, kind.kind)) });
}
