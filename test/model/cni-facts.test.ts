import { describe, expect, it } from 'vitest';
import { parseGoBool } from '../../src/model/config/go-bool.js';
import { normalize } from '../../src/model/normalize.js';
import { rawObjects } from '../helpers/rule-tester.js';

const cm = (name: string, namespace: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data });
const build = (objects: Record<string, unknown>[]) => normalize(rawObjects(objects), { target: 'dual' });

describe('parseGoBool (strconv.ParseBool)', () => {
  it('accepts exactly Go\'s spellings', () => {
    for (const t of ['1', 't', 'T', 'TRUE', 'true', 'True', true]) expect(parseGoBool(t)).toBe(true);
    for (const f of ['0', 'f', 'F', 'FALSE', 'false', 'False', false]) expect(parseGoBool(f)).toBe(false);
    for (const x of ['yes', 'on', ' true', 'tRUE', '', undefined, null]) expect(parseGoBool(x)).toBeUndefined();
  });
});

describe('CNI facts', () => {
  it('puts every CNI into one shape', () => {
    const { model } = build([
      cm('cilium-config', 'kube-system', { 'enable-ipv6': 'true', 'cluster-pool-ipv4-cidr': '10.0.0.0/8 10.128.0.0/9', 'cluster-pool-ipv6-cidr': 'fd00::/104' }),
      cm('kube-flannel-cfg', 'kube-flannel', { 'net-conf.json': '{"Network": "10.244.0.0/16", "Backend": {"Type": "vxlan"}}' }),
    ]);
    expect(model.cni.configs.map((c) => [c.plugin, c.families, c.pools.map((p) => `${p.cidr.text}:${p.block?.size}`)])).toEqual([
      ['cilium', ['IPv4', 'IPv6'], ['10.0.0.0/8:24', '10.128.0.0/9:24', 'fd00::/104:120']],
      ['flannel', ['IPv4'], ['10.244.0.0/16:24']],
    ]);
    expect(model.availability.cni).toEqual({ status: 'present' });
  });

  it('fills Calico\'s install placeholders before reading its CNI config', () => {
    const { model, notices } = build([
      cm('calico-config', 'kube-system', { cni_network_config: '{"plugins": [{"type": "calico", "mtu": __CNI_MTU__, "ipam": {"type": "calico-ipam", "assign_ipv6": "true"}}]}' }),
    ]);
    expect(notices).toEqual([]);
    expect(model.cni.configs[0].families).toEqual(['IPv4', 'IPv6']);
  });

  it('reports configuration it recognises but cannot interpret as a notice, never silence', () => {
    const { model, notices } = build([
      cm('calico-config', 'kube-system', { cni_network_config: '{"type": "calico", "ipam": {"type": "whereabouts"}}' }),
      cm('cilium-config', 'kube-system', { ipam: 'future-ipam', 'enable-ipv6': 'yes' }),
      cm('kube-flannel-cfg', 'kube-flannel', { 'net-conf.json': '{"Network": "10.244.0.0/16",' }),
      {
        apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-router', namespace: 'kube-system' },
        spec: { template: { spec: { containers: [{ name: 'kube-router', image: 'docker.io/cloudnativelabs/kube-router:v2.1.0' }] } } },
      },
    ]);
    expect(model.cni.notUnderstood.map((n) => n.source)).toEqual([
      'DaemonSet kube-system/kube-router', 'ConfigMap kube-system/calico-config', 'ConfigMap kube-system/cilium-config', 'ConfigMap kube-system/cilium-config', 'ConfigMap kube-flannel/kube-flannel-cfg',
    ]);
    expect(notices).toHaveLength(5);
    for (const n of notices) expect(n.message).toMatch(/^read but not understood: /);
    expect(notices[1].message).toContain('ipam type "whereabouts"');
    expect(notices[0].line).toBeGreaterThan(0);
  });

  it('states IPv6 masquerading per pool, for unlisted pools, and for ip-masq-agent', () => {
    const agent = (args: string[]) => ({
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ip-masq-agent', namespace: 'kube-system' },
      spec: { template: { spec: { containers: [{ name: 'ip-masq-agent', image: 'registry.k8s.io/networking/ip-masq-agent:v2.9.3', args }] } } },
    });
    const pool = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'crd.projectcalico.org/v1', kind: 'IPPool', metadata: { name }, spec });
    const { model } = build([
      pool('v4', { cidr: '10.244.0.0/16', natOutgoing: true }), pool('v6', { cidr: 'fd00:10:244::/56' }),
      cm('cilium-config', 'kube-system', { 'enable-ipv6': 'true', ipam: 'kubernetes', 'enable-ipv6-masquerade': 'False' }),
      agent(['--enable-ipv6=false']),
    ]);
    const [calico, cilium] = model.cni.configs;
    expect(calico.pools.map((p) => [p.cidr.text, p.masquerade?.on, p.masquerade?.path])).toEqual([['10.244.0.0/16', true, 'spec.natOutgoing'], ['fd00:10:244::/56', false, 'spec.natOutgoing']]);
    expect(calico.masquerade).toEqual([]);
    expect(cilium.masquerade.map((m) => [m.family, m.on, m.text])).toEqual([['IPv4', true, 'enable-ipv4-masquerade unset (Cilium default true)'], ['IPv6', false, 'enable-ipv6-masquerade: "False"']]);
    expect(model.cni.masqAgents.map((m) => [m.source, m.family, m.on])).toEqual([['DaemonSet kube-system/ip-masq-agent', 'IPv6', false]]);
    expect(build([agent(['--enable-ipv6'])]).model.cni.masqAgents[0].on).toBe(true);
  });

  it('is absent, with a reason, when no CNI is in the input', () => {
    expect(build([]).model.availability.cni).toEqual({ status: 'absent', reason: 'no Calico, Cilium or Flannel configuration in the input' });
  });
});
