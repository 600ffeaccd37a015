import rule from '../../rules/istio-listener-missing-additional-address.js';
import { svc } from '../helpers/builders.js';
import { adminDump, listener, listenerDump } from '../helpers/istio.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const POD = { namespace: 'shop', name: 'cart-1' };
const dualDb = svc({ name: 'db', namespace: 'shop', policy: 'RequireDualStack', clusterIPs: ['10.96.5.5', 'fd00:10:96::5:5'] });
const v4Db = svc({ name: 'db', namespace: 'shop', clusterIPs: ['10.96.5.5'] });

runRuleTests(rule, {
  valid: [
    { name: 'listener with the second ClusterIP in additionalAddresses', objects: [dualDb, listenerDump([listener('10.96.5.5_5432', '10.96.5.5', 5432, ['fd00:10:96::5:5'])], POD)] },
    { name: 'IPv6 written in another form still matches', objects: [dualDb, listenerDump([listener('10.96.5.5_5432', '10.96.5.5', 5432, ['fd00:10:96:0:0:0:5:5'])], POD)] },
    { name: 'single-stack Service', objects: [v4Db, listenerDump([listener('10.96.5.5_5432', '10.96.5.5', 5432)], POD)] },
    { name: 'HTTP ports are served by the wildcard listener (DS405)', objects: [dualDb, listenerDump([listener('0.0.0.0_8080', '0.0.0.0', 8080)], POD)] },
  ],
  invalid: [
    {
      name: 'outbound listener on the IPv4 ClusterIP only',
      objects: [dualDb, listenerDump([listener('10.96.5.5_5432', '10.96.5.5', 5432)], POD)],
      expect: [{ messageId: 'missing', object: 'EnvoyConfigDump shop/cart-1', path: 'dump[0]' }],
    },
    {
      name: 'admin dump without additional_addresses',
      objects: [dualDb, adminDump({ ...POD, ip: '10.244.1.5' }, [{ name: '10.96.5.5_5432', address: '10.96.5.5', port: 5432, extra: [] }])],
      expect: [{ messageId: 'missing', object: 'EnvoyConfigDump shop/cart-1' }],
    },
  ],
  notAssessed: [{ name: 'no Services', objects: [listenerDump([listener('10.96.5.5_5432', '10.96.5.5', 5432)], POD)] }],
});
