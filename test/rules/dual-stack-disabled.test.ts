import rule from '../../rules/dual-stack-disabled.js';
import { controlPlanePod, DUAL_KUBEADM, IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const RANGE = { 'service-cluster-ip-range': '10.96.0.0/16,fd00:10:96::/112' };
/** A control-plane static pod of the given version. */
const pod = (component: 'kube-apiserver' | 'kube-controller-manager', version: string, flags: Record<string, string> = {}) => {
  const p = controlPlanePod(component, { ...RANGE, ...flags }) as { spec: { containers: { image: string }[] } };
  p.spec.containers[0].image = `registry.k8s.io/${component}:v${version}`;
  return p;
};
const kubeletConfig = (gates: Record<string, boolean>) => ({ apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration', featureGates: gates });
const join = (gates: string) => ({
  apiVersion: 'kubeadm.k8s.io/v1beta4',
  kind: 'JoinConfiguration',
  nodeRegistration: { name: 'worker1', kubeletExtraArgs: [{ name: 'feature-gates', value: gates }] },
});
const kubeProxy = (gates: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system' },
  spec: { template: { spec: { containers: [{ name: 'kube-proxy', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', `--feature-gates=${gates}`] }] } } },
});
const kind = { apiVersion: 'kind.x-k8s.io/v1alpha4', kind: 'Cluster', featureGates: { IPv6DualStack: false }, networking: { ipFamily: 'dual' } };

runRuleTests(rule, {
  valid: [
    { name: 'GA version, no gate', objects: [pod('kube-apiserver', '1.31.0')] },
    { name: 'gate on, other gates off', objects: [pod('kube-apiserver', '1.31.0', { 'feature-gates': 'Other=false' }), kubeletConfig({ IPv6DualStack: true, Other: false })] },
    { name: 'gate off on a single-stack target', objects: [IPV4_KUBEADM, kubeletConfig({ IPv6DualStack: false })], target: 'ipv4' },
    { name: 'old version on a single-stack target', objects: [pod('kube-apiserver', '1.20.0', { 'service-cluster-ip-range': '10.96.0.0/16' })], target: 'ipv4' },
  ],
  invalid: [
    { name: 'apiserver flag', objects: [pod('kube-apiserver', '1.22.3', { 'feature-gates': 'IPv6DualStack=false' })], expect: [{ messageId: 'gateOff', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }, { messageId: 'beta', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'warning' }] },
    { name: 'controller-manager flag', objects: [pod('kube-controller-manager', '1.22.3', { 'feature-gates': 'Foo=true,IPv6DualStack=false' })], expect: [{ messageId: 'gateOff', object: 'Pod kube-system/kube-controller-manager-cp1' }] },
    { name: 'KubeletConfiguration featureGates', objects: [DUAL_KUBEADM, kubeletConfig({ IPv6DualStack: false })], expect: [{ messageId: 'gateOff', object: 'KubeletConfiguration (unnamed)' }] },
    { name: 'kubeadm kubeletExtraArgs', objects: [join('IPv6DualStack=false')], expect: [{ messageId: 'gateOff', object: 'JoinConfiguration worker1' }] },
    { name: 'kube-proxy DaemonSet flag', objects: [kubeProxy('IPv6DualStack=false')], expect: [{ messageId: 'gateOff', object: 'DaemonSet kube-system/kube-proxy' }] },
    { name: 'kind featureGates reach the controller-manager', objects: [kind], expect: [{ messageId: 'gateOff', object: 'Cluster kind' }] },
    { name: 'gate off on a dual-stack cluster with a single-stack target', objects: [DUAL_KUBEADM, kubeletConfig({ IPv6DualStack: false })], target: 'ipv4', expect: [{ messageId: 'gateOff', object: 'KubeletConfiguration (unnamed)' }] },
    { name: 'version before 1.21', objects: [pod('kube-apiserver', '1.20.4')], expect: [{ messageId: 'alpha', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'error' }] },
    { name: 'version 1.21 is beta', objects: [pod('kube-apiserver', '1.21.0')], expect: [{ messageId: 'beta', object: 'Pod kube-system/kube-apiserver-cp1', severity: 'warning' }] },
  ],
});
