/** Normalizer for Envoy listener dumps given with `-f` (wrapped by src/sources/envoy-dump.ts): the listeners of one proxy and its Pod. */
import { dumpListeners, dumpNode, podOfFileName } from './config/envoy.js';
import type { RawObject } from './input.js';
import type { FieldReader } from './reader.js';
import type { EnvoyProxy } from './types.js';

export function normalizeEnvoyDump(raw: RawObject, r: FieldReader): EnvoyProxy {
  const dump = r.get('dump');
  const shape = r.str('shape') ?? 'listeners';
  const flagName = r.str('metadata.name');
  const flagNamespace = r.str('metadata.namespace');
  const file = raw.origin.kind === 'file' ? raw.origin.file : '';
  const fromFile = podOfFileName(file);
  const node = dumpNode(dump);
  const pod =
    flagName && flagNamespace ? { namespace: flagNamespace, name: flagName, via: 'flag' as const }
    : node ? node
    : fromFile ? { ...fromFile, via: 'file-name' as const }
    : undefined;
  const name = pod?.name ?? (file.split(/[\\/]/).pop() || 'envoy-dump');
  return Object.freeze({
    ref: { apiVersion: raw.apiVersion, kind: raw.kind, ...(pod ? { namespace: pod.namespace } : {}), name },
    origin: raw.origin,
    labels: {},
    annotations: {},
    live: false,
    ...(pod ? { pod } : {}),
    listeners: dumpListeners(dump, shape),
  });
}
