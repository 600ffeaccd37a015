import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { PLAN_SCHEMA_FILE, planSchemaErrors } from '../helpers/report-schema.js';

const BEFORE = 'fixtures/plan/ipv4-to-dual/before.json';
const MID = 'fixtures/plan/ipv4-to-dual/mid-migration.json';
const PRIMARY = 'fixtures/plan/primary-to-ipv6/snapshot.json';
const ROLLBACK = 'fixtures/scenarios/rollback-to-ipv4/cluster.yaml';

interface Step { number: number; title: string; status: string; progress: { done: number; total: number; unit: string; percent: number } | null; resolves: { code: string; count: number }[]; actions: { text: string; command?: string; object?: string }[] }
interface Section { name: string; title: string; progress: Step['progress']; steps: Step[] }
interface Cluster { cluster: string | null; families: string[]; added: string[]; removed: string[]; complete: boolean; sections: Section[] }

function plan(args: string[]): { goal: string; scenario: string; clusters: Cluster[] } {
  const r = dsaudit(['plan', '-o', 'json', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(planSchemaErrors(out)).toEqual([]);
  return out;
}

/** `section:status` per step, in plan order. */
function outline(c: Cluster): string[] {
  return c.sections.flatMap((s) => s.steps.map((st) => `${st.number} ${s.name} ${st.status}`));
}

function section(c: Cluster, name: string): Section {
  const s = c.sections.find((x) => x.name === name);
  if (!s) throw new Error(`no section ${name}`);
  return s;
}

const pct = (p: Step['progress']) => (p ? `${p.done}/${p.total} ${p.percent}%` : null);

describe('dsaudit plan: an IPv4 cluster to dual-stack', () => {
  it('before anything changed: ranges proposed that fit, kubeadm-config first, every Node listed for re-registration', () => {
    const [c] = plan(['-f', BEFORE, '--to', 'dual']).clusters;
    expect(c.families).toEqual(['IPv4', 'IPv6']);
    expect(c.added).toEqual(['IPv6']);
    expect(c.sections.map((s) => s.name)).toEqual(['prerequisites', 'ranges', 'control-plane', 'nodes', 'workloads', 'services', 'dns', 'verify', 'rollback']);
    const ipv6 = section(c, 'ranges').steps[1];
    expect(ipv6.status).toBe('todo');
    expect(ipv6.title).toBe('IPv6 ranges — add pods fd00:10:244::/56 and Services fd00:10:96::/112');
    const cp = section(c, 'control-plane').steps.map((s) => s.title);
    expect(cp[0]).toMatch(/^kubeadm-config first.*podSubnet: 10\.244\.0\.0\/16,fd00:10:244::\/56, networking\.serviceSubnet: 10\.96\.0\.0\/16,fd00:10:96::\/112$/);
    expect(cp[1]).toBe('kube-apiserver on cp-1: --service-cluster-ip-range=10.96.0.0/16,fd00:10:96::/112');
    expect(cp[2]).toContain('kube-controller-manager on cp-1: --cluster-cidr=10.244.0.0/16,fd00:10:244::/56');
    const nodes = section(c, 'nodes').steps[0];
    expect(nodes.actions.map((a) => a.object)).toEqual(['Node cp-1', 'Node worker-1', 'Node worker-2']);
    expect(nodes.actions[2].command).toBe('kubectl drain worker-2 --ignore-daemonsets --delete-emptydir-data && kubectl delete node worker-2');
    // No rule reports these Nodes on an IPv4 cluster (DS107 needs a second cluster CIDR); the plan lists them from the model.
    expect(nodes.resolves).toEqual([]);
    expect(pct(nodes.progress)).toBe('0/3 0%');
    expect(pct(section(c, 'services').progress)).toBe('0/4 0%');
    // The cluster DNS Service is the DNS section's (the input has no CoreDNS Corefile: one step).
    expect(section(c, 'dns').steps.map((s) => [s.title, s.status, pct(s.progress)])).toEqual([['Cluster DNS Service kube-system/kube-dns: dual-stack', 'todo', '1/2 50%']]);
    expect(c.complete).toBe(false);
  });

  it('mid-migration: done steps stay, shown as done, and progress counts what is left', () => {
    const [c] = plan(['-f', MID]).clusters;
    expect(outline(c)).toEqual([
      '1 prerequisites done', '2 prerequisites check',
      '3 ranges done', '4 ranges done',
      '5 control-plane done', '6 control-plane done', '7 control-plane done',
      '8 nodes todo', '9 nodes todo',
      '10 workloads todo',
      '11 services todo', '12 services todo',
      '13 dns done',
      '14 verify check',
      '15 rollback todo', '16 rollback todo', '17 rollback todo',
    ]);
    expect(section(c, 'rollback').steps.map((s) => s.resolves[0].code)).toEqual(['DS303', 'DS304', 'DS308']);
    const nodes = section(c, 'nodes').steps[0];
    expect(pct(nodes.progress)).toBe('1/3 33%');
    expect(nodes.actions.map((a) => a.object)).toEqual(['Node cp-1', 'Node worker-2']);
    expect(pct(section(c, 'services').progress)).toBe('1/4 25%');
    const [unmanaged, helm] = section(c, 'services').steps;
    expect(unmanaged.title).toBe('Services in namespace shop');
    expect(unmanaged.actions).toEqual([{ object: 'Service shop/cart', text: 'set ipFamilyPolicy: PreferDualStack', command: 'kubectl patch service cart -n shop --type merge -p \'{"spec":{"ipFamilyPolicy":"PreferDualStack"}}\'' }]);
    // A Helm-managed Service gets no patch: the next upgrade would revert it.
    expect(helm.title).toBe('Services in namespace shop managed by Helm release shop/storefront (chart storefront-2.3.1)');
    expect(helm.actions.every((a) => a.command === undefined && a.text.includes('chart storefront-2.3.1'))).toBe(true);
    const workloads = section(c, 'workloads').steps[0];
    expect(pct(workloads.progress)).toBe('1/4 25%');
    expect(workloads.actions.map((a) => a.command ?? a.object)).toEqual(['kubectl rollout restart deployment/cart -n shop', 'Pod shop/debug']);
  });

  it('the terminal shows checkboxes and progress; markdown is a change ticket', () => {
    const t = dsaudit(['plan', '-f', MID, '--color', 'never']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('Services — 1 of 4 Services dual-stack — 25 %');
    expect(t.stdout).toContain('Cluster DNS — 1 of 1 DNS steps done — 100 %\n  [x] 13. Cluster DNS Service kube-system/kube-dns: dual-stack');
    expect(t.stdout).toContain('  [x] 5. kubeadm-config first');
    expect(t.stdout).toContain('  [ ] 8. Re-register Nodes whose podCIDRs are not IPv4 and IPv6');
    expect(t.stdout).toContain('  [?] 2. Confirm the CNI');
    const m = dsaudit(['plan', '-f', MID, '-o', 'markdown']);
    expect(m.stdout).toContain('### Services — 1 of 4 Services dual-stack — 25 %');
    expect(m.stdout).toContain('- [ ] **11.** Services in namespace shop');
    expect(m.stdout).toContain('### Cluster DNS — 1 of 1 DNS steps done — 100 %');
    expect(m.stdout).toContain('- [x] **13.** Cluster DNS Service kube-system/kube-dns: dual-stack');
  });

  it('is deterministic', () => {
    expect(dsaudit(['plan', '-f', MID, '-o', 'json']).stdout).toBe(dsaudit(['plan', '-f', MID, '-o', 'json']).stdout);
  });
});

describe('dsaudit plan: changing the primary family', () => {
  it('Nodes are deleted before the flags change, Services that cannot be patched are recreated', () => {
    const [c] = plan(['-f', PRIMARY, '--to', 'ipv6-primary']).clusters;
    expect(c.families).toEqual(['IPv6', 'IPv4']);
    expect(c.sections.map((s) => s.name)).toEqual(['prerequisites', 'ranges', 'nodes', 'control-plane', 'services', 'dns', 'verify', 'rollback']);
    const nodes = section(c, 'nodes').steps[0];
    expect(nodes.actions.map((a) => a.object)).toEqual(['Node cp-1', 'Node worker-2']);
    expect(nodes.resolves).toEqual([expect.objectContaining({ code: 'DS304', count: 2 })]);
    expect(section(c, 'control-plane').steps[0].title).toContain('podSubnet: fd00:10:244::/56,10.244.0.0/16');
    expect(pct(section(c, 'services').progress)).toBe('1/3 33%');
    const [dns, clusterDns] = section(c, 'dns').steps[0].actions;
    expect(dns).toEqual({ object: 'Service kube-system/kube-dns', text: expect.stringContaining('cannot be changed in place') });
    // Recreating it changes the address kubelet clusterDNS names, unless the new Service asks for it back.
    expect(clusterDns.text).toContain('spec.clusterIPs: [<IPv6 address>, 10.96.0.10]');
    expect(section(c, 'rollback').steps.map((s) => s.resolves[0].code)).toEqual(['DS304', 'DS305']);
  });
});

describe('dsaudit plan: a rollback', () => {
  it('--rollback-to ipv4: Services and Nodes before the flags, stale EndpointSlices deleted', () => {
    const out = plan(['-f', ROLLBACK, '--rollback-to', 'ipv4']);
    expect(out.goal).toBe('ipv4');
    expect(out.scenario).toBe('rollback to IPv4 (IPv6 removed)');
    const [c] = out.clusters;
    expect(c.removed).toEqual(['IPv6']);
    expect(c.sections.map((s) => s.name)).toEqual(['prerequisites', 'services', 'dns', 'nodes', 'control-plane', 'verify']);
    const services = section(c, 'services');
    expect(services.steps.flatMap((s) => s.resolves.map((r) => `${r.code}×${r.count}`))).toEqual(['DS302×1', 'DS301×2', 'DS306×1']);
    expect(section(c, 'dns').steps[0].resolves.map((r) => `${r.code}×${r.count}`)).toEqual(['DS303×1', 'DS308×1']);
    expect(services.steps[0].actions[0]).toEqual({ object: 'Service shop/cart', text: expect.stringContaining('delete and recreate it with ipFamilyPolicy: SingleStack, ipFamilies: [IPv4]') });
    expect(section(c, 'nodes').steps[0].actions.map((a) => a.object)).toEqual(['Node cp-1', 'Node worker-1']);
  });

  it('a rollbackTo in .dsaudit.yaml is the goal when no --to or --rollback-to is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-plan-'));
    writeFileSync(join(dir, '.dsaudit.yaml'), 'rollbackTo: ipv4\n');
    const r = dsaudit(['plan', '-o', 'json', '-f', resolve(ROLLBACK)], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toMatchObject({ goal: 'ipv4', scenario: 'rollback to IPv4 (IPv6 removed)' });
    const flag = dsaudit(['plan', '-o', 'json', '-f', resolve(ROLLBACK), '--to', 'dual'], { cwd: dir });
    expect([flag.code, flag.stderr.trim()]).toEqual([2, 'dsaudit: error: --target dual keeps both families, --rollback-to removes IPv6 (rollbackTo from the config file)']);
  });

  it('contradictions and unknown stacks exit 2 with one line', () => {
    const a = dsaudit(['plan', '-f', ROLLBACK, '--to', 'dual', '--rollback-to', 'ipv4']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/^dsaudit: error: --to dual and --rollback-to ipv4 disagree/);
    const b = dsaudit(['plan', '-f', ROLLBACK, '--to', 'ipv6-only']);
    expect(b.code).toBe(2);
    expect(b.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('the plan JSON Schema', () => {
  it('is published by `dsaudit schema plan`', () => {
    const r = dsaudit(['schema', 'plan']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(PLAN_SCHEMA_FILE, 'utf8'));
  });

  it('catches a renamed and an undeclared field', () => {
    const out = plan(['-f', MID]);
    const renamed = { ...out, clusters: out.clusters.map(({ sections, ...c }) => ({ ...c, phases: sections })) };
    expect(planSchemaErrors(renamed).join('\n')).toMatch(/sections|phases/);
    expect(planSchemaErrors({ ...out, goal: 'dualstack' })).not.toEqual([]);
  });
});
