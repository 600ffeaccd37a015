import { describe, expect, it } from 'vitest';
import { buildDiff } from '../../src/plan/diff.js';
import { node, svc } from '../helpers/builders.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

describe('what the diff compares', () => {
  it('objects of a collection only one reading holds are not compared: no false "new", no false loss', () => {
    // Manifests (no Nodes) against a reading that has them: its Node is not "new".
    const before = modelOf(rawObjects([svc({ name: 'web', clusterIPs: ['10.96.0.20'] })]));
    const after = modelOf(rawObjects([node('n1', ['10.244.0.0/24']), svc({ name: 'web', clusterIPs: ['10.96.0.20'] }), svc({ name: 'api', clusterIPs: ['10.96.0.21'] })]));
    const d = buildDiff(before, after, 'dual');
    expect(d.changes.map((c) => `${c.kind} ${c.object}`)).toEqual(['new-single Service default/api']);
    expect(d.notCompared).toEqual([{ collection: 'nodes', side: 'before', status: 'absent', reason: expect.any(String) as string }]);
    // Absent from a manifest set is no refusal: the diff is complete and may say "no regressions".
    expect(d.complete).toBe(true);
    expect(d.progress.find((p) => p.section === 'nodes')?.before ?? null).toBeNull();
  });

  it('a collection neither reading holds is no gap', () => {
    const m = modelOf(rawObjects([svc({ name: 'web', clusterIPs: ['10.96.0.20'] })]));
    expect(buildDiff(m, m, 'dual').notCompared).toEqual([]);
  });
});
