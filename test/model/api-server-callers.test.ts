import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import type { RawObject } from '../../src/model/input.js';
import type { ClusterModel, Service } from '../../src/model/types.js';

type Obj = Record<string, unknown>;

function raw(body: Obj, line = 1): RawObject {
  return { apiVersion: body.apiVersion as string, kind: body.kind as string, body, origin: { kind: 'file', file: 'x.yaml', docIndex: 0, position: { line, column: 1 } } } as unknown as RawObject;
}

function build(...bodies: Obj[]): { model: ClusterModel; errors: readonly { message: string }[] } {
  return normalize(bodies.map((b) => raw(b)), { target: 'dual' });
}

const service = (name: string, ports: number[]): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'hooks' }, spec: { selector: { app: name }, ports: ports.map((port) => ({ port })) } });
const webhooks = (apiVersion: string, kind: string, clientConfigs: Obj[]): Obj => ({
  apiVersion, kind, metadata: { name: 'hooks' }, webhooks: clientConfigs.map((clientConfig, i) => ({ name: `h${i}.example.com`, clientConfig })),
});

function svc(model: ClusterModel, name: string): Service {
  return model.services.find((s) => s.ref.name === name)!;
}

describe('Services linked to the API server calls that name them', () => {
  it('links webhook configurations of either kind and version, and APIServices, with the default port 443', () => {
    const { model, errors } = build(
      service('admission', [443]),
      service('metrics', [443]),
      service('plain', [80]),
      // admissionregistration.k8s.io/v1beta1 (removed in 1.22) still appears in old manifests.
      webhooks('admissionregistration.k8s.io/v1beta1', 'ValidatingWebhookConfiguration', [{ service: { name: 'admission', namespace: 'hooks' } }]),
      webhooks('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', [{ url: 'https://hook.example.com/' }, { service: { name: 'admission', namespace: 'hooks', port: 443 } }]),
      { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { service: { name: 'metrics', namespace: 'hooks' } } },
      { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1.apps' }, spec: { group: 'apps', version: 'v1' } },
    );
    expect(errors).toEqual([]);
    expect(model.webhookConfigurations.map((w) => [w.ref.kind, w.services.map((s) => `${s.namespace}/${s.name}:${s.port} ${s.path}`)])).toEqual([
      ['MutatingWebhookConfiguration', ['hooks/admission:443 webhooks[1].clientConfig.service']],
      ['ValidatingWebhookConfiguration', ['hooks/admission:443 webhooks[0].clientConfig.service']],
    ]);
    expect(model.apiServices.map((a) => a.service?.name)).toEqual([undefined, 'metrics']);
    expect(svc(model, 'admission').apiServerCallers.map((r) => r.kind)).toEqual(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
    expect(svc(model, 'admission').apiServerOnly).toBe(true);
    expect(svc(model, 'metrics').apiServerCallers.map((r) => r.name)).toEqual(['v1beta1.metrics.k8s.io']);
    expect(svc(model, 'plain').apiServerCallers).toEqual([]);
    expect(svc(model, 'plain').apiServerOnly).toBe(false);
  });

  it('a Service with a port no caller uses serves other clients too', () => {
    const { model } = build(service('istiod', [15010, 15012, 443]), webhooks('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', [{ service: { name: 'istiod', namespace: 'hooks' } }]));
    expect(svc(model, 'istiod').apiServerCallers).toHaveLength(1);
    expect(svc(model, 'istiod').apiServerOnly).toBe(false);
  });

  it('reports a wrong-typed reference as an input error and still links the good ones', () => {
    const { model, errors } = build(
      service('admission', [443]),
      webhooks('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', [{ service: { name: 7, namespace: 'hooks' } }, { service: { name: 'admission', namespace: 'hooks' } }]),
    );
    expect(errors.map((e) => e.message)).toEqual(['ValidatingWebhookConfiguration hooks: webhooks[0].clientConfig.service.name must be a string, got number 7']);
    expect(svc(model, 'admission').apiServerOnly).toBe(true);
  });
});
