import rule from '../../rules/istio-proxy-not-dual-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { DUAL_ON, istioOperator, meshConfig, meshedDeployment, meshedPod } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const plainDeployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cart', namespace: 'shop', uid: 'd1' }, spec: { template: { metadata: { labels: { app: 'cart' } }, spec: { containers: [{ name: 'cart', image: 'shop/cart:1' }] } } } };
const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'cart-5d8f7', namespace: 'shop', uid: 'r1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'cart', uid: 'd1', controller: true }] }, spec: plainDeployment.spec };
const ownedPod = (name: string, v: string) => {
  const p = meshedPod(name, ['10.244.1.5', 'fd00:10:244:1::5'], { env: { ISTIO_DUAL_STACK: v } });
  return { ...p, metadata: { ...(p.metadata as object), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'cart-5d8f7', uid: 'r1', controller: true }] } };
};
const annotated = (v: string) => ({ 'proxy.istio.io/config': `proxyMetadata:\n  ISTIO_DUAL_STACK: "${v}"\n` });

runRuleTests(rule, {
  valid: [
    { name: 'mesh defaults and sidecars dual-stack', objects: [DUAL_KUBEADM, meshConfig(DUAL_ON), meshedDeployment('cart', { env: DUAL_ON })] },
    { name: 'native sidecar with ISTIO_DUAL_STACK', objects: [meshedDeployment('cart', { env: DUAL_ON, native: true })] },
    { name: 'sidecar enabled by the proxy.istio.io/config annotation', objects: [meshedDeployment('cart', { annotations: annotated('true') })] },
    { name: 'gateway proxy without env: its agent reads the mesh defaults', objects: [meshConfig(DUAL_ON), meshedDeployment('istio-ingressgateway', { injected: false })] },
    { name: 'every injected Pod of a Deployment dual-stack', objects: [DUAL_KUBEADM, meshConfig(DUAL_ON), plainDeployment, replicaSet, ownedPod('cart-5d8f7-a', 'true')] },
    { name: 'injected pod with IPv4 only: not a mesh finding (DS106)', objects: [meshedPod('cart-1', ['10.244.1.5'])] },
    { name: 'IstioOperator meshConfig with a YAML boolean', objects: [istioOperator({ meshConfig: { defaultConfig: { proxyMetadata: { ISTIO_DUAL_STACK: true } } } })] },
    { name: 'single-stack target', objects: [meshConfig(), meshedDeployment('cart')], target: 'ipv4' },
  ],
  invalid: [
    {
      name: 'mesh defaults without ISTIO_DUAL_STACK, reported once',
      objects: [DUAL_KUBEADM, meshConfig({ ISTIO_META_DNS_CAPTURE: 'true' }), meshedDeployment('istio-ingressgateway', { injected: false })],
      expect: [{ messageId: 'meshDefault', object: 'ConfigMap istio-system/istio', severity: 'error', path: 'data.mesh' }],
    },
    {
      name: 'sidecar injected with ISTIO_DUAL_STACK false on dual-stack pods',
      objects: [DUAL_KUBEADM, meshConfig(DUAL_ON), meshedPod('cart-1', ['10.244.1.5', 'fd00:10:244:1::5'], { env: { ISTIO_DUAL_STACK: 'false' } })],
      expect: [{ messageId: 'sidecar', object: 'Pod shop/cart-1', path: 'spec.containers[1].env[0]' }],
    },
    {
      name: 'sidecars injected into the Pods of a Deployment whose template has none, one finding per workload',
      objects: [DUAL_KUBEADM, meshConfig(DUAL_ON), plainDeployment, replicaSet, ownedPod('cart-5d8f7-a', 'true'), ownedPod('cart-5d8f7-b', 'false')],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', path: '' }],
    },
    {
      name: 'sidecar injected before the mesh default was set',
      objects: [meshConfig(DUAL_ON), meshedDeployment('cart')],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', path: 'spec.template.spec.containers[1].env' }],
    },
    {
      name: 'annotation turning it off',
      objects: [meshedDeployment('cart', { annotations: annotated('false') })],
      expect: [{ messageId: 'sidecar', object: 'Deployment shop/cart', path: 'spec.template.metadata.annotations' }],
    },
    {
      name: 'IstioOperator meshConfig without proxyMetadata',
      objects: [istioOperator({ meshConfig: { accessLogFile: '/dev/stdout' } })],
      expect: [{ messageId: 'meshDefault', object: 'IstioOperator istio-system/installed-state', path: 'spec.meshConfig' }],
    },
    {
      name: 'single-stack cluster: a worklist item',
      objects: [IPV4_KUBEADM, meshConfig()],
      expect: [{ messageId: 'meshDefault', object: 'ConfigMap istio-system/istio', severity: 'info' }],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [DUAL_KUBEADM] }],
});
