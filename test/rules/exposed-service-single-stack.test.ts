import rule from '../../rules/exposed-service-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'dual-stack LoadBalancer manifest', objects: [svc({ type: 'LoadBalancer', policy: 'RequireDualStack' })] },
    { name: 'PreferDualStack NodePort on a dual cluster', objects: [DUAL_KUBEADM, svc({ type: 'NodePort', policy: 'PreferDualStack' })] },
    { name: 'live dual NodePort', objects: [svc({ type: 'NodePort', policy: 'PreferDualStack', clusterIPs: ['10.96.0.5', 'fd00::5'] })] },
    { name: 'plain ClusterIP is DS101', objects: [svc()] },
    {
      name: 'a LoadBalancer a Gateway controller generates is DS608',
      objects: [{ ...svc({ type: 'LoadBalancer' }), metadata: { name: 'public-istio', namespace: 'infra', ownerReferences: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'public' }] } }],
    },
    { name: 'ExternalName', objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } }] },
  ],
  invalid: [
    { name: 'single-stack LoadBalancer is an error', objects: [svc({ type: 'LoadBalancer' })], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'error', path: 'spec.ipFamilyPolicy', fix: 'Set spec.ipFamilyPolicy: RequireDualStack on Service default/web, and check that the load-balancer implementation serves IPv6' }] },
    { name: 'single-stack NodePort is a warning', objects: [DUAL_KUBEADM, svc({ type: 'NodePort', policy: 'SingleStack' })], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'warning', fix: 'Set spec.ipFamilyPolicy: RequireDualStack on Service default/web' }] },
    { name: 'ClusterIP with externalIPs is a warning', objects: [svc({ externalIPs: ['203.0.113.7'] })], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'warning' }] },
    { name: 'PreferDualStack LoadBalancer on an IPv4 cluster is a worklist item', objects: [IPV4_KUBEADM, svc({ type: 'LoadBalancer', policy: 'PreferDualStack' })], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'info' }] },
    {
      name: 'AWS dualstack NLB in front of a single-stack Service is info',
      objects: [svc({ type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack' } })],
      expect: [{ messageId: 'translatedByLoadBalancer', object: 'Service default/web', severity: 'info' }],
    },
  ],
});
