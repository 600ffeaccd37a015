import rule from '../../rules/service-endpoints-missing-family.js';
import { DUAL_KUBEADM, endpointSlice, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const dualSvc = svc({ policy: 'RequireDualStack', families: ['IPv4', 'IPv6'], clusterIPs: ['10.96.0.10', 'fd00:10:96::10'] });

runRuleTests(rule, {
  valid: [
    {
      name: 'both families have the same ready backends',
      objects: [DUAL_KUBEADM, dualSvc, endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }]), endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5', uid: 'p1' }])],
    },
    { name: 'no backends at all is not a dual-stack issue', objects: [DUAL_KUBEADM, dualSvc, endpointSlice('web', 'IPv4', [])] },
    {
      name: 'nil ready counts as ready',
      objects: [DUAL_KUBEADM, dualSvc, endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }]), endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5', uid: 'p1' }])],
    },
    {
      name: 'single-stack Service is out of scope',
      objects: [DUAL_KUBEADM, svc({ clusterIPs: ['10.96.0.10'], families: ['IPv4'] }), endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }])],
    },
    {
      name: 'FQDN slices are ignored',
      objects: [DUAL_KUBEADM, dualSvc, endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }]), endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5', uid: 'p1' }]), { ...endpointSlice('web', 'IPv4', [{ address: 'a.example.com', uid: 'p9' }], 'fqdn'), addressType: 'FQDN' }],
    },
  ],
  invalid: [
    {
      name: 'IPv6 has no ready endpoint',
      objects: [DUAL_KUBEADM, dualSvc, endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }]), endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5', uid: 'p1', ready: false }])],
      expect: [{ messageId: 'noEndpoints', object: 'Service default/web', severity: 'error', path: 'spec.ipFamilies' }],
    },
    {
      name: 'one backend lacks an IPv6 address',
      objects: [
        DUAL_KUBEADM,
        dualSvc,
        endpointSlice('web', 'IPv4', [{ address: '10.244.1.5', uid: 'p1' }, { address: '10.244.2.5', uid: 'p2' }]),
        endpointSlice('web', 'IPv6', [{ address: 'fd00:10:244:1::5', uid: 'p1' }]),
      ],
      expect: [{ messageId: 'fewerEndpoints', object: 'Service default/web', severity: 'warning' }],
    },
  ],
});
