import rule from '../../rules/pod-service-range-overlap.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm dual-stack defaults', objects: [DUAL_KUBEADM] },
    { name: 'ranges given on the command line', objects: [], podCidrs: ['10.244.0.0/16'], serviceCidrs: ['10.96.0.0/12'] },
    { name: 'same address in different families', objects: [kubeadmConfigMap('10.0.0.0/16,fd00::/56', '10.1.0.0/16,fd00:1::/112')] },
  ],
  invalid: [
    {
      name: 'service range inside the pod range',
      objects: [kubeadmConfigMap('10.244.0.0/16', '10.244.128.0/20')],
      expect: [{ messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' }],
    },
    {
      name: 'IPv6 pod range from the controller-manager contains the IPv6 service range',
      objects: [
        controlPlanePod('kube-controller-manager', { 'cluster-cidr': '10.244.0.0/16,fd00:10::/48', 'allocate-node-cidrs': 'true' }),
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10::/112' }),
      ],
      expect: [{ messageId: 'overlap', object: 'Pod kube-system/kube-controller-manager-cp1' }],
    },
    {
      name: 'the same pair declared by two sources is reported once',
      objects: [kubeadmConfigMap('10.96.0.0/12', '10.96.0.0/16'), controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16' })],
      expect: [{ messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'command-line ranges anchor at the cluster',
      objects: [],
      podCidrs: ['10.0.0.0/8'],
      serviceCidrs: ['10.96.0.0/12'],
      expect: [{ messageId: 'overlap', object: 'Cluster cluster' }],
    },
  ],
  notAssessed: [
    { name: 'no service range', objects: [], podCidrs: ['10.244.0.0/16'] },
    { name: 'nothing declared', objects: [] },
  ],
});
