import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import type { RawObject } from '../../src/model/input.js';
import type { ClusterModel, ModelObject } from '../../src/model/types.js';
import { loadClusterFixture } from '../helpers/rule-tester.js';

type Obj = Record<string, unknown>;

function raw(body: Obj): RawObject {
  return { apiVersion: body.apiVersion as string, kind: body.kind as string, body, origin: { kind: 'file', file: 'x.yaml', docIndex: 0, position: { line: 1, column: 1 } } } as unknown as RawObject;
}

function modelOf(...bodies: Obj[]): ClusterModel {
  return normalize(bodies.map(raw), { target: 'dual' }).model;
}

function find(model: ClusterModel, kind: string, ns: string | undefined, name: string): ModelObject {
  const all: ModelObject[] = [...model.services, ...model.workloads, ...model.pods, ...model.gateways, ...model.configMaps, ...model.nodes];
  const o = all.find((x) => x.ref.kind === kind && x.ref.namespace === ns && x.ref.name === name);
  if (!o) throw new Error(`no ${kind} ${ns}/${name}`);
  return o;
}

const meta = (name: string, ns: string, extra: Obj = {}): Obj => ({ name, namespace: ns, ...extra });
const service = (name: string, ns: string, extra: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Service', metadata: meta(name, ns, extra), spec: { selector: { app: name }, ports: [{ port: 80 }] } });
const template = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'i' }] } };
const deployment = (name: string, ns: string, extra: Obj = {}): Obj => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta(name, ns, extra), spec: { template } });
const pod = (name: string, ns: string, extra: Obj = {}): Obj => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(name, ns, extra), spec: { containers: [{ name: 'c', image: 'i' }] } });
const ownedBy = (kind: string, name: string, apiVersion = 'apps/v1', controller = true) => ({ ownerReferences: [{ apiVersion, kind, name, uid: `uid-${name}`, controller }] });

describe('owners of the managed-apps fixture', () => {
  const model = normalize(loadClusterFixture('managed-apps'), { target: 'dual' }).model;

  it('a Helm-installed Deployment and Service, and the Deployment\'s pod, name the release and chart', () => {
    const release = { kind: 'HelmRelease', name: 'orders', namespace: 'retail', via: 'helm', chart: 'orders-3.2.1', release: 'retail/orders' };
    expect(find(model, 'Deployment', 'retail', 'orders').owner).toEqual(release);
    expect(find(model, 'Service', 'retail', 'orders').owner).toEqual(release);
    // Pod → ReplicaSet (absent, named by its pod-template-hash) → Deployment → its release.
    expect(find(model, 'Pod', 'retail', 'orders-5d8f7c9b4-x2x7q').owner).toEqual(release);
  });

  it('Argo CD tracking and Flux labels name the Application and the Kustomization', () => {
    expect(find(model, 'Deployment', 'shop', 'cart').owner).toEqual({ kind: 'Application', name: 'shop', via: 'argocd', app: 'shop' });
    expect(find(model, 'Service', 'shop', 'cart').owner).toEqual({ kind: 'Application', name: 'shop', via: 'argocd', app: 'shop' });
    expect(find(model, 'Service', 'shop', 'catalog').owner).toEqual({ kind: 'Kustomization', name: 'apps', namespace: 'flux-system', via: 'flux' });
  });

  it("a Gateway-generated Service takes its Gateway's owner when the Gateway is in the input, else names the Gateway", () => {
    expect(find(model, 'Service', 'infra', 'public-istio').owner).toEqual({
      kind: 'HelmRelease', name: 'platform', namespace: 'infra', via: 'helm', chart: 'platform-gateway-1.4.0', release: 'infra/platform',
    });
    expect(find(model, 'Service', 'envoy-gateway-system', 'envoy-edge-eg-5e3c2a1b').owner).toEqual({ kind: 'Gateway', name: 'eg', namespace: 'edge', via: 'gateway-api' });
  });

  it('an object nothing manages has no owner', () => {
    expect(find(model, 'Service', 'shop', 'legacy').owner).toBeUndefined();
  });
});

describe('owner resolution', () => {
  it('climbs ownerReferences through objects in the input and stops at an unmanaged top controller', () => {
    const m = modelOf(
      deployment('api', 'app'),
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('api-7f9', 'app', ownedBy('Deployment', 'api')), spec: { template } },
      pod('api-7f9-abcde', 'app', ownedBy('ReplicaSet', 'api-7f9')),
    );
    const top = { kind: 'Deployment', name: 'api', namespace: 'app', via: 'ownerReferences' };
    expect(find(m, 'Deployment', 'app', 'api').owner).toBeUndefined();
    expect(find(m, 'ReplicaSet', 'app', 'api-7f9').owner).toEqual(top);
    expect(find(m, 'Pod', 'app', 'api-7f9-abcde').owner).toEqual(top);
  });

  it("takes a stand-in owner's chart from the pod when the controller is not in the input", () => {
    const m = modelOf(pod('web-6c4-zz', 'web', { labels: { 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'web', 'helm.sh/chart': 'web-1.0.0', 'pod-template-hash': '6c4' }, ...ownedBy('ReplicaSet', 'web-6c4') }));
    expect(find(m, 'Pod', 'web', 'web-6c4-zz').owner).toEqual({ kind: 'HelmRelease', name: 'web', namespace: 'web', via: 'helm', chart: 'web-1.0.0', release: 'web/web' });
  });

  it('an operator-generated Service names its controller; a Node owner (mirror pod) is no owner', () => {
    const m = modelOf(
      service('alertmanager-operated', 'mon', ownedBy('Alertmanager', 'main', 'monitoring.coreos.com/v1')),
      pod('etcd-cp1', 'kube-system', ownedBy('Node', 'cp1', 'v1')),
    );
    expect(find(m, 'Service', 'mon', 'alertmanager-operated').owner).toEqual({ kind: 'Alertmanager', name: 'main', namespace: 'mon', via: 'ownerReferences' });
    expect(find(m, 'Pod', 'kube-system', 'etcd-cp1').owner).toBeUndefined();
  });

  it('prefers the entry marked controller, and survives an ownership cycle', () => {
    const m = modelOf(
      service('s', 'n', { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a' }, { apiVersion: 'example.com/v1', kind: 'Thing', name: 't', controller: true }] }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('a', 'n', ownedBy('ConfigMap', 'b', 'v1')), data: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('b', 'n', ownedBy('ConfigMap', 'a', 'v1')), data: {} },
    );
    expect(find(m, 'Service', 'n', 's').owner).toEqual({ kind: 'Thing', name: 't', namespace: 'n', via: 'ownerReferences' });
    expect(find(m, 'ConfigMap', 'n', 'a').owner?.kind).toBe('ConfigMap');
  });

  it('reads Argo CD apps-in-any-namespace tracking, the instance label, and a Flux HelmRelease with its chart', () => {
    const m = modelOf(
      service('a', 'n', { annotations: { 'argocd.argoproj.io/tracking-id': 'team-a_billing:/Service:n/a' } }),
      service('b', 'n', { labels: { 'argocd.argoproj.io/instance': 'billing', 'helm.sh/chart': 'billing-2.0.0' } }),
      service('c', 'n', {
        labels: { 'helm.toolkit.fluxcd.io/name': 'podinfo', 'helm.toolkit.fluxcd.io/namespace': 'flux-system', 'helm.sh/chart': 'podinfo-6.5.0' },
        annotations: { 'meta.helm.sh/release-name': 'n-podinfo', 'meta.helm.sh/release-namespace': 'n' },
      }),
    );
    expect(find(m, 'Service', 'n', 'a').owner).toEqual({ kind: 'Application', name: 'billing', namespace: 'team-a', via: 'argocd', app: 'billing' });
    expect(find(m, 'Service', 'n', 'b').owner).toEqual({ kind: 'Application', name: 'billing', via: 'argocd', chart: 'billing-2.0.0', app: 'billing' });
    expect(find(m, 'Service', 'n', 'c').owner).toEqual({ kind: 'HelmRelease', name: 'podinfo', namespace: 'flux-system', via: 'flux', chart: 'podinfo-6.5.0', release: 'n/n-podinfo' });
  });

  it('a Helm label without a release name is no owner', () => {
    const m = modelOf(service('s', 'n', { labels: { 'app.kubernetes.io/managed-by': 'Helm' } }));
    expect(find(m, 'Service', 'n', 's').owner).toBeUndefined();
  });
});
