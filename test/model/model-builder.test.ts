import { describe, expect, it } from 'vitest';
import { ModelBuilder, normalize } from '../../src/model/normalize.js';
import type { RawObject } from '../../src/sources/types.js';
import { clusterRaw } from '../helpers/fleet-tester.js';
import { loadClusterFixture } from '../helpers/rule-tester.js';

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
