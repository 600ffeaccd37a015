import rule from '../../rules/coredns-aaaa-suppressed.js';
import { corednsConfigMap as coredns, IPV4_KUBEADM } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const KUBEADM = `.:53 {
    errors
    health
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
    }
    forward . /etc/resolv.conf
    cache 30
}
`;

runRuleTests(rule, {
  valid: [
    { name: 'kubeadm default Corefile', objects: [coredns(KUBEADM)] },
    {
      name: 'AAAA template scoped to a zone outside the cluster domain',
      objects: [coredns('.:53 {\n  template IN AAAA example.org {\n    rcode NOERROR\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
    },
    {
      name: 'template that answers AAAA queries',
      objects: [coredns('.:53 {\n  template IN AAAA cluster.local {\n    answer "{{ .Name }} 60 IN AAAA 2001:db8::1"\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
    },
    {
      name: 'template whose match regexp excludes cluster names',
      objects: [coredns('.:53 {\n  template ANY AAAA {\n    match "\\.corp\\.example\\.$"\n    rcode NXDOMAIN\n    fallthrough\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
    },
    {
      name: 'template for A queries',
      objects: [coredns('.:53 {\n  template IN A cluster.local {\n    rcode NXDOMAIN\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
    },
    {
      name: 'AAAA template in a server block that does not answer the cluster domain',
      objects: [coredns('.:53 {\n  template ANY AAAA {\n    rcode NOERROR\n  }\n  forward . 8.8.8.8\n}\ncluster.local:53 in-addr.arpa:53 ip6.arpa:53 {\n  kubernetes\n}\n')],
    },
    {
      name: 'rewrite of names, not of types',
      objects: [coredns('.:53 {\n  rewrite name regex (.*)\\.corp\\.internal {1}.default.svc.cluster.local\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
    },
    {
      name: 'a specific IPv6 reverse zone is served',
      objects: [coredns('.:53 {\n  kubernetes cluster.local in-addr.arpa 6.9.0.0.0.1.0.0.0.0.d.f.ip6.arpa\n}\n')],
    },
  ],
  invalid: [
    {
      name: 'template ANY AAAA with only an rcode blanks AAAA answers',
      objects: [coredns('.:53 {\n  template ANY AAAA {\n    rcode NOERROR\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
      expect: [{ messageId: 'templateSuppressesAaaa', object: 'ConfigMap kube-system/coredns', severity: 'error', path: 'data.Corefile' }],
    },
    {
      name: 'template IN AAAA on the cluster domain from an imported snippet',
      objects: [coredns('(v4only) {\n  template IN AAAA cluster.local\n}\n.:53 {\n  import v4only\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
      expect: [{ messageId: 'templateSuppressesAaaa', object: 'ConfigMap kube-system/coredns', severity: 'error' }],
    },
    {
      name: 'template whose match regexp takes Service names',
      objects: [coredns('.:53 {\n  template IN AAAA {\n    match "\\.svc\\.cluster\\.local\\.$"\n    rcode NXDOMAIN\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
      expect: [{ messageId: 'templateSuppressesAaaa', object: 'ConfigMap kube-system/coredns' }],
    },
    {
      name: 'template whose match regexp cannot be checked',
      objects: [coredns('.:53 {\n  template IN AAAA {\n    match "\\Afoo"\n  }\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
      expect: [{ messageId: 'templateSuppressesAaaa', object: 'ConfigMap kube-system/coredns' }],
    },
    {
      name: 'rewrite type AAAA A',
      objects: [coredns('.:53 {\n  rewrite stop type AAAA A\n  kubernetes cluster.local in-addr.arpa ip6.arpa\n}\n')],
      expect: [{ messageId: 'rewriteSuppressesAaaa', object: 'ConfigMap kube-system/coredns', severity: 'error', path: 'data.Corefile' }],
    },
    {
      name: 'kubernetes plugin without ip6.arpa is info',
      objects: [coredns('.:53 {\n  kubernetes cluster.local in-addr.arpa\n  forward . /etc/resolv.conf\n}\n')],
      expect: [{ messageId: 'ip6ArpaNotServed', object: 'ConfigMap kube-system/coredns', severity: 'info', path: 'data.Corefile' }],
    },
    {
      name: 'on an IPv4 cluster an AAAA template is a worklist item',
      objects: [IPV4_KUBEADM, coredns('.:53 {\n  template IN AAAA {\n    rcode NOERROR\n  }\n  kubernetes cluster.local in-addr.arpa\n}\n')],
      expect: [
        { messageId: 'templateSuppressesAaaa', object: 'ConfigMap kube-system/coredns', severity: 'info' },
        { messageId: 'ip6ArpaNotServed', object: 'ConfigMap kube-system/coredns', severity: 'info' },
      ],
    },
  ],
  notAssessed: [
    { name: 'no coredns ConfigMap among the ConfigMaps', objects: [IPV4_KUBEADM] },
    { name: 'coredns ConfigMap without a Corefile', objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'coredns', namespace: 'kube-system' }, data: {} }] },
    { name: 'no ConfigMap in the input', objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { ports: [{ port: 80 }] } }] },
    { name: 'single-stack target', objects: [coredns(KUBEADM)], target: 'ipv4' },
  ],
});
