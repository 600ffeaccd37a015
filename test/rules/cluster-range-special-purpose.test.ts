import rule from '../../rules/cluster-range-special-purpose.js';
import { DUAL_KUBEADM, kubeadmConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'RFC 1918 and ULA ranges', objects: [DUAL_KUBEADM] },
    { name: 'CGNAT space is not special here', objects: [kubeadmConfigMap('100.64.0.0/16', '10.96.0.0/16')] },
  ],
  invalid: [
    {
      name: 'link-local pod range',
      objects: [kubeadmConfigMap('169.254.0.0/16', '10.96.0.0/16')],
      expect: [{ messageId: 'special', object: 'ConfigMap kube-system/kubeadm-config', severity: 'warning' }],
    },
    {
      name: 'site-local IPv6 service range',
      objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16,fec0::/112')],
      expect: [{ messageId: 'special', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: 'a range containing loopback',
      objects: [],
      podCidrs: ['0.0.0.0/1'],
      expect: [
        { messageId: 'special', object: 'Cluster cluster' },
        { messageId: 'special', object: 'Cluster cluster' },
      ],
    },
  ],
  notAssessed: [{ name: 'no declared range', objects: [] }],
});
