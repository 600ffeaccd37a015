import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsauditAsync } from '../helpers/cli.js';
import { FakeApiServer, writeKubeconfig, type Fault } from '../helpers/fake-apiserver.js';
import { loadClusterFixture, ROOT } from '../helpers/rule-tester.js';

const NAME = 'istio-sidecars-single-stack';
const servers: FakeApiServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** The fixture's objects as the API server stores them (the listener dump is istiod's answer, not an object). */
const objects = () => loadClusterFixture(NAME).filter((r) => r.kind !== 'EnvoyConfigDump').map((r) => structuredClone(r.body) as Record<string, unknown>);
/** istiod's /debug/config_dump for the fixture's one proxy, built from the fixture's captured listeners. */
const listeners = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'clusters', NAME, 'shop.cart-5d8f7-x2kq9.json'), 'utf8')) as unknown[];
const istiod = (_path: string, query: Readonly<Record<string, string>>) =>
  query.proxyID === 'cart-5d8f7-x2kq9.shop'
    ? { status: 200, body: { configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', dynamicListeners: listeners.map((l) => ({ name: (l as { name: string }).name, activeState: { listener: l } })) }] } }
    : { status: 404, body: 'proxy not connected' };

async function live(faults: Record<string, Fault> = {}, flags: readonly string[] = ['--mesh-listeners']) {
  const server = await FakeApiServer.start({ objects: objects(), faults, serviceProxy: { 'istio-system/http:istiod:15014': istiod } });
  servers.push(server);
  const kc = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'dsaudit-mesh-')), 'config'), server, [{ name: 'kind-mesh' }], 'kind-mesh');
  const r = await dsauditAsync(['scan', '--kubeconfig', kc, ...flags, '-o', 'json']);
  return { r, server, out: JSON.parse(r.stdout) as { findings: { ruleId: string; object: { kind: string; namespace?: string; name: string } }[]; notAssessed: { ruleId: string; reason: string }[] } };
}

describe('live scan with --mesh-listeners (fake API server, captured istiod response)', () => {
  it('reads the proxy\'s listeners from istiod and finds what the offline scan with the dump finds', async () => {
    const { r, out } = await live();
    expect(r.stderr).toBe('');
    const listenerFindings = out.findings.filter((f) => f.object.kind === 'EnvoyConfigDump').map((f) => `${f.ruleId} ${f.object.namespace}/${f.object.name}`).sort();
    expect(listenerFindings).toEqual(['istio-listener-missing-additional-address shop/cart-5d8f7-x2kq9', 'istio-wildcard-listener-single-family shop/cart-5d8f7-x2kq9']);
  });

  it('without --mesh-listeners, a dump given with --envoy-dump is audited with the live cluster', async () => {
    const dump = join(ROOT, 'fixtures', 'clusters', NAME, 'shop.cart-5d8f7-x2kq9.json');
    const { r, server, out } = await live({}, ['--envoy-dump', `shop/cart-5d8f7-x2kq9=${dump}`]);
    expect(r.stderr).toBe('');
    expect(server.requests.filter((q) => q.subresource === 'proxy')).toEqual([]);
    expect(out.findings.filter((f) => f.object.kind === 'EnvoyConfigDump').map((f) => f.ruleId).sort()).toEqual(['istio-listener-missing-additional-address', 'istio-wildcard-listener-single-family']);
  });

  it('without either, the listener rules say how to read listeners', async () => {
    const { out } = await live({}, []);
    const na = out.notAssessed.filter((n) => n.ruleId.includes('listener'));
    expect(na).toHaveLength(2);
    for (const n of na) expect(n.reason).toContain('scan with --mesh-listeners');
  });

  it('says the listener rules were not assessed, with istiod\'s refusal, when the service proxy is forbidden', async () => {
    const { out } = await live({ 'services/proxy': { forbid: true } });
    const na = out.notAssessed.filter((n) => n.ruleId.startsWith('istio-') && n.ruleId.includes('listener'));
    expect(na.map((n) => n.ruleId).sort()).toEqual(['istio-listener-missing-additional-address', 'istio-wildcard-listener-single-family']);
    for (const n of na) expect(n.reason).toContain('refused the config dump of shop/cart-5d8f7-x2kq9 (HTTP 403)');
  });
});
