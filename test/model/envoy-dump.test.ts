import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { parseManifestText } from '../../src/sources/manifests.js';

const model = (text: string, file: string) => {
  const parsed = parseManifestText(text, file);
  expect(parsed.errors).toEqual([]);
  return { ...normalize(parsed.objects, { target: 'dual' }), parsed };
};

const ISTIOCTL_YAML = `- name: virtualInbound
  address:
    socketAddress:
      address: 0.0.0.0
      portValue: 15006
  additionalAddresses:
  - address:
      socketAddress:
        address: '::'
        portValue: 15006
  filterChains: []
- name: main_internal
  internalListener: {}
  filterChains: []
`;

const ADMIN_JSON = JSON.stringify({
  configs: [
    { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: { id: 'sidecar~10.244.1.5~cart-7f9-abc.shop~shop.svc.cluster.local', metadata: { NAME: 'cart-7f9-abc', NAMESPACE: 'shop' } } } },
    {
      '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
      static_listeners: [{ listener: { address: { socket_address: { address: '0.0.0.0', port_value: 15090 } } } }],
      dynamic_listeners: [{ name: 'virtualOutbound', active_state: { listener: { name: 'virtualOutbound', address: { socket_address: { address: '0.0.0.0', port_value: 15001 } } } } }],
    },
  ],
}, null, 1);

describe('Envoy listener dumps from -f', () => {
  it('recognises istioctl proxy-config listeners -o yaml by shape and attaches it by file name', () => {
    const { model: m, parsed } = model(ISTIOCTL_YAML, 'dumps/shop.cart-7f9-abc.yaml');
    expect(parsed.notices).toEqual([]);
    const [p] = m.envoyProxies;
    expect(p.pod).toEqual({ namespace: 'shop', name: 'cart-7f9-abc', via: 'file-name' });
    expect(p.listeners.map((l) => [l.name, l.address.text, l.address.port, l.additional.map((a) => a.ip?.canonical), l.path])).toEqual([['virtualInbound', '0.0.0.0', 15006, ['::'], 'dump[0]']]);
    expect(m.availability.envoyProxies).toEqual({ status: 'present' });
  });

  it('reads an admin config_dump: dynamic listeners only, the pod from the node metadata, positions in the file', () => {
    const { model: m } = model(ADMIN_JSON, 'dump.json');
    const [p] = m.envoyProxies;
    expect([p.ref.namespace, p.ref.name, p.pod?.via]).toEqual(['shop', 'cart-7f9-abc', 'node-metadata']);
    expect(p.listeners.map((l) => l.name)).toEqual(['virtualOutbound']);
    const origin = p.origin.kind === 'file' ? p.origin : undefined;
    const pos = origin?.locator?.find(['dump', 'configs', 1, 'dynamic_listeners', 0]);
    expect(pos?.line).toBe(ADMIN_JSON.split('\n').findIndex((l) => l.includes('"dynamic_listeners"')) + 2);
  });

  it('leaves other sequences and mappings to the Kubernetes reader', () => {
    const { parsed } = model('- a\n- b\n---\nfoo: 1\n', 'x.yaml');
    expect(parsed.objects).toEqual([]);
    expect(parsed.notices.map((n) => n.message)).toEqual([
      'document 1 is a sequence, not a Kubernetes object; skipped',
      'document 2 is not a Kubernetes object (no apiVersion/kind); skipped',
    ]);
  });
});
