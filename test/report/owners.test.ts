import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/result.js';
import type { Owner } from '../../src/model/types.js';
import { ownerFix, ownerText, ruleCounts, topOwners } from '../../src/report/owners.js';
import { canonical } from '../helpers/report-fixtures.js';

const base = canonical.findings[2];
const helm: Owner = { kind: 'HelmRelease', name: 'orders', namespace: 'retail', via: 'helm', chart: 'orders-3.2.1', release: 'retail/orders' };
const gw: Owner = { kind: 'Gateway', name: 'public', namespace: 'infra', via: 'gateway-api' };
const f = (code: string, severity: Finding['severity'], owner: Owner | undefined, extra: Partial<Finding> = {}): Finding =>
  ({ ...base, code, severity, suppressed: null, baselined: false, ...(owner ? { owner } : { owner: undefined }), ...extra });

describe('owners in reports', () => {
  it('names the owner and says where the fix goes and why a patch does not last', () => {
    expect(ownerText(helm)).toBe('Helm release retail/orders (chart orders-3.2.1)');
    expect(ownerFix(helm)).toBe('change it in chart orders-3.2.1 (release retail/orders); a kubectl patch is reverted by the next helm upgrade');
    expect(ownerText(gw)).toBe('Gateway infra/public');
    expect(ownerFix(gw)).toContain('the Gateway controller regenerates this object');
  });

  it('ranks owners by error and warning findings, leaving out info, suppressed, baselined and unmanaged ones', () => {
    const top = topOwners([
      f('DS101', 'warning', gw),
      f('DS101', 'warning', helm),
      f('DS121', 'warning', helm),
      f('DS101', 'warning', helm),
      f('DS102', 'info', gw),
      f('DS102', 'error', gw, { suppressed: { kind: 'config', reason: 'r' } }),
      f('DS102', 'error', gw, { baselined: true }),
      f('DS100', 'error', undefined),
    ]);
    expect(top.map((t) => [ownerText(t.owner), t.error, t.warning, ruleCounts(t)])).toEqual([
      ['Helm release retail/orders (chart orders-3.2.1)', 0, 3, 'DS101 ×2, DS121'],
      ['Gateway infra/public', 0, 1, 'DS101'],
    ]);
  });

  it('counts one release per chart it renders', () => {
    const top = topOwners([f('DS101', 'warning', helm), f('DS101', 'warning', { ...helm, chart: 'orders-db-1.0.0' })]);
    expect(top.map((t) => ownerText(t.owner))).toEqual(['Helm release retail/orders (chart orders-3.2.1)', 'Helm release retail/orders (chart orders-db-1.0.0)']);
  });

  it('lists at most ten owners, more findings first, then by name', () => {
    const owners = Array.from({ length: 12 }, (_, i): Owner => ({ kind: 'Deployment', name: `app-${String(i).padStart(2, '0')}`, namespace: 'n', via: 'ownerReferences' }));
    const findings = owners.flatMap((o, i) => (i === 11 ? [f('DS101', 'error', o), f('DS101', 'error', o)] : [f('DS101', 'warning', o)]));
    const top = topOwners(findings);
    expect(top).toHaveLength(10);
    expect(top.map((t) => t.owner.name)).toEqual(['app-11', 'app-00', 'app-01', 'app-02', 'app-03', 'app-04', 'app-05', 'app-06', 'app-07', 'app-08']);
  });
});
