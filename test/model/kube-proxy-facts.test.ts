import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { defaultRegistry } from '../../src/engine/registry.js';
import { resolveConfig } from '../../src/engine/config.js';
import { runAudit } from '../../src/engine/run.js';
import ds109 from '../../rules/kube-proxy-local-detection-missing-family.js';
import { DUAL_KUBEADM, kubeProxyConfigMap } from '../helpers/builders.js';
import { rawObjects } from '../helpers/rule-tester.js';

type Obj = Record<string, unknown>;
const build = (objects: Obj[]) => normalize(rawObjects(objects), { target: 'dual' });
const kubeProxyCm = (data: Record<string, string>): Obj => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-proxy', namespace: 'kube-system' }, data });

describe('ConfigMap kube-system/kube-proxy read but not understood', () => {
  it('says what was read (the keys) and why it was not understood, as a notice', () => {
    const { model, notices } = build([DUAL_KUBEADM, kubeProxyCm({ 'kubeproxy.yaml': 'clusterCIDR: 10.244.0.0/16\n' })]);
    expect(model.clusterNetwork.kubeProxy).toBeUndefined();
    expect(model.clusterNetwork.kubeProxyNotUnderstood).toMatchObject({ source: 'ConfigMap kube-system/kube-proxy', detail: expect.stringContaining('keys: kubeproxy.yaml') });
    expect(notices.map((n) => n.message)).toContain(
      "read but not understood: ConfigMap kube-system/kube-proxy: no data.config.conf key (keys: kubeproxy.yaml); kube-proxy's configuration is read from config.conf",
    );
  });

  it('says so for a config.conf that is not a YAML mapping', () => {
    const { notices } = build([kubeProxyCm({ 'config.conf': '- not\n- a mapping\n' })]);
    expect(notices.map((n) => n.message)).toContain('read but not understood: ConfigMap kube-system/kube-proxy: data.config.conf is not a YAML mapping');
  });

  it('is silent for the standard layout', () => {
    const { model, notices } = build([DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n')]);
    expect(model.clusterNetwork.kubeProxyNotUnderstood).toBeUndefined();
    expect(notices).toEqual([]);
  });

  it('DS109 is not assessed with what was read, never "no ConfigMap kube-system/kube-proxy in the input"', () => {
    const registry = defaultRegistry();
    const config = resolveConfig(registry, {}, { only: [ds109.meta.id] });
    const { model } = build([DUAL_KUBEADM, kubeProxyCm({ 'kubeproxy.yaml': 'clusterCIDR: 10.244.0.0/16\n' })]);
    const r = runAudit({ model, rules: registry.rules, config });
    const reason = r.notAssessed.find((n) => n.ruleId === ds109.meta.id)?.reason;
    expect(reason).toMatch(/^ConfigMap kube-system\/kube-proxy was read but not understood: no data\.config\.conf key \(keys: kubeproxy\.yaml\)/);
    expect(reason).not.toContain('no kube-proxy DaemonSet, Pod or configuration');
  });
});
