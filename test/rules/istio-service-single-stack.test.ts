import rule from '../../rules/istio-service-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { DUAL_ON, istiod } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const gateway = (policy?: string) => {
  const s = svc({ name: 'istio-ingressgateway', namespace: 'istio-system', type: 'LoadBalancer', ...(policy ? { policy } : {}) });
  return { ...s, metadata: { ...(s.metadata as object), labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' } } };
};
const istiodSvc = (policy?: string) => svc({ name: 'istiod', namespace: 'istio-system', ...(policy ? { policy } : {}) });

runRuleTests(rule, {
  valid: [
    { name: 'dual-stack gateway and istiod', objects: [DUAL_KUBEADM, istiod(DUAL_ON), gateway('RequireDualStack'), istiodSvc('PreferDualStack')] },
    { name: 'other Services are not the mesh\'s', objects: [istiod(DUAL_ON), svc({ name: 'web' })] },
    { name: 'single-stack target', objects: [istiod(), gateway()], target: 'ipv4' },
  ],
  invalid: [
    {
      name: 'single-stack ingress gateway and istiod',
      objects: [DUAL_KUBEADM, istiod(DUAL_ON), gateway(), istiodSvc('SingleStack')],
      expect: [
        { messageId: 'gateway', object: 'Service istio-system/istio-ingressgateway', severity: 'warning', path: 'spec.ipFamilyPolicy' },
        { messageId: 'istiod', object: 'Service istio-system/istiod', severity: 'info' },
      ],
    },
    {
      name: 'single-stack cluster: a worklist item',
      objects: [IPV4_KUBEADM, istiod(), gateway()],
      expect: [{ messageId: 'gateway', object: 'Service istio-system/istio-ingressgateway', severity: 'info' }],
    },
  ],
  notAssessed: [{ name: 'no Istio in the input', objects: [gateway()] }],
});
