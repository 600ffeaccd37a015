import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { managerNote } from '../../src/model/managers.js';
import { describeScenario, requestStack, resolveScenario, scenarioConflict, stackOf } from '../../src/model/scenario.js';
import type { ScenarioRequest } from '../../src/model/types.js';
import { controlPlanePod, DUAL_KUBEADM, IPV4_KUBEADM, kubeadmConfigMap, node, svc } from '../helpers/builders.js';
import { rawObjects } from '../helpers/rule-tester.js';

const netOf = (objects: Record<string, unknown>[]) => normalize(rawObjects(objects), { target: 'dual' }).model.clusterNetwork;
const DUAL = netOf([DUAL_KUBEADM]);
const V6_FIRST = netOf([kubeadmConfigMap('fd00:10:244::/56,10.244.0.0/16', 'fd00:10:96::/112,10.96.0.0/16')]);
const V4 = netOf([IPV4_KUBEADM]);

describe('scenario', () => {
  it('without a named change, a rollback would remove the secondary service family, at awareness level', () => {
    expect(resolveScenario({ target: 'dual' }, DUAL)).toEqual({ target: 'dual', named: false, removedFamily: 'IPv6' });
    expect(resolveScenario({ target: 'dual' }, V6_FIRST).removedFamily).toBe('IPv4');
    expect(resolveScenario({ target: 'dual' }, V4)).toEqual({ target: 'dual', named: false });
  });

  it('the pod ranges decide when no service range is known', () => {
    const pods = netOf([node('w1', ['10.244.1.0/24', 'fd00:10:244:1::/64'])]);
    expect(pods.serviceFamilies).toEqual([]);
    expect(resolveScenario({ target: 'dual' }, pods).removedFamily).toBe(pods.clusterCidrs[1]?.family);
    // (A kubeadm config always has a service range: kubeadm defaults an empty serviceSubnet to 10.96.0.0/12.)
    expect(resolveScenario({ target: 'dual' }, netOf([controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16,fd00:10:244::/56' })])).removedFamily).toBe('IPv6');
  });

  it('--rollback-to names the family kept; the kept family is the primary afterwards', () => {
    expect(resolveScenario({ target: 'dual', rollbackTo: 'IPv4' }, DUAL)).toEqual({ target: 'dual', rollbackTo: 'IPv4', named: true, removedFamily: 'IPv6', primaryAfter: 'IPv4' });
    expect(resolveScenario({ target: 'dual', rollbackTo: 'IPv6' }, DUAL)).toMatchObject({ removedFamily: 'IPv4', primaryAfter: 'IPv6' });
  });

  it('what-if targets: ipv6-only removes IPv4, ipv6-primary changes the primary and removes nothing', () => {
    expect(resolveScenario({ target: 'ipv6-only' }, DUAL)).toMatchObject({ named: true, rollbackTo: 'IPv6', removedFamily: 'IPv4', primaryAfter: 'IPv6' });
    const primary = resolveScenario({ target: 'ipv6-primary' }, DUAL);
    expect(primary).toMatchObject({ named: true, newPrimary: 'IPv6', primaryAfter: 'IPv6' });
    expect(primary.removedFamily).toBeUndefined();
    expect(resolveScenario({ target: 'dual', newPrimary: 'IPv4' }, V6_FIRST).removedFamily).toBeUndefined();
  });

  it('maps targets to the stacks rules know, keeping the old values', () => {
    expect(['dual', 'ipv4', 'ipv6', 'ipv6-primary', 'ipv6-only'].map((t) => stackOf(t as ScenarioRequest['target']))).toEqual(['dual', 'ipv4', 'ipv6', 'dual', 'ipv6']);
    expect(requestStack({ target: 'dual', rollbackTo: 'IPv4' }, false)).toBe('ipv4');
    expect(requestStack({ target: 'ipv4' }, true)).toBe('ipv4');
  });

  it('rejects contradictions and accepts consistent requests', () => {
    const bad: [ScenarioRequest, boolean][] = [
      [{ target: 'ipv6-only', rollbackTo: 'IPv4' }, true],
      [{ target: 'ipv6-only', newPrimary: 'IPv4' }, true],
      [{ target: 'ipv6-primary', newPrimary: 'IPv4' }, true],
      [{ target: 'ipv6-primary', rollbackTo: 'IPv6' }, true],
      [{ target: 'dual', rollbackTo: 'IPv4' }, true],
      [{ target: 'ipv4', rollbackTo: 'IPv6' }, true],
      [{ target: 'dual', rollbackTo: 'IPv4', newPrimary: 'IPv6' }, false],
    ];
    for (const [req, given] of bad) expect(scenarioConflict(req, given), JSON.stringify(req)).toBeTypeOf('string');
    const good: [ScenarioRequest, boolean][] = [
      [{ target: 'dual', rollbackTo: 'IPv4' }, false],
      [{ target: 'ipv4', rollbackTo: 'IPv4' }, true],
      [{ target: 'ipv6-only', rollbackTo: 'IPv6' }, true],
      [{ target: 'dual', newPrimary: 'IPv6' }, true],
      [{ target: 'dual', rollbackTo: 'IPv6', newPrimary: 'IPv6' }, false],
    ];
    for (const [req, given] of good) expect(scenarioConflict(req, given), JSON.stringify(req)).toBeUndefined();
  });

  it('describes what was evaluated', () => {
    expect(describeScenario(resolveScenario({ target: 'dual', rollbackTo: 'IPv4' }, DUAL))).toBe('rollback to IPv4 (IPv6 removed)');
    expect(describeScenario(resolveScenario({ target: 'ipv6-only' }, DUAL))).toBe('target ipv6-only: rollback to IPv6 (IPv4 removed)');
    expect(describeScenario(resolveScenario({ target: 'ipv6-primary' }, DUAL))).toBe('target ipv6-primary: primary family becomes IPv6');
    expect(describeScenario(resolveScenario({ target: 'dual' }, DUAL))).toContain('at info');
    expect(describeScenario(resolveScenario({ target: 'dual' }, V4))).toBe('none named');
  });

  it('is part of the model', () => {
    const m = normalize(rawObjects([DUAL_KUBEADM]), { target: 'ipv4', scenario: { target: 'dual', rollbackTo: 'IPv4' } }).model;
    expect(m.target).toBe('ipv4');
    expect(m.scenario).toMatchObject({ named: true, removedFamily: 'IPv6' });
  });
});

describe('managers', () => {
  const service = (metadata: Record<string, unknown>) => normalize(rawObjects([{ ...svc({ name: 'cart', namespace: 'shop' }), metadata: { name: 'cart', namespace: 'shop', ...metadata } }]), { target: 'dual' }).model.services[0];

  it("names the object's owner (Helm, Argo CD, Flux, a controller) and says a manual fix is reverted", () => {
    expect(managerNote(service({ annotations: { 'meta.helm.sh/release-name': 'cart', 'meta.helm.sh/release-namespace': 'apps' } }))).toBe(
      '; it is managed by Helm release apps/cart, whose next sync or upgrade reverts a manual change: change it there',
    );
    expect(managerNote(service({ annotations: { 'argocd.argoproj.io/tracking-id': 'storefront:/Service:shop/cart' } }))).toContain('Argo CD');
    expect(managerNote(service({ labels: { 'helm.toolkit.fluxcd.io/name': 'cart', 'helm.toolkit.fluxcd.io/namespace': 'flux-system' } }))).toContain('Flux');
    expect(managerNote(service({ ownerReferences: [{ apiVersion: 'apps.example.com/v1', kind: 'Shop', name: 'main', uid: 'u1', controller: true }] }))).toContain('Shop shop/main');
    expect(managerNote(service({}))).toBe('');
  });
});
