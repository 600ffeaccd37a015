import rule from '../../rules/istio-capture-single-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { DUAL_ON, iptablesArgs, istioOperator, meshedDeployment, meshedPod } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const include = (v: string) => ({ 'traffic.sidecar.istio.io/includeOutboundIPRanges': v });
const exclude = (v: string) => ({ 'traffic.sidecar.istio.io/excludeOutboundIPRanges': v });
const injectorValues = (proxy: Record<string, string>) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-sidecar-injector', namespace: 'istio-system' },
  data: { config: 'policy: enabled', values: JSON.stringify({ global: { proxy: { includeInboundPorts: '*', ...proxy } } }) },
});
const plainDeployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart', namespace: 'shop', uid: 'd1' }, spec: { template: { metadata: { labels: { app: 'cart' } }, spec: { containers: [{ name: 'cart', image: 'shop/cart:1' }] } } } };
const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'cart-5d8f7', namespace: 'shop', uid: 'r1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart', uid: 'd1', controller: true }] }, spec: plainDeployment.spec };
const ownedPod = (name: string, includeList: string) => {
  const p = meshedPod(name, ['10.244.1.5', 'fd00:10:244:1::5'], { env: DUAL_ON, initArgs: iptablesArgs(includeList) });
  return { ...p, metadata: { ...(p.metadata as object), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cart-5d8f7', uid: 'r1', controller: true }] } };
};

runRuleTests(rule, {
  valid: [
    { name: 'wildcard include in istio-init', objects: [DUAL_KUBEADM, meshedDeployment('cart', { env: DUAL_ON, initArgs: iptablesArgs('*') })] },
    { name: 'include list with ranges of both families', objects: [meshedDeployment('cart', { annotations: include('10.96.0.0/12,fd00:10:96::/108') })] },
    { name: 'exclude list of some ranges of each family', objects: [meshedDeployment('cart', { annotations: exclude('169.254.169.254/32,fd00:ec2::254/128') })] },
    { name: 'empty include list: outbound capture off for both families on purpose', objects: [meshedDeployment('cart', { initArgs: iptablesArgs('') })] },
    { name: 'interceptionMode NONE: nothing is redirected', objects: [meshedDeployment('cart', { annotations: { ...include('10.0.0.0/8'), 'sidecar.istio.io/interceptionMode': 'NONE' } })] },
    { name: 'gateway proxy: no capture', objects: [meshedDeployment('istio-ingressgateway', { injected: false, annotations: include('10.0.0.0/8') })] },
    { name: 'workload without a sidecar', objects: [meshedDeployment('orders', { initArgs: iptablesArgs('*') }), { ...plainDeployment, spec: { template: { metadata: { annotations: include('10.0.0.0/8') }, spec: plainDeployment.spec.template.spec } } }] },
    { name: 'injected pod with IPv4 only (DS106)', objects: [meshedPod('cart-1', ['10.244.1.5'], { initArgs: iptablesArgs('10.0.0.0/8') })] },
    { name: 'unparsable list: noted, not judged', objects: [meshedDeployment('cart', { annotations: include('10.0.0.0/8, fd00::/8') })] },
    { name: 'install defaults capturing both families', objects: [injectorValues({ includeIPRanges: '*', excludeIPRanges: '' }), istioOperator({ values: { global: { proxy: { includeIPRanges: '10.0.0.0/8,fd00::/8' } } } })] },
    { name: 'single-stack target', objects: [meshedDeployment('cart', { initArgs: iptablesArgs('10.0.0.0/8') })], target: 'ipv4' },
  ],
  invalid: [
    {
      name: 'istio-init include list of IPv4 ranges on dual-stack pods',
      objects: [DUAL_KUBEADM, meshedPod('cart-1', ['10.244.1.5', 'fd00:10:244:1::5'], { env: DUAL_ON, initArgs: iptablesArgs('10.96.0.0/12,10.244.0.0/16') })],
      expect: [{ messageId: 'sidecar', object: 'Pod shop/cart-1', severity: 'error', path: 'spec.initContainers[0].args[10]' }],
    },
    {
      name: 'include annotation of IPv4 ranges on a template, pod families unknown',
      objects: [DUAL_KUBEADM, meshedDeployment('cart', { env: DUAL_ON, annotations: include('10.96.0.0/12') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', severity: 'warning', path: 'spec.template.metadata.annotations' }],
    },
    {
      name: 'include list of IPv6 ranges only leaves IPv4 out',
      objects: [meshedDeployment('cart', { annotations: include('fd00:10:96::/108') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart' }],
    },
    {
      name: 'exclude list covering all of IPv6',
      objects: [meshedDeployment('cart', { initArgs: iptablesArgs('*', '::/0') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', path: 'spec.template.spec.initContainers[0].args[12]' }],
    },
    {
      name: 'exclude list covering IPv4 in two halves',
      objects: [meshedDeployment('cart', { annotations: exclude('0.0.0.0/1,128.0.0.0/1') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart' }],
    },
    {
      name: 'sidecars injected into the Pods of a Deployment, one finding per workload',
      objects: [DUAL_KUBEADM, plainDeployment, replicaSet, ownedPod('cart-5d8f7-a', '*'), ownedPod('cart-5d8f7-b', '10.0.0.0/8')],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', severity: 'error', path: '' }],
    },
    {
      name: 'injector ConfigMap default of IPv4 ranges',
      objects: [DUAL_KUBEADM, injectorValues({ includeIPRanges: '10.96.0.0/12,10.244.0.0/16' })],
      expect: [{ messageId: 'installDefault', object: 'ConfigMap istio-system/istio-sidecar-injector', severity: 'warning', path: 'data.values' }],
    },
    {
      name: 'IstioOperator default excluding all of IPv6',
      objects: [istioOperator({ values: { global: { proxy: { excludeIPRanges: '::/0' } } } })],
      expect: [{ messageId: 'installDefault', object: 'IstioOperator istio-system/installed-state', path: 'spec.values.global.proxy.excludeIPRanges' }],
    },
    {
      name: 'single-stack cluster: a worklist item',
      objects: [IPV4_KUBEADM, meshedDeployment('cart', { annotations: include('10.96.0.0/12') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', severity: 'info' }],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [DUAL_KUBEADM] }],
});
