import { describe, expect, it } from 'vitest';
import { ModelBuilder, normalize } from '../../src/model/normalize.js';
import type { RawObject } from '../../src/model/input.js';
import { clusterRaw } from '../helpers/fleet-tester.js';
import { loadClusterFixture } from '../helpers/rule-tester.js';
import { controlPlanePod } from '../helpers/builders.js';

/** The objects of a fixture as a live read hands them over: cluster origin, pages in any order. */
function livePages(): RawObject[][] {
  const raw = clusterRaw('kind-dev', loadClusterFixture('dual-stack-healthy').map((r) => r.body as Record<string, unknown>))
    .map((r): RawObject => ({ ...r, origin: { kind: 'cluster', cluster: 'kind-dev' } }));
  return [raw.slice(5), raw.slice(0, 2), raw.slice(2, 5)];
}

describe('ModelBuilder', () => {
  it('builds from pages in any order the same model normalize builds from the whole input', () => {
    const pages = livePages();
    const whole = normalize(pages.flat(), { target: 'dual', cluster: 'kind-dev', availability: { pods: { status: 'present' } } });
    const builder = new ModelBuilder({ target: 'dual' });
    for (const page of [...pages].reverse()) for (const raw of page) builder.add(raw);
    const built = builder.build({ cluster: 'kind-dev', availability: { pods: { status: 'present' } } });
    const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
    expect(text(built.model)).toBe(text(whole.model));
    expect(built.model.pods.length).toBeGreaterThan(0);
    expect(built.model.cluster).toBe('kind-dev');
  });
});

describe('Kubernetes version', () => {
  const apiserver = (): RawObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    body: controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/108' }) as Record<string, unknown>,
    origin: { kind: 'cluster', cluster: 'prod' },
  });

  it("takes the API server's /version answer before the static pod's image", () => {
    const { model } = normalize([apiserver()], { target: 'dual', serverVersion: 'v1.35.2' });
    expect(model.clusterNetwork.version).toEqual({ major: 1, minor: 35, text: '1.35', source: 'API server /version v1.35.2' });
    // From 1.35 both allocator gates are locked on: the bitmap limits no longer apply.
    expect(model.clusterNetwork.serviceAllocator).toEqual({ legacy: false, basis: 'Kubernetes 1.35, API server /version v1.35.2' });
  });

  it('falls back to the image without a /version answer', () => {
    const { model } = normalize([apiserver()], { target: 'dual' });
    expect(model.clusterNetwork.version?.source).toBe('kube-apiserver image');
    expect(model.clusterNetwork.serviceAllocator.legacy).toBe(true);
  });
});
