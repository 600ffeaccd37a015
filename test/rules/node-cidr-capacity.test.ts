import rule from '../../rules/node-cidr-capacity.js';
import { controlPlanePod, DUAL_KUBEADM, kubeadmConfigMap, node } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** A 5,000-node cluster (the documented scale limit) on a /16 with /24 node masks: 256 node ranges. */
const fiveThousand = Array.from({ length: 5000 }, (_, i) => node(`node-${String(i).padStart(4, '0')}`, []));
const twoHundredTen = fiveThousand.slice(0, 210);

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm dual-stack defaults with two nodes', objects: [DUAL_KUBEADM, node('n1', []), node('n2', [])] },
    {
      name: 'no node CIDR allocation',
      objects: [controlPlanePod('kube-controller-manager', { 'allocate-node-cidrs': 'false', 'cluster-cidr': '10.244.0.0/23' }), node('n1', []), node('n2', []), node('n3', [])],
    },
  ],
  invalid: [
    {
      name: '5,000 nodes on a /16 with /24 node masks',
      objects: [kubeadmConfigMap('10.244.0.0/16', '10.96.0.0/12'), ...fiveThousand],
      expect: [{ messageId: 'exhausted', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' }],
    },
    {
      name: 'a service range inside the cluster range takes node ranges',
      objects: [kubeadmConfigMap('10.244.0.0/22', '10.244.2.0/23'), node('n1', []), node('n2', []), node('n3', [])],
      expect: [{ messageId: 'exhausted', object: 'ConfigMap kube-system/kubeadm-config' }],
    },
    {
      name: '210 of 256 node ranges',
      objects: [DUAL_KUBEADM, ...twoHundredTen],
      expect: [
        { messageId: 'nearlyFull', object: 'ConfigMap kube-system/kubeadm-config', severity: 'warning' },
        { messageId: 'nearlyFull', object: 'ConfigMap kube-system/kubeadm-config', severity: 'warning' },
      ],
    },
    {
      name: 'IPv4 is the bottleneck',
      objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/48', '10.96.0.0/16,fd00:10:96::/112'), node('n1', [])],
      expect: [{ messageId: 'asymmetric', object: 'ConfigMap kube-system/kubeadm-config', severity: 'info' }],
    },
  ],
  notAssessed: [{ name: 'no cluster CIDR', objects: [node('n1', [])] }],
});
