import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { reportSchemaErrors } from '../helpers/report-schema.js';

const CLUSTER = 'fixtures/scenarios/rollback-to-ipv4';

interface JsonFinding { code: string; severity: string; messageId: string; message: string; object: { kind: string; namespace: string | null; name: string } }

function findings(args: string[]): { code: number; rows: string[]; out: { scenario: Record<string, unknown>; target: string; findings: JsonFinding[] } } {
  const r = dsaudit(['scan', '-f', CLUSTER, '-o', 'json', ...args]);
  expect(r.stderr).toBe('');
  const out = JSON.parse(r.stdout);
  expect(reportSchemaErrors(out)).toEqual([]);
  const rows = out.findings
    .filter((f: JsonFinding) => f.code.startsWith('DS3'))
    .map((f: JsonFinding) => `${f.code} ${f.severity} ${f.messageId} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`);
  return { code: r.code, rows, out };
}

describe('rollback scenarios end to end', () => {
  it('--rollback-to ipv4: every hazard at its catalog severity, Helm named, exit 1', () => {
    const { code, rows, out } = findings(['--rollback-to', 'ipv4']);
    expect(rows).toEqual([
      'DS304 error holdsRemoved Node cp-1',
      'DS304 error holdsRemoved Node worker-1',
      'DS302 error mustRecreate Service shop/cart',
      'DS301 error rejectsUpdates Service shop/api',
      'DS301 error rejectsUpdates Service shop/search',
      'DS308 warning kubeDnsIp Service kube-system/kube-dns',
      'DS306 warning staysBehind EndpointSlice shop/cart-v6x7k',
      'DS303 warning silentlyKept Service kube-system/kube-dns',
    ]);
    expect(out.findings.find((f) => f.code === 'DS301')?.message).toContain('Helm release shop/storefront');
    expect(out.findings.find((f) => f.code === 'DS302')?.message).toContain('clusterIPs[0] fd00:10:96::2a is IPv6');
    // kubeadm-config was edited for the rollback while the controller-manager still allocates IPv6.
    expect(out.findings.some((f) => f.code === 'DS211' && f.object.name === 'kubeadm-config')).toBe(true);
    expect(out.target).toBe('ipv4');
    expect(out.scenario).toMatchObject({ rollbackTo: 'IPv4', named: true, removedFamily: 'IPv6' });
    expect(code).toBe(1);
  });

  it('without a scenario the same hazards are info, and the gate does not fail on them', () => {
    const { rows, out } = findings(['--fail-on', 'warning', '--disable', 'DS211,DS103,DS104,DS108']);
    expect(rows.every((r) => r.split(' ')[1] === 'info')).toBe(true);
    expect(rows).toHaveLength(8);
    expect(out.scenario).toMatchObject({ named: false, removedFamily: 'IPv6', rollbackTo: null });
  });

  it('--target ipv6-primary: the planned primary change and every IPv4-first node', () => {
    const { rows } = findings(['--target', 'ipv6-primary']);
    expect(rows).toEqual([
      'DS305 error planned Service default/kubernetes',
      'DS304 error wrongFirst Node cp-1',
      'DS304 error wrongFirst Node worker-1',
      'DS304 error wrongFirst Node worker-2',
    ]);
  });

  it('the table names the scenario', () => {
    const r = dsaudit(['scan', '-f', CLUSTER, '--target', 'ipv6-only', '--color', 'never']);
    expect(r.stdout).toContain('target: ipv6 · scenario: target ipv6-only: rollback to IPv6 (IPv4 removed)');
    expect(r.code).toBe(1);
  });

  it('a contradictory scenario is one line and exit 2', () => {
    const r = dsaudit(['scan', '-f', CLUSTER, '--target', 'dual', '--rollback-to', 'ipv4']);
    expect(r.stderr).toBe('dsaudit: error: --target dual keeps both families, --rollback-to removes IPv6\n');
    expect(r.code).toBe(2);
    expect(dsaudit(['scan', '-f', CLUSTER, '--new-primary', 'v6']).code).toBe(2);
  });
});
