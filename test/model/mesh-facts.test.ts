import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { captureRanges, iptablesFlag, versionOfImage } from '../../src/model/config/istio.js';
import { iptablesArgs, istioOperator, istiod, meshConfig, meshedDeployment, meshedPod, ztunnel } from '../helpers/istio.js';
import { rawObjects } from '../helpers/rule-tester.js';

const build = (objects: Record<string, unknown>[]) => normalize(rawObjects(objects), { target: 'dual' });

describe('Istio facts', () => {
  it('reads istiod\'s ISTIO_DUAL_STACK as Go\'s ParseBool and its version from the image tag', () => {
    const { model } = build([istiod({ ISTIO_DUAL_STACK: 'True' }, { image: 'gcr.io/istio-release/pilot:1.22.3-distroless' })]);
    const [cp] = model.mesh.controlPlanes;
    expect([cp.kind, cp.dualStack.on, cp.dualStack.path, cp.version?.text, cp.versionPath]).toEqual(['istiod', true, 'spec.template.spec.containers[0].env[1]', '1.22.3-distroless', 'spec.template.spec.containers[0].image']);
    expect(model.availability.mesh).toEqual({ status: 'present' });
  });

  it('takes no version from latest, digests or a registry port', () => {
    expect(versionOfImage('registry.istio.io/testing/pilot:latest')).toBeUndefined();
    expect(versionOfImage('localhost:5000/pilot')).toBeUndefined();
    expect(versionOfImage('istio/pilot:1.20.0@sha256:abc')?.minor).toBe(20);
  });

  it('reads IstioOperator env as booleans or strings, components.pilot.k8s.env winning, and meshConfig proxyMetadata', () => {
    const { model } = build([
      istioOperator({ tag: '1.18.2', values: { pilot: { env: { ISTIO_DUAL_STACK: false } } }, components: { pilot: { k8s: { env: [{ name: 'ISTIO_DUAL_STACK', value: 'true' }] } } }, meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_DUAL_STACK: true } } } }),
    ]);
    const [cp] = model.mesh.controlPlanes;
    expect([cp.kind, cp.dualStack.on, cp.dualStack.path, cp.version?.minor]).toEqual(['istio-operator', true, 'spec.components.pilot.k8s.env[0].value', 18]);
    expect(model.mesh.proxyDefaults.map((d) => [d.source, d.dualStack.on])).toEqual([['IstioOperator istio-system/installed-state', true]]);
  });

  it('reads the mesh ConfigMap, proxies and their annotations, ztunnel and ambient markers', () => {
    const { model } = build([
      meshConfig({ ISTIO_DUAL_STACK: 'true', ISTIO_AGENT_DUAL_STACK: 'true' }),
      meshedDeployment('cart', { annotations: { 'proxy.istio.io/config': 'proxyMetadata:\n  ISTIO_DUAL_STACK: "true"\n' } }),
      meshedDeployment('orders', { env: { ISTIO_DUAL_STACK: 'false' }, native: true }),
      meshedDeployment('istio-ingressgateway', { injected: false, namespace: 'istio-system' }),
      meshedPod('ambient-1', ['10.0.0.1', 'fd00::1'], { noProxy: true, annotations: { 'ambient.istio.io/redirection': 'enabled' } }),
      ztunnel(),
    ]);
    const m = model.mesh;
    expect(m.proxyDefaults.map((d) => [d.dualStack.on, d.legacy?.on])).toEqual([[true, true]]);
    expect(m.proxies.map((p) => [p.object.ref.name, p.sidecar, p.dualStack.on, p.dualStack.path])).toEqual([
      ['istio-ingressgateway', false, false, 'spec.template.spec.containers[1].env'],
      ['cart', true, true, 'spec.template.metadata.annotations'],
      ['orders', true, false, 'spec.template.spec.initContainers[0].env[0]'],
    ]);
    expect(m.ambient.map((o) => o.ref.name)).toEqual(['ambient-1']);
    expect(m.ztunnels.map((z) => z.dualStack.text)).toEqual(['ISTIO_DUAL_STACK unset']);
  });

  it('says what it read but did not understand, never silence', () => {
    const { notices } = build([
      istiod({ ISTIO_DUAL_STACK: 'yes' }),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: '- not\n- a map' } },
      meshedDeployment('cart', { annotations: { 'proxy.istio.io/config': 'proxyMetadata: [1, 2]' } }),
      istioOperator({ values: { pilot: { env: ['ISTIO_DUAL_STACK=true'] } } }),
    ]);
    expect(notices.map((n) => n.message)).toEqual([
      'read but not understood: Deployment istio-system/istiod spec.template.spec.containers[0].env[1]: ISTIO_DUAL_STACK: "yes" is not a boolean (Go strconv.ParseBool); Istio uses the default, false',
      'read but not understood: IstioOperator istio-system/installed-state spec.values.pilot.env: spec.values.pilot.env is not a map of variables; istiod\'s ISTIO_DUAL_STACK is not checked there',
      'read but not understood: ConfigMap istio-system/istio data.mesh: the mesh config is not a YAML map; its proxy defaults are not checked',
      'read but not understood: Deployment shop/cart spec.template.metadata.annotations: proxyMetadata is not a map of variables',
    ]);
  });

  it('splits capture lists as istio-iptables does: exactly * is the wildcard, entries must be prefixes without spaces', () => {
    expect(captureRanges('*')).toEqual({ wildcard: true, cidrs: [] });
    expect(captureRanges('10.0.0.0/8,,fd00::/8')?.cidrs.map((c) => c.family)).toEqual(['IPv4', 'IPv6']);
    expect(captureRanges('')).toEqual({ wildcard: false, cidrs: [] });
    expect(captureRanges('10.0.0.0/8, fd00::/8')).toBeUndefined();
    expect(captureRanges('*,10.0.0.0/8')).toBeUndefined();
    expect(captureRanges('10.0.0.1')).toBeUndefined();
  });

  it('reads istio-iptables flags in short, long and = forms, the last one winning', () => {
    expect(iptablesFlag(['istio-iptables', '-i', '*', '--istio-service-cidr=10.0.0.0/8'], 'i', 'istio-service-cidr')).toEqual({ value: '10.0.0.0/8', index: 3 });
    expect(iptablesFlag(['-x', '', '-i=fd00::/8'], 'x', 'istio-service-exclude-cidr')).toEqual({ value: '', index: 1 });
    expect(iptablesFlag(['-p', '15001'], 'i', 'istio-service-cidr')).toBeUndefined();
  });

  it('reads outbound capture from istio-init args before annotations, and the install defaults', () => {
    const { model } = build([
      meshedDeployment('cart', { initArgs: iptablesArgs('10.0.0.0/8', ''), annotations: { 'traffic.sidecar.istio.io/includeOutboundIPRanges': '*' } }),
      meshedDeployment('orders', { annotations: { 'traffic.sidecar.istio.io/excludeOutboundIPRanges': '::/0' } }),
      meshedDeployment('web'),
      istioOperator({ values: { global: { proxy: { includeIPRanges: 'fd00::/8' } } } }),
    ]);
    const gaps = (c: { uncaptured: readonly { family: string; by: string; setting: { name: string; path?: string } }[] } | undefined) => c?.uncaptured.map((u) => [u.family, u.by, u.setting.name, u.setting.path]);
    expect(model.mesh.proxies.map((p) => [p.object.ref.name, gaps(p.outboundCapture)])).toEqual([
      ['cart', [['IPv6', 'include', 'istio-init -i', 'spec.template.spec.initContainers[0].args[10]']]],
      ['orders', [['IPv6', 'exclude', 'traffic.sidecar.istio.io/excludeOutboundIPRanges', 'spec.template.metadata.annotations']]],
      ['web', undefined],
    ]);
    expect(model.mesh.injectionDefaults.map((d) => [d.source, gaps(d.outboundCapture)])).toEqual([
      ['IstioOperator istio-system/installed-state', [['IPv4', 'include', 'values.global.proxy.includeIPRanges', 'spec.values.global.proxy.includeIPRanges']]],
    ]);
  });

  it('notes a capture list Istio would reject', () => {
    const { notices } = build([
      meshedDeployment('cart', { annotations: { 'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/8, fd00::/8' } }),
      istioOperator({ values: { global: { proxy: { includeIPRanges: ['10.0.0.0/8'] } } } }),
    ]);
    expect(notices.map((n) => n.message)).toEqual([
      'read but not understood: IstioOperator istio-system/installed-state spec.values.global.proxy.includeIPRanges: values.global.proxy.includeIPRanges is not a string; the injection default capture is not checked',
      'read but not understood: Deployment shop/cart spec.template.metadata.annotations: traffic.sidecar.istio.io/includeOutboundIPRanges: "10.0.0.0/8, fd00::/8" is not "*" or a comma-separated CIDR list (Istio rejects it); its capture is not checked',
    ]);
  });

  it('is absent without Istio, with the reason', () => {
    const { model } = build([meshConfig(undefined, 'istio-sidecar-injector')]);
    expect(model.availability.mesh).toEqual({ status: 'absent', reason: 'no Istio control plane, mesh config or proxy in the input' });
  });
});
