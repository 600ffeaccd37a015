import rule from '../../rules/istio-wildcard-listener-single-family.js';
import { DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { adminDump, listener, listenerDump, meshedPod } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const POD = { namespace: 'shop', name: 'cart-1' };
const dualPod = meshedPod('cart-1', ['10.244.1.5', 'fd00:10:244:1::5']);
const v4Pod = meshedPod('cart-1', ['10.244.1.5']);
const clean = [
  listener('virtualInbound', '0.0.0.0', 15006, ['::']),
  listener('virtualOutbound', '0.0.0.0', 15001, ['::']),
  listener('0.0.0.0_8080', '0.0.0.0', 8080, ['::']),
  listener('10.96.0.10_53', '10.96.0.10', 53),
];

runRuleTests(rule, {
  valid: [
    { name: 'both wildcards on every wildcard listener', objects: [dualPod, listenerDump(clean, POD)] },
    { name: ':: with ipv4Compat accepts both families', objects: [dualPod, listenerDump([listener('virtualInbound', '::', 15006, [], { ipv4Compat: true })], POD)] },
    { name: 'a separate :: listener on the same port', objects: [dualPod, listenerDump([listener('0.0.0.0_80', '0.0.0.0', 80), listener('[::]_80', '::', 80)], POD)] },
    { name: 'IPv4-only pod: not a mesh finding', objects: [v4Pod, listenerDump([listener('virtualInbound', '0.0.0.0', 15006)], POD)] },
    { name: 'pod unknown on a single-stack cluster', objects: [IPV4_KUBEADM, listenerDump([listener('virtualInbound', '0.0.0.0', 15006)])] },
    {
      name: 'listeners without a name or a socket address are skipped, and static listeners too',
      objects: [dualPod, listenerDump([{ name: 'main_internal', internalListener: {}, filterChains: [] }], POD), adminDump({ ...POD, ip: '10.244.1.5' }, [])],
    },
  ],
  invalid: [
    {
      name: 'virtualInbound and a wildcard listener on 0.0.0.0 only, reported once per proxy',
      objects: [dualPod, listenerDump([listener('0.0.0.0_8080', '0.0.0.0', 8080), listener('virtualInbound', '0.0.0.0', 15006), listener('virtualOutbound', '0.0.0.0', 15001, ['::'])], POD)],
      expect: [{ messageId: 'singleFamily', object: 'EnvoyConfigDump shop/cart-1', severity: 'error', path: 'dump[1].address.socketAddress' }],
    },
    {
      name: 'only ordinary wildcard listeners: a warning',
      objects: [dualPod, listenerDump([listener('0.0.0.0_8080', '0.0.0.0', 8080)], POD)],
      expect: [{ messageId: 'singleFamily', object: 'EnvoyConfigDump shop/cart-1', severity: 'warning' }],
    },
    {
      name: ':: without ipv4Compat and no 0.0.0.0',
      objects: [dualPod, listenerDump([listener('virtualInbound', '::', 15006)], POD)],
      expect: [{ messageId: 'singleFamily', object: 'EnvoyConfigDump shop/cart-1', severity: 'error' }],
    },
    {
      name: 'admin config_dump attached by its node id; pod not in the input on a dual-stack cluster',
      objects: [DUAL_KUBEADM, adminDump({ ...POD, ip: '10.244.1.5' }, [{ name: 'virtualInbound', address: '0.0.0.0', port: 15006 }])],
      expect: [{ messageId: 'singleFamily', object: 'EnvoyConfigDump shop/cart-1', path: 'dump.configs[1].dynamic_listeners[0].active_state.listener.address.socket_address' }],
    },
  ],
  notAssessed: [{ name: 'no listener dump', objects: [dualPod] }],
});
