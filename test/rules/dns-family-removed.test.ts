import rule from '../../rules/dns-family-removed.js';
import { DUAL_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const kubeDns = (clusterIPs: string[]) => svc({ name: 'kube-dns', namespace: 'kube-system', policy: clusterIPs.length > 1 ? 'PreferDualStack' : 'SingleStack', clusterIPs, selector: { 'k8s-app': 'kube-dns' } });
const kubeletConfig = (clusterDNS: string[]) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kubelet-config', namespace: 'kube-system' },
  data: { kubelet: `kind: KubeletConfiguration\nclusterDNS: [${clusterDNS.map((ip) => JSON.stringify(ip)).join(', ')}]\n` },
});
const deployment = (nameservers: string[]) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { dnsPolicy: 'None', dnsConfig: { nameservers }, containers: [{ name: 'api', image: 'api:1' }] } } },
});

runRuleTests(rule, {
  valid: [
    { name: 'single-stack kube-dns of the kept family', objects: [DUAL_KUBEADM, kubeDns(['10.96.0.10'])], rollbackTo: 'IPv4' },
    { name: 'IPv4 clusterDNS on a rollback to IPv4', objects: [DUAL_KUBEADM, kubeletConfig(['10.96.0.10'])], rollbackTo: 'IPv4' },
    { name: 'IPv4 nameservers on a rollback to IPv4', objects: [DUAL_KUBEADM, deployment(['10.96.0.10', '1.1.1.1'])], rollbackTo: 'IPv4' },
    { name: 'dual-stack Service that is not kube-dns', objects: [DUAL_KUBEADM, svc({ name: 'web', policy: 'PreferDualStack', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'] })], rollbackTo: 'IPv4' },
    { name: 'a primary change removes no family', objects: [DUAL_KUBEADM, kubeDns(['10.96.0.10', 'fd00:10:96::a'])], newPrimary: 'IPv6' },
  ],
  invalid: [
    {
      name: 'dual-stack kube-dns on a rollback to IPv4',
      objects: [DUAL_KUBEADM, kubeDns(['10.96.0.10', 'fd00:10:96::a'])],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'kubeDnsIp', object: 'Service kube-system/kube-dns', severity: 'warning', path: 'spec.clusterIPs[1]' }],
    },
    {
      name: 'kubelet clusterDNS holds an IPv6 address',
      objects: [DUAL_KUBEADM, kubeletConfig(['10.96.0.10', 'fd00:10:96::a'])],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'kubeletClusterDns', object: 'ConfigMap kube-system/kubelet-config', severity: 'warning', path: 'data.kubelet' }],
    },
    {
      name: 'pod template nameserver of the removed family',
      objects: [DUAL_KUBEADM, deployment(['10.96.0.10', 'fd00:10:96::a'])],
      rollbackTo: 'IPv4',
      expect: [{ messageId: 'podNameserver', object: 'Deployment shop/api', severity: 'warning', path: 'spec.template.spec.dnsConfig.nameservers[1]' }],
    },
    {
      name: 'IPv4 turned off: the IPv4 kube-dns address',
      objects: [DUAL_KUBEADM, kubeDns(['10.96.0.10', 'fd00:10:96::a'])],
      target: 'ipv6-only',
      expect: [{ messageId: 'kubeDnsIp', object: 'Service kube-system/kube-dns', severity: 'warning', path: 'spec.clusterIPs[0]' }],
    },
    {
      name: 'no scenario: info, as if the secondary family were removed',
      objects: [DUAL_KUBEADM, kubeDns(['10.96.0.10', 'fd00:10:96::a'])],
      expect: [{ messageId: 'kubeDnsIp', object: 'Service kube-system/kube-dns', severity: 'info' }],
    },
  ],
});
