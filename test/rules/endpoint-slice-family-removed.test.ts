import rule from '../../rules/endpoint-slice-family-removed.js';
import { DUAL_KUBEADM, endpointSlice } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const slicesMany = (n: number) => Array.from({ length: n }, (_, i) => managed(endpointSlice(`web${String(i).padStart(2, '0')}`, 'IPv6', [{ address: `fd00:10:244:1::${i + 10}` }]), 'endpointslice-controller.k8s.io'));

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
      name: '21 IPv6 slices without a scenario: one summary at info',
      objects: [DUAL_KUBEADM, ...slicesMany(21)],
      expect: [{ messageId: 'staysBehindMany', object: 'EndpointSlice default/web00-ipv6', severity: 'info', path: 'addressType' }],
    },
    {
      name: '21 IPv6 slices with the rollback named: each listed',
      objects: [DUAL_KUBEADM, ...slicesMany(21)],
      rollbackTo: 'IPv4',
      expect: Array.from({ length: 21 }, (_, i) => ({ messageId: 'staysBehind', object: `EndpointSlice default/web${String(i).padStart(2, '0')}-ipv6` })),
    },
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
