import rule from '../../rules/cluster-primary-family-change.js';
import { DUAL_KUBEADM, kubeadmConfigMap, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kubernetes = svc({ name: 'kubernetes', clusterIPs: ['10.96.0.1'], selector: null });
const V6_FIRST = kubeadmConfigMap('fd00:10:244::/56,10.244.0.0/16', 'fd00:10:96::/112,10.96.0.0/16');

runRuleTests(rule, {
  valid: [
    { name: 'no change named, addresses match the first range', objects: [DUAL_KUBEADM, kubernetes] },
    { name: 'new primary equals the current one', objects: [DUAL_KUBEADM, kubernetes], newPrimary: 'IPv4' },
    { name: 'rollback keeps the primary', objects: [DUAL_KUBEADM, kubernetes], rollbackTo: 'IPv4' },
    { name: 'inferred families are no evidence of drift', objects: [kubernetes] },
  ],
  invalid: [
    {
      name: 'IPv6 becomes primary',
      objects: [DUAL_KUBEADM, kubernetes],
      newPrimary: 'IPv6',
      expect: [{ messageId: 'planned', object: 'Service default/kubernetes', severity: 'error', path: 'spec.clusterIPs[0]' }],
    },
    {
      name: 'target ipv6-primary without default/kubernetes in the input',
      objects: [DUAL_KUBEADM],
      target: 'ipv6-primary',
      expect: [{ messageId: 'planned', object: 'Cluster cluster', severity: 'error' }],
    },
    {
      name: 'rollback to the secondary family changes the primary',
      objects: [DUAL_KUBEADM, kubernetes],
      rollbackTo: 'IPv6',
      expect: [{ messageId: 'planned', object: 'Service default/kubernetes' }],
    },
    {
      name: 'drift: default/kubernetes and kube-dns kept IPv4 after the swap',
      objects: [V6_FIRST, kubernetes, svc({ name: 'kube-dns', namespace: 'kube-system', clusterIPs: ['10.96.0.10', 'fd00:10:96::a'] })],
      expect: [
        { messageId: 'keptOldAddress', object: 'Service default/kubernetes', severity: 'info' },
        { messageId: 'keptOldAddress', object: 'Service kube-system/kube-dns', severity: 'info' },
      ],
    },
  ],
  notAssessed: [{ name: 'primary unknown', objects: [], newPrimary: 'IPv6' }],
});
