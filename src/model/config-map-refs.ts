/** The ConfigMaps a pod spec reads: `envFrom`, `env[].valueFrom.configMapKeyRef`, and `configMap`/`projected` volumes. */
import { asArray, asMap, asString } from './raw.js';
import type { ConfigMapRef } from './types.js';

function containerRefs(list: unknown, path: string, out: ConfigMapRef[]): void {
  asArray(list).forEach((item, i) => {
    const c = asMap(item);
    if (!c) return;
    const cpath = `${path}[${i}]`;
    const container = asString(c.name) ?? '';
    asArray(c.envFrom).forEach((e, j) => {
      const name = asString(asMap(asMap(e)?.configMapRef)?.name);
      if (name) out.push({ name, source: 'envFrom', container, prefix: asString(asMap(e)?.prefix) ?? '', path: `${cpath}.envFrom[${j}].configMapRef` });
    });
    asArray(c.env).forEach((e, j) => {
      const ref = asMap(asMap(asMap(e)?.valueFrom)?.configMapKeyRef);
      const name = asString(ref?.name);
      const key = asString(ref?.key);
      if (name && key) out.push({ name, source: 'env', container, variable: asString(asMap(e)?.name) ?? '', key, path: `${cpath}.env[${j}].valueFrom.configMapKeyRef` });
    });
  });
}

/** `items[].key` of a volume source: the keys it mounts, or undefined for every key. */
function itemKeys(source: Readonly<Record<string, unknown>>): string[] | undefined {
  const items = asArray(source.items);
  if (items.length === 0) return undefined;
  return items.flatMap((it) => { const k = asString(asMap(it)?.key); return k ? [k] : []; });
}

/** Every ConfigMap reference in a raw pod spec at `path`, in spec order (containers, init containers, volumes). */
export function configMapRefsOf(spec: unknown, path: string): ConfigMapRef[] {
  const s = asMap(spec);
  if (!s) return [];
  const out: ConfigMapRef[] = [];
  containerRefs(s.containers, `${path}.containers`, out);
  containerRefs(s.initContainers, `${path}.initContainers`, out);
  asArray(s.volumes).forEach((v, i) => {
    const vol = asMap(v);
    const cm = asMap(vol?.configMap);
    const name = asString(cm?.name);
    if (cm && name) {
      const keys = itemKeys(cm);
      out.push({ name, source: 'volume', path: `${path}.volumes[${i}].configMap`, ...(keys ? { keys } : {}) });
    }
    asArray(asMap(vol?.projected)?.sources).forEach((src, j) => {
      const p = asMap(asMap(src)?.configMap);
      const pname = asString(p?.name);
      if (p && pname) {
        const keys = itemKeys(p);
        out.push({ name: pname, source: 'volume', path: `${path}.volumes[${i}].projected.sources[${j}].configMap`, ...(keys ? { keys } : {}) });
      }
    });
  });
  return out;
}
