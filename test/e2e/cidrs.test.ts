import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';

const FIXTURE = 'fixtures/address-plan/dual-stack.yaml';
const golden = (name: string) => readFileSync(join(ROOT, 'fixtures', 'address-plan', name), 'utf8');

describe('dsaudit cidrs', () => {
  it('prints the address map as a table by default', () => {
    const r = dsaudit(['cidrs', '-f', FIXTURE, '--color', 'never']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(golden('expected.table.txt'));
  });

  it('renders Markdown and JSON', () => {
    expect(dsaudit(['cidrs', '-f', FIXTURE, '-o', 'markdown']).stdout).toBe(golden('expected.md'));
    expect(dsaudit(['cidrs', '-f', FIXTURE, '-o', 'json']).stdout).toBe(golden('expected.json'));
  });

  it('colours only on request', () => {
    expect(dsaudit(['cidrs', '-f', FIXTURE, '--color', 'always']).stdout).toMatch(/\u001b\[/);
    expect(dsaudit(['cidrs', '-f', FIXTURE]).stdout).not.toMatch(/\u001b\[/);
  });

  it('adds --external-cidr and config-file networks to the map', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dsaudit-cidrs-'));
    writeFileSync(join(cwd, '.dsaudit.yaml'), 'externalNetworks:\n  - name: branch\n    cidr: 10.244.0.0/20\n');
    const r = dsaudit(['cidrs', '-f', join(ROOT, FIXTURE), '--external-cidr', 'lab=fd00:10:96::/104', '-o', 'json'], { cwd });
    expect(r.code).toBe(0);
    const fam = JSON.parse(r.stdout).clusters[0].families;
    const messages = fam.flatMap((f: { collisions: { message: string }[] }) => f.collisions.map((c) => c.message));
    expect(messages).toContain('external network branch 10.244.0.0/20 overlaps node range 10.244.0.0/24 (Node cp-1)');
    expect(messages).toContain('external network lab fd00:10:96::/104 overlaps service range fd00:10:96::/112 (kube-apiserver --service-cluster-ip-range (Pod kube-system/kube-apiserver-cp-1))');
  });

  it('rejects unknown formats and invalid external networks (exit 2)', () => {
    const bad = dsaudit(['cidrs', '-f', FIXTURE, '-o', 'sarif']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown cidrs output "sarif"/);
    const cidr = dsaudit(['cidrs', '-f', FIXTURE, '--external-cidr', 'vpn=10.0.0.0/33']);
    expect(cidr.code).toBe(2);
    expect(cidr.stderr).toMatch(/--external-cidr vpn=10.0.0.0\/33/);
  });

  it('exits 2 on unreadable input and still maps the rest', () => {
    const r = dsaudit(['cidrs', '-f', FIXTURE, '-f', 'fixtures/inputs/invalid.yaml', '-o', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).clusters[0].families).toHaveLength(2);
  });
});

describe('address planning through scan', () => {
  it('scan -o json carries the same map under addressPlan', () => {
    const scan = JSON.parse(dsaudit(['scan', '-f', FIXTURE, '-o', 'json']).stdout);
    expect(scan.addressPlan).toEqual(JSON.parse(golden('expected.json')));
  });

  it('reports a service range inside a declared on-prem network (DS203) and the node address inside it (DS202)', () => {
    const r = dsaudit(['scan', '-f', FIXTURE, '--external-cidr', 'on-prem-dc=10.96.0.0/12', '-o', 'json']);
    const hits = JSON.parse(r.stdout).findings.filter((f: { code: string }) => ['DS202', 'DS203'].includes(f.code)).map((f: { code: string; message: string }) => `${f.code} ${f.message}`);
    expect(hits.sort()).toEqual([
      'DS202 node address 10.96.7.22 (InternalIP) lies inside service range 10.96.0.0/16 (kube-apiserver --service-cluster-ip-range (Pod kube-system/kube-apiserver-cp-1))',
      'DS203 service range 10.96.0.0/16 (kube-apiserver --service-cluster-ip-range (Pod kube-system/kube-apiserver-cp-1)) overlaps external network on-prem-dc 10.96.0.0/12 (--external-cidr)',
      'DS203 service range 10.100.0.0/24 (ServiceCIDR extra-v4 spec.cidrs) overlaps external network 10.100.0.0/16 (ExternalNetwork on-prem)',
      'DS203 service range 10.100.0.0/24 (ServiceCIDR extra-v4 spec.cidrs) overlaps external network on-prem-dc 10.96.0.0/12 (--external-cidr)',
    ].sort());
  });

  it('flags the kind config whose controller-manager patch drops IPv6 (DS211)', () => {
    const r = dsaudit(['scan', '-f', 'fixtures/rules/cidr-config-inconsistent/fail-kind-patch-ipv4-only.yaml', '-o', 'json']);
    const ds211 = JSON.parse(r.stdout).findings.filter((f: { code: string }) => f.code === 'DS211');
    expect(ds211.map((f: { severity: string; object: { kind: string; name: string } }) => `${f.severity} ${f.object.kind} ${f.object.name}`)).toEqual(['error Cluster dual']);
    expect(ds211[0].message).toMatch(/^pod ranges 10\.244\.0\.0\/16,fd00:10:244::\/56 \(Cluster \(.*\) networking\.ipFamily dual default\) differ from 10\.244\.0\.0\/16 \(.*kubeadmConfigPatches controllerManager\.extraArgs cluster-cidr\)$/);
  });
});
