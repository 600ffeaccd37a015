/**
 * Envoy listener configuration given with `-f`: recognised by shape, since these documents are not
 * Kubernetes objects. An Envoy admin `/config_dump` (snake_case) and `istioctl proxy-config all -o json`
 * (camelCase) hold `configs[]` entries typed `type.googleapis.com/envoy.admin.v3.*ConfigDump`;
 * `istioctl proxy-config listeners -o json|yaml` is a sequence of Listener messages.
 */
import type { PathSegment, Position } from '../model/input.js';
import { ENVOY_DUMP_API_VERSION, ENVOY_DUMP_KIND } from '../model/kinds.js';

export type EnvoyDumpShape = 'config-dump' | 'listeners';

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function envoyDumpShape(value: unknown): EnvoyDumpShape | undefined {
  if (isMap(value) && Array.isArray(value.configs) && value.configs.length > 0) {
    const typed = value.configs.every((c) => isMap(c) && typeof c['@type'] === 'string' && c['@type'].startsWith('type.googleapis.com/envoy.admin.'));
    return typed ? 'config-dump' : undefined;
  }
  // A Listener has a name and an address or filter chains; Kubernetes objects never sit in a bare sequence.
  if (Array.isArray(value) && value.length > 0) {
    const listeners = value.every((l) => isMap(l) && typeof l.name === 'string' && ('address' in l || 'filterChains' in l || 'filter_chains' in l) && !('apiVersion' in l));
    return listeners ? 'listeners' : undefined;
  }
  return undefined;
}

/** The body an Envoy dump is wrapped in: the document under `dump`, and the pod it belongs to when the user said (`--envoy-dump`). */
export function envoyDumpBody(value: unknown, shape: EnvoyDumpShape, pod?: { namespace: string; name: string }): Record<string, unknown> {
  return { apiVersion: ENVOY_DUMP_API_VERSION, kind: ENVOY_DUMP_KIND, shape, dump: value, ...(pod ? { metadata: { name: pod.name, namespace: pod.namespace } } : {}) };
}

interface Locator {
  position(): Position;
  find(path: readonly PathSegment[]): Position | undefined;
}

/** Positions inside the wrapped body: `dump.<path>` is `<path>` of the document as written. */
export class DumpPlacement implements Locator {
  constructor(private readonly inner: Locator) {}
  position(): Position {
    return this.inner.position();
  }
  find(path: readonly PathSegment[]): Position | undefined {
    if (path.length === 0) return this.inner.position();
    return path[0] === 'dump' ? this.inner.find(path.slice(1)) : undefined;
  }
}
