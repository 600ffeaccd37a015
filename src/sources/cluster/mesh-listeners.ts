/**
 * `--mesh-listeners`: each sampled proxy's listener configuration as istiod generated it, read with a
 * GET through the API server's service proxy to istiod's monitoring port (`/debug/config_dump?proxyID=`).
 * Envoy's own admin port listens on localhost only, and a port-forward is a `create`: neither is read-only.
 */
import type { Availability, ClusterOrigin, RawObject } from '../../model/input.js';
import { ENVOY_DUMP_API_VERSION, ENVOY_DUMP_KIND } from '../../model/kinds.js';
import { envoyDumpBody, envoyDumpShape } from '../envoy-dump.js';
import { TransportError, type ApiClient } from './client.js';

/** istiod serves its debug endpoints on the monitoring port 15014 (istio.io/latest/docs/ops/deployment/application-requirements/#ports-used-by-istio). */
export const ISTIOD_MONITORING = { service: 'istiod', scheme: 'http', port: 15014, defaultNamespace: 'istio-system' } as const;

/** The service-proxy path of istiod's config dump in `namespace`. */
export function istiodConfigDumpPath(namespace: string): string {
  const { scheme, service, port } = ISTIOD_MONITORING;
  return `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${scheme}:${service}:${port}/proxy/debug/config_dump`;
}

/** Availability of Envoy listeners in a live read without `--mesh-listeners` (and in snapshots taken before it existed). */
export const LISTENERS_NOT_REQUESTED: Availability = Object.freeze({ status: 'absent', reason: 'listener configuration not read (scan with --mesh-listeners, or give dumps with --envoy-dump)' });

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Picks at most `perWorkload` running Pods with an `istio-proxy` per controller (first owner reference),
 * in name order, so a 10,000-pod mesh costs a request per workload, not per pod.
 */
export class ProxySampler {
  private readonly byOwner = new Map<string, { namespace: string; name: string }[]>();
  /** Where istiod runs, from its Deployment (label `app=istiod`). */
  istiodNamespace: string | undefined;

  constructor(private readonly perWorkload: number) {}

  observe(body: Record<string, unknown>): void {
    const meta = isMap(body.metadata) ? body.metadata : {};
    const ns = typeof meta.namespace === 'string' ? meta.namespace : undefined;
    const name = typeof meta.name === 'string' ? meta.name : undefined;
    if (!ns || !name) return;
    const spec = isMap(body.spec) ? body.spec : {};
    if (body.kind === 'Deployment') {
      const labels = isMap(spec.template) && isMap(spec.template.metadata) && isMap(spec.template.metadata.labels) ? spec.template.metadata.labels : {};
      if (labels.app === 'istiod') this.istiodNamespace ??= ns;
      return;
    }
    if (body.kind !== 'Pod') return;
    const containers = [...(Array.isArray(spec.containers) ? spec.containers : []), ...(Array.isArray(spec.initContainers) ? spec.initContainers : [])];
    if (!containers.some((c) => isMap(c) && c.name === 'istio-proxy')) return;
    if (isMap(body.status) && body.status.phase !== 'Running') return;
    const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences : [];
    const owner = isMap(owners[0]) ? `${ns}/${String(owners[0].kind)}/${String(owners[0].name)}` : `${ns}/Pod/${name}`;
    const list = this.byOwner.get(owner) ?? [];
    list.push({ namespace: ns, name });
    this.byOwner.set(owner, list);
  }

  /** The sample, in a fixed order whatever order the pages arrived in. */
  sample(): { namespace: string; name: string }[] {
    const out: { namespace: string; name: string }[] = [];
    for (const key of [...this.byOwner.keys()].sort()) {
      const pods = this.byOwner.get(key)!.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      out.push(...pods.slice(0, this.perWorkload));
    }
    return out;
  }
}

/** Reads the sampled proxies' listener configuration from istiod; availability says why it was not when istiod refuses. */
export async function readMeshListeners(
  client: ApiClient,
  sampler: ProxySampler,
  origin: ClusterOrigin,
): Promise<{ objects: RawObject[]; availability: Availability; notice?: string }> {
  const pods = sampler.sample();
  const namespace = sampler.istiodNamespace ?? ISTIOD_MONITORING.defaultNamespace;
  const path = istiodConfigDumpPath(namespace);
  const objects: RawObject[] = [];
  const refused: string[] = [];
  const outcomes = await Promise.all(pods.map(async (pod) => {
    try {
      return { pod, res: await client.get(path, { proxyID: `${pod.name}.${pod.namespace}` }) };
    } catch (err) {
      if (err instanceof TransportError) return { pod, error: `GET ${path}: ${err.message}` };
      throw err;
    }
  }));
  for (const o of outcomes) {
    if ('error' in o) {
      refused.push(o.error ?? '');
      continue;
    }
    const { res, pod } = o;
    if (res.status === 200 && envoyDumpShape(res.body) === 'config-dump') {
      objects.push({ apiVersion: ENVOY_DUMP_API_VERSION, kind: ENVOY_DUMP_KIND, body: envoyDumpBody(res.body, 'config-dump', pod), origin });
    } else if (res.status === 200) {
      refused.push(`istiod answered the config dump of ${pod.namespace}/${pod.name} with something that is not an Envoy config dump`);
    } else {
      const why = res.error?.message ?? `HTTP ${res.status}`;
      refused.push(`istiod ${namespace}/${ISTIOD_MONITORING.service}:${ISTIOD_MONITORING.port} refused the config dump of ${pod.namespace}/${pod.name} (HTTP ${res.status}): ${why}`);
    }
  }
  if (pods.length === 0) return { objects, availability: { status: 'absent', reason: 'no running Pod with an istio-proxy to read listeners of' } };
  if (refused.length === 0) return { objects, availability: { status: 'present' } };
  const reason = `${refused.length} of ${pods.length} sampled proxies not read: ${refused.slice(0, 2).join('; ')}${refused.length > 2 ? `; and ${refused.length - 2} more` : ''}`;
  // Some proxies read: the rules run on those, and a notice says which were not.
  if (objects.length > 0) return { objects, availability: { status: 'present' }, notice: reason };
  const forbidden = outcomes.some((o) => 'res' in o && o.res?.status === 403);
  return { objects, availability: forbidden ? { status: 'forbidden', reason: `${reason} (the service proxy needs deploy/rbac-mesh.yaml)` } : { status: 'absent', reason } };
}
