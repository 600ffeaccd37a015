import rule from '../../rules/cidr-config-inconsistent.js';
import { controlPlanePod, DUAL_KUBEADM, kubeProxyConfigMap } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const DUAL_PODS = '10.244.0.0/16,fd00:10:244::/56';
const DUAL_SERVICES = '10.96.0.0/16,fd00:10:96::/112';
const kubeProxyDaemonSet = (clusterCidr: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
  spec: { template: { spec: { containers: [{ name: 'kube-proxy', command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', `--cluster-cidr=${clusterCidr}`] }] } } },
});
const kindWithPatch = {
  apiVersion: 'kind.x-k8s.io/v1alpha4',
  kind: 'Cluster',
  name: 'dual',
  networking: { ipFamily: 'dual' },
  kubeadmConfigPatches: ['kind: ClusterConfiguration\ncontrollerManager:\n  extraArgs:\n    cluster-cidr: "10.244.0.0/16"\n'],
};

runRuleTests(rule, {
  valid: [
    {
      name: 'static pods, kubeadm and kube-proxy agree',
      objects: [
        DUAL_KUBEADM,
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': DUAL_SERVICES }),
        controlPlanePod('kube-controller-manager', { 'cluster-cidr': DUAL_PODS, 'service-cluster-ip-range': DUAL_SERVICES }),
        kubeProxyConfigMap(`clusterCIDR: ${DUAL_PODS}\n`),
      ],
    },
    { name: 'a single source agrees with itself', objects: [DUAL_KUBEADM] },
    { name: 'non-canonical text of the same ranges', objects: [DUAL_KUBEADM, controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/16,FD00:10:96:0::/112' })] },
    {
      name: 'the DaemonSet flag overrides a stale config file',
      objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: 10.244.0.0/16\n'), kubeProxyDaemonSet(DUAL_PODS)],
    },
  ],
  invalid: [
    {
      name: 'kind patch pins the controller-manager to IPv4',
      objects: [kindWithPatch],
      expect: [{ messageId: 'differs', object: 'Cluster dual', severity: 'error' }],
    },
    {
      name: 'a second API server with another range',
      objects: [
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': DUAL_SERVICES }, 'cp1'),
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': '10.96.0.0/12,fd00:10:96::/112' }, 'cp2'),
      ],
      expect: [{ messageId: 'differs', object: 'Pod kube-system/kube-apiserver-cp2' }],
    },
    {
      name: 'kube-proxy lists the families in another order',
      objects: [DUAL_KUBEADM, kubeProxyConfigMap('clusterCIDR: fd00:10:244::/56,10.244.0.0/16\n')],
      expect: [{ messageId: 'orderDiffers', object: 'ConfigMap kube-system/kube-proxy', severity: 'warning' }],
    },
    {
      name: 'the kubernetes ServiceCIDR lags behind the flag',
      objects: [
        controlPlanePod('kube-apiserver', { 'service-cluster-ip-range': DUAL_SERVICES }),
        { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: { name: 'kubernetes' }, spec: { cidrs: ['10.96.0.0/16'] } },
      ],
      expect: [{ messageId: 'differs', object: 'ServiceCIDR kubernetes' }],
    },
  ],
  notAssessed: [{ name: 'no component declares ranges', objects: [], podCidrs: ['10.244.0.0/16'] }],
});
