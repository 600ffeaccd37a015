import rule from '../../rules/kubelet-node-ip-invalid.js';
import { controlPlanePod, DUAL_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

/** A kubeadm JoinConfiguration (v1beta4 list form) passing `args` to the kubelet. */
const join = (args: Record<string, string>) => ({
  apiVersion: 'kubeadm.k8s.io/v1beta4',
  kind: 'JoinConfiguration',
  nodeRegistration: { name: 'worker1', kubeletExtraArgs: Object.entries(args).map(([name, value]) => ({ name, value })) },
});
/** The same in v1beta3's map form, as an InitConfiguration. */
const init = (args: Record<string, string>) => ({ apiVersion: 'kubeadm.k8s.io/v1beta3', kind: 'InitConfiguration', nodeRegistration: { name: 'cp1', kubeletExtraArgs: args } });
const node = (providedNodeIp: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'n1', annotations: { 'alpha.kubernetes.io/provided-node-ip': providedNodeIp } },
  status: { addresses: [{ type: 'InternalIP', address: '192.0.2.11' }] },
});
/** A kube-apiserver static pod of the given version, so the cluster version is known. */
const apiserver = (version: string) => {
  const pod = controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' }) as { spec: { containers: { image: string }[] } };
  pod.spec.containers[0].image = `registry.k8s.io/kube-apiserver:v${version}`;
  return pod;
};

runRuleTests(rule, {
  valid: [
    { name: 'a single IP', objects: [init({ 'node-ip': '192.0.2.11' })] },
    { name: 'a dual-stack pair, IPv6 first', objects: [join({ 'node-ip': '2001:db8::11,192.0.2.11' })] },
    { name: 'a pair with spaces after the comma (trimmed)', objects: [init({ 'node-ip': '192.0.2.11, 2001:db8::11' })] },
    { name: 'a single unspecified address (autodetect)', objects: [init({ 'node-ip': '::' })] },
    { name: 'a pair with --cloud-provider=external on 1.29', objects: [apiserver('1.29.0'), join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'external' })] },
    { name: 'a pair with external on 1.28 and the gate on', objects: [apiserver('1.28.4'), join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'external', 'feature-gates': 'CloudDualStackNodeIPs=true' })] },
    { name: 'a pair with external, version unknown', objects: [join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'external' })] },
    { name: 'a single IP with a cloud provider', objects: [join({ 'node-ip': '192.0.2.11', 'cloud-provider': 'gce' })] },
    { name: 'a valid annotation pair', objects: [DUAL_KUBEADM, node('192.0.2.11,2001:db8::11')] },
    { name: 'a single-IP annotation is DS108 territory, not this rule', objects: [DUAL_KUBEADM, node('192.0.2.11')] },
  ],
  invalid: [
    { name: 'two IPv4 addresses (v1beta3 map)', objects: [init({ 'node-ip': '192.0.2.11,192.0.2.12' })], expect: [{ messageId: 'notAPair', object: 'InitConfiguration cp1', severity: 'error' }] },
    { name: 'three addresses', objects: [join({ 'node-ip': '192.0.2.11,2001:db8::11,192.0.2.12' })], expect: [{ messageId: 'notAPair', object: 'JoinConfiguration worker1' }] },
    { name: 'a pair with 0.0.0.0', objects: [join({ 'node-ip': '0.0.0.0,2001:db8::11' })], expect: [{ messageId: 'unspecified', object: 'JoinConfiguration worker1' }] },
    { name: 'a pair with ::', objects: [init({ 'node-ip': '192.0.2.11,::' })], expect: [{ messageId: 'unspecified', object: 'InitConfiguration cp1' }] },
    { name: 'a pair with an in-tree cloud provider', objects: [join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'aws' })], expect: [{ messageId: 'cloudProvider', object: 'JoinConfiguration worker1' }] },
    { name: 'a pair with external on 1.28 without the gate', objects: [apiserver('1.28.4'), join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'external' })], expect: [{ messageId: 'externalTooOld', object: 'JoinConfiguration worker1' }] },
    { name: 'a pair with external on 1.26', objects: [apiserver('1.26.0'), join({ 'node-ip': '192.0.2.11,2001:db8::11', 'cloud-provider': 'external', 'feature-gates': 'CloudDualStackNodeIPs=true' })], expect: [{ messageId: 'externalTooOld', object: 'JoinConfiguration worker1' }] },
    { name: 'an unparsable entry is ignored by the kubelet', objects: [init({ 'node-ip': '192.0.2.11,node1' })], expect: [{ messageId: 'ignored', object: 'InitConfiguration cp1', severity: 'warning' }] },
    { name: 'annotation: two IPv6 addresses', objects: [node('2001:db8::11,2001:db8::12')], expect: [{ messageId: 'notAPair', object: 'Node n1' }] },
    { name: 'annotation: unparsable entry', objects: [node('192.0.2.11,bad')], expect: [{ messageId: 'annotationUnparsable', object: 'Node n1' }] },
  ],
  notAssessed: [
    { name: 'no --node-ip anywhere', objects: [DUAL_KUBEADM, init({ 'cloud-provider': 'external' })] },
  ],
});
