/**
 * Normalizers for the objects that make the API server itself a Service's client (admission webhook
 * configurations, APIServices), and the link from each Service to them.
 */
import type { RawObject } from './input.js';
import { managedBase, type NormalizeContext } from './objects.js';
import type { FieldReader } from './reader.js';
import type { ApiService, ObjectRef, Service, ServiceReference, WebhookConfiguration } from './types.js';

/** Both webhook kinds and APIService default `service.port` to 443 (admissionregistration/v1, apiregistration/v1 defaults). */
const DEFAULT_PORT = 443;

function serviceReference(r: FieldReader, path: string, webhook?: string): ServiceReference | undefined {
  if (!r.map(path)) return undefined;
  const namespace = r.str(`${path}.namespace`);
  const name = r.str(`${path}.name`);
  if (!namespace || !name) return undefined;
  const port = r.get(`${path}.port`);
  return {
    namespace,
    name,
    port: typeof port === 'number' && Number.isInteger(port) ? port : DEFAULT_PORT,
    path,
    ...(webhook !== undefined ? { webhook } : {}),
  };
}

export function normalizeWebhookConfiguration(raw: RawObject, r: FieldReader, ctx: NormalizeContext): WebhookConfiguration {
  // Webhook configurations are cluster-scoped.
  const base = managedBase(raw, r, false, ctx);
  const services = r.mapList('webhooks').flatMap(([i]) => {
    const ref = serviceReference(r, `webhooks[${i}].clientConfig.service`, r.str(`webhooks[${i}].name`) ?? '');
    return ref ? [ref] : [];
  });
  return Object.freeze({ ...base, services });
}

export function normalizeApiService(raw: RawObject, r: FieldReader, ctx: NormalizeContext): ApiService {
  // APIServices are cluster-scoped.
  const base = managedBase(raw, r, false, ctx);
  const service = serviceReference(r, 'spec.service');
  return Object.freeze({ ...base, ...(service ? { service } : {}) });
}

/** The Service references of a caller, whichever kind it is. */
export function serviceReferencesOf(caller: WebhookConfiguration | ApiService): readonly ServiceReference[] {
  return 'services' in caller ? caller.services : caller.service ? [caller.service] : [];
}

/**
 * Services with `apiServerCallers` and `apiServerOnly` filled in from the callers that name them;
 * Services no caller names are returned as they are.
 */
export function linkApiServerCallers(
  services: readonly Service[],
  callers: readonly (WebhookConfiguration | ApiService)[],
): Service[] {
  const byService = new Map<string, { readonly refs: ObjectRef[]; readonly ports: Set<number> }>();
  for (const caller of callers) {
    for (const ref of serviceReferencesOf(caller)) {
      const key = `${ref.namespace}/${ref.name}`;
      const entry = byService.get(key) ?? { refs: [], ports: new Set<number>() };
      if (!entry.refs.includes(caller.ref)) entry.refs.push(caller.ref);
      entry.ports.add(ref.port);
      byService.set(key, entry);
    }
  }
  if (byService.size === 0) return [...services];
  return services.map((svc) => {
    const found = byService.get(`${svc.ref.namespace ?? ''}/${svc.ref.name}`);
    if (!found) return svc;
    return Object.freeze({ ...svc, apiServerCallers: Object.freeze(found.refs), apiServerOnly: svc.ports.every((p) => found.ports.has(p)) });
  });
}
