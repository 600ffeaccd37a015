import { mkdtempSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEnvoyDumpFlag } from '../../src/sources/envoy-dump-files.js';
import { dsaudit } from '../helpers/cli.js';
import { ROOT } from '../helpers/rule-tester.js';

const CLUSTER = 'fixtures/clusters/istio-sidecars-single-stack';

describe('--envoy-dump NAMESPACE/POD=FILE', () => {
  it('parses the flag, Pod names with dots included', () => {
    expect(parseEnvoyDumpFlag('shop/cart-5d8f7.x=dumps/a=b.json')).toEqual({ namespace: 'shop', pod: 'cart-5d8f7.x', file: 'dumps/a=b.json' });
    for (const bad of ['cart=x.json', 'Shop/cart=x.json', 'shop/cart=', 'shop/=x.json']) expect(parseEnvoyDumpFlag(bad)).toBeUndefined();
  });

  it('attaches a dump whose file name says nothing to the named Pod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-envoy-'));
    copyFileSync(join(ROOT, CLUSTER, 'shop.cart-5d8f7-x2kq9.json'), join(dir, 'capture.json'));
    const r = dsaudit(['scan', '-f', `${CLUSTER}/cluster.yaml`, '-f', `${CLUSTER}/istio.yaml`, '--envoy-dump', `shop/cart-5d8f7-x2kq9=${join(dir, 'capture.json')}`, '-o', 'json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    const mesh = out.findings.filter((f: { ruleId: string }) => f.ruleId.startsWith('istio-') && f.object.kind === 'EnvoyConfigDump');
    expect(mesh.map((f: { ruleId: string; object: { namespace: string; name: string } }) => `${f.ruleId} ${f.object.namespace}/${f.object.name}`).sort()).toEqual([
      'istio-listener-missing-additional-address shop/cart-5d8f7-x2kq9',
      'istio-wildcard-listener-single-family shop/cart-5d8f7-x2kq9',
    ]);
  });

  it('a malformed flag or a file that is no Envoy dump exits 2 with one line, other inputs still audited', () => {
    const bad = dsaudit(['scan', '-f', `${CLUSTER}/cluster.yaml`, '--envoy-dump', 'cart=x.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('dsaudit: error: --envoy-dump must be NAMESPACE/POD=FILE (got "cart=x.json")');
    const dir = mkdtempSync(join(tmpdir(), 'dsaudit-envoy-'));
    writeFileSync(join(dir, 'svc.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n');
    const notDump = dsaudit(['scan', '-f', `${CLUSTER}/istio.yaml`, '--envoy-dump', `shop/cart=${join(dir, 'svc.yaml')}`, '-o', 'json']);
    expect(notDump.code).toBe(2);
    expect(notDump.stderr).toContain('--envoy-dump: not an Envoy listener dump');
    expect(notDump.stderr.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(notDump.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'istio-proxy-not-dual-stack')).toBe(true);
  });
});
