import rule from '../../rules/istiod-dual-stack-disabled.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { DUAL_ON, istioOperator, istiod, meshConfig, meshedDeployment } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const dualSvc = svc({ name: 'cart', namespace: 'shop', policy: 'RequireDualStack', clusterIPs: ['10.96.0.10', 'fd00:10:96::10'] });

runRuleTests(rule, {
  valid: [
    { name: 'istiod with ISTIO_DUAL_STACK true', objects: [DUAL_KUBEADM, istiod(DUAL_ON)] },
    { name: 'istiod with a Go boolean "1"', objects: [istiod({ ISTIO_DUAL_STACK: '1' })] },
    { name: 'IstioOperator pilot env as a YAML boolean', objects: [istioOperator({ values: { pilot: { env: { ISTIO_DUAL_STACK: true } } } })] },
    { name: 'single-stack target', objects: [istiod()], target: 'ipv4' },
    { name: 'mesh config only, no control plane', objects: [meshConfig(DUAL_ON)] },
  ],
  invalid: [
    {
      name: 'istiod without ISTIO_DUAL_STACK on a dual-stack cluster',
      objects: [DUAL_KUBEADM, istiod()],
      expect: [{ messageId: 'disabled', object: 'Deployment istio-system/istiod', severity: 'warning', path: 'spec.template.spec.containers[0].env' }],
    },
    {
      name: 'ISTIO_DUAL_STACK "false" with a dual-stack Service in a meshed namespace is an error',
      objects: [DUAL_KUBEADM, istiod({ ISTIO_DUAL_STACK: 'false' }), meshedDeployment('cart', { env: DUAL_ON }), dualSvc],
      expect: [{ messageId: 'disabled', object: 'Deployment istio-system/istiod', severity: 'error', path: 'spec.template.spec.containers[0].env[1]' }],
    },
    {
      name: 'a value Go does not parse counts as off',
      objects: [istiod({ ISTIO_DUAL_STACK: 'yes' })],
      expect: [{ messageId: 'disabled', object: 'Deployment istio-system/istiod' }],
    },
    {
      name: 'IstioOperator with pilot env "false"',
      objects: [istioOperator({ values: { pilot: { env: { ISTIO_DUAL_STACK: 'false' } } } })],
      expect: [{ messageId: 'disabled', object: 'IstioOperator istio-system/installed-state', path: 'spec.values.pilot.env.ISTIO_DUAL_STACK' }],
    },
    {
      name: 'single-stack cluster with a dual target: still reported (the worklist)',
      objects: [IPV4_KUBEADM, istiod()],
      expect: [{ messageId: 'disabled', object: 'Deployment istio-system/istiod' }],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [DUAL_KUBEADM] }],
});
