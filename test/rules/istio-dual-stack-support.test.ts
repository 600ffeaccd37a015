import rule from '../../rules/istio-dual-stack-support.js';
import { DUAL_KUBEADM } from '../helpers/builders.js';
import { DUAL_ON, istioOperator, istiod, ztunnel } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'Istio 1.24', objects: [DUAL_KUBEADM, istiod(DUAL_ON, { image: 'docker.io/istio/pilot:1.24.2' })] },
    { name: 'unknown version (latest) is not guessed', objects: [istiod(DUAL_ON, { image: 'registry.istio.io/testing/pilot:latest' })] },
    { name: 'ambient ztunnel with ISTIO_DUAL_STACK', objects: [istiod(DUAL_ON), ztunnel(DUAL_ON)] },
    { name: 'single-stack target', objects: [istiod({}, { image: 'istio/pilot:1.15.0' })], target: 'ipv4' },
  ],
  invalid: [
    {
      name: 'Istio 1.16 has no dual-stack',
      objects: [istiod(DUAL_ON, { image: 'docker.io/istio/pilot:1.16.7' })],
      expect: [{ messageId: 'unsupported', object: 'Deployment istio-system/istiod', severity: 'warning', path: 'spec.template.spec.containers[0].image' }],
    },
    {
      name: 'Istio 1.20 from an IstioOperator tag is experimental',
      objects: [istioOperator({ tag: '1.20.3', values: { pilot: { env: DUAL_ON } } })],
      expect: [{ messageId: 'experimental', object: 'IstioOperator istio-system/installed-state', severity: 'info', path: 'spec.tag' }],
    },
    {
      name: 'ambient ztunnel without ISTIO_DUAL_STACK',
      objects: [istiod(DUAL_ON), ztunnel()],
      expect: [{ messageId: 'ztunnel', object: 'DaemonSet istio-system/ztunnel', path: 'spec.template.spec.containers[0].env' }],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [] }],
});
