import rule from '../../rules/endpoint-slice-family-removed.js';
import { DUAL_KUBEADM, endpointSlice } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

function managed(slice: Record<string, unknown>, by: string): Record<string, unknown> {
  const metadata = slice.metadata as { labels: Record<string, string> };
  return { ...slice, metadata: { ...metadata, labels: { ...metadata.labels, 'endpointslice.kubernetes.io/managed-by': by } } };
}

const v6 = managed(endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5' }]), 'endpointslice-controller.k8s.io');

runRuleTests(rule, {
  valid: [
    { name: 'IPv4 slice kept', objects: [DUAL_KUBEADM, managed(endpointSlice('web', 'IPv4', [{ address: '10.244.1.5' }]), 'endpointslice-controller.k8s.io')], rollbackTo: 'IPv4' },
    { name: 'slice of another manager', objects: [DUAL_KUBEADM, managed(endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5' }]), 'mesh.example.com')], rollbackTo: 'IPv4' },
    { name: 'single-stack cluster, no scenario', objects: [v6] },
  ],
  invalid: [
    {
      name: 'IPv6 slice on a rollback to IPv4',
      objects: [DUAL_KUBEADM, v6],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'staysBehind', object: 'EndpointSlice default/web-ipv6', severity: 'warning', path: 'addressType' }],
    },
    {
      name: 'mirrored slice, no scenario: info',
      objects: [DUAL_KUBEADM, managed(endpointSlice('legacy', 'IPv6', [{ address: 'fd00:10:244:1::6' }]), 'endpointslicemirroring-controller.k8s.io')],
      expect: [{ messageId: 'staysBehind', object: 'EndpointSlice default/legacy-ipv6', severity: 'info' }],
    },
  ],
});
