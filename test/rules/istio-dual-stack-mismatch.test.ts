import rule from '../../rules/istio-dual-stack-mismatch.js';
import { DUAL_ON, istiod, meshConfig, meshedDeployment } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const LEGACY = { ISTIO_AGENT_DUAL_STACK: 'true' };

runRuleTests(rule, {
  valid: [
    { name: 'both planes on', objects: [istiod(DUAL_ON), meshConfig(DUAL_ON)] },
    { name: 'both planes off (DS401/DS402 report them)', objects: [istiod(), meshConfig()] },
    { name: 'legacy variable on Istio 1.18, where it still works', objects: [istiod(DUAL_ON, { image: 'istio/pilot:1.18.5' }), meshConfig({ ...LEGACY, ISTIO_DUAL_STACK: 'true' })] },
    { name: 'legacy variable alone on Istio 1.17', objects: [istiod({}, { image: 'istio/pilot:1.17.2' }), meshConfig(LEGACY)] },
    { name: 'legacy variable beside ISTIO_DUAL_STACK', objects: [istiod(DUAL_ON), meshConfig({ ...LEGACY, ...DUAL_ON })] },
  ],
  invalid: [
    {
      name: 'proxies on, istiod off',
      objects: [istiod(), meshConfig(DUAL_ON)],
      expect: [{ messageId: 'proxiesOnly', object: 'Deployment istio-system/istiod', path: 'spec.template.spec.containers[0].env' }],
    },
    {
      name: 'istiod on, proxy defaults off',
      objects: [istiod(DUAL_ON), meshConfig({ ISTIO_DUAL_STACK: 'false' })],
      expect: [{ messageId: 'controlPlaneOnly', object: 'ConfigMap istio-system/istio', path: 'data.mesh' }],
    },
    {
      name: 'ISTIO_AGENT_DUAL_STACK alone on Istio 1.22, in the mesh defaults and a sidecar',
      objects: [istiod(DUAL_ON, { image: 'istio/pilot:1.22.1' }), meshConfig(LEGACY), meshedDeployment('cart', { env: LEGACY })],
      expect: [
        { messageId: 'controlPlaneOnly', object: 'ConfigMap istio-system/istio' },
        { messageId: 'legacy', object: 'ConfigMap istio-system/istio', path: 'data.mesh' },
        { messageId: 'legacy', object: 'Deployment shop/cart', path: 'spec.template.spec.containers[1].env[0]' },
      ],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [] }],
});
