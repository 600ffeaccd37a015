import rule from '../../rules/cluster-range-external-overlap.js';
import { DUAL_KUBEADM, externalNetwork } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'disjoint on-prem network', objects: [DUAL_KUBEADM], externalNetworks: [{ name: 'on-prem', cidr: '172.16.0.0/12' }] },
    { name: 'external network of the other family at the same offset', objects: [DUAL_KUBEADM, externalNetwork('vpc', ['fd00:10:245::/48'])] },
  ],
  invalid: [
    {
      name: 'both IPv4 ranges inside the on-prem network',
      objects: [DUAL_KUBEADM],
      externalNetworks: [{ name: 'on-prem', cidr: '10.0.0.0/8' }],
      expect: [
        { messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' },
        { messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config', severity: 'error' },
      ],
    },
    {
      name: 'declared severity wins',
      objects: [DUAL_KUBEADM],
      externalNetworks: [{ name: 'lab', cidr: '10.96.0.0/24', severity: 'warning' }],
      expect: [{ messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config', severity: 'warning' }],
    },
    {
      name: 'ExternalNetwork object in the input',
      objects: [DUAL_KUBEADM, externalNetwork('partner', ['fd00:10:244:80::/60'], 'info')],
      expect: [{ messageId: 'overlap', object: 'ConfigMap kube-system/kubeadm-config', severity: 'info' }],
    },
  ],
  notAssessed: [
    { name: 'no external network declared', objects: [DUAL_KUBEADM] },
    { name: 'no cluster range declared', objects: [externalNetwork('vpc', ['10.0.0.0/8'])] },
  ],
});
