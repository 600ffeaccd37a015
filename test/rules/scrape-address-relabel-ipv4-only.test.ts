import rule from '../../rules/scrape-address-relabel-ipv4-only.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const promConfig = (relabel: string) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'prometheus', namespace: 'monitoring' },
  data: { 'prometheus.yml': `scrape_configs:\n- job_name: pods\n  relabel_configs:\n${relabel}` },
});
const CLASSIC = '  - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]\n    regex: ([^:]+)(?::\\d+)?;(\\d+)\n    replacement: $1:$2\n    target_label: __address__\n';
const monitor = (kind: 'ServiceMonitor' | 'PodMonitor', relabeling: Record<string, unknown>) => ({
  apiVersion: 'monitoring.coreos.com/v1', kind, metadata: { name: 'app', namespace: 'shop' },
  spec: { [kind === 'ServiceMonitor' ? 'endpoints' : 'podMetricsEndpoints']: [{ port: 'metrics', relabelings: [relabeling] }] },
});

runRuleTests(rule, {
  valid: [
    { name: 'no Prometheus configuration in the input', objects: [svc()] },
    { name: 'the classic rule writing another label than __address__', objects: [promConfig(CLASSIC.replace('target_label: __address__', 'target_label: host'))] },
    { name: 'a keep action with a colon-free class', objects: [promConfig('  - source_labels: [__address__]\n    regex: ([^:]+):(\\d+)\n    action: keep\n    target_label: __address__\n')] },
    { name: 'a lazy host from __address__ keeps the brackets', objects: [promConfig('  - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]\n    regex: (.+?)(?::\\d+)?;(\\d+)\n    replacement: $1:$2\n    target_label: __address__\n')] },
    { name: 'the pod IP in brackets', objects: [monitor('PodMonitor', { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'], regex: '(\\d+);(.+)', replacement: '[$2]:$1', targetLabel: '__address__' })] },
    { name: 'an IPv4-only pattern for the pod IP', objects: [monitor('PodMonitor', { sourceLabels: ['__meta_kubernetes_pod_annotation_prometheus_io_port', '__meta_kubernetes_pod_ip'], regex: '(\\d+);((([0-9]+?)(\\.|$)){4})', replacement: '$2:$1', targetLabel: '__address__' })] },
    { name: 'a host from a name label, which holds no colon', objects: [monitor('ServiceMonitor', { sourceLabels: ['__meta_kubernetes_pod_name', '__meta_kubernetes_pod_annotation_prometheus_io_port'], regex: '([^:]+);(\\d+)', replacement: '$1:$2', targetLabel: '__address__' })] },
    { name: 'a scrape config that is not valid YAML', objects: [promConfig('  - [unclosed\n')] },
  ],
  invalid: [
    {
      name: 'the classic pod-annotation rule in a ConfigMap, with its line',
      objects: [DUAL_KUBEADM, promConfig(CLASSIC)],
      expect: [{ messageId: 'stopsAtColon', object: 'ConfigMap monitoring/prometheus', severity: 'warning', path: 'data.prometheus.yml', confidence: 'high' }],
    },
    {
      name: 'a ServiceMonitor relabeling with [^:]* and a literal port, action Replace',
      objects: [monitor('ServiceMonitor', { sourceLabels: ['__address__'], regex: '([^:]*):.*', replacement: '${1}:9102', action: 'Replace', targetLabel: '__address__' })],
      expect: [{ messageId: 'stopsAtColon', object: 'ServiceMonitor shop/app', path: 'spec.endpoints[0].relabelings[0]', confidence: 'high' }],
    },
    {
      name: 'a named group for the host',
      objects: [monitor('ServiceMonitor', { sourceLabels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'], regex: '(?P<host>[^:]+)(?::\\d+)?;(\\d+)', replacement: '${host}:$2', targetLabel: '__address__' })],
      expect: [{ messageId: 'stopsAtColon', object: 'ServiceMonitor shop/app', path: 'spec.endpoints[0].relabelings[0]' }],
    },
    {
      name: 'the pod IP joined to a port without brackets',
      objects: [monitor('PodMonitor', { sourceLabels: ['__meta_kubernetes_pod_ip', '__meta_kubernetes_pod_annotation_prometheus_io_port'], regex: '(.+);(\\d+)', replacement: '$1:$2', targetLabel: '__address__' })],
      expect: [{ messageId: 'unbracketed', object: 'PodMonitor shop/app', path: 'spec.podMetricsEndpoints[0].relabelings[0]', confidence: 'medium' }],
    },
    {
      name: 'the default regex and replacement on a pod IP, joined in the replacement',
      objects: [monitor('PodMonitor', { sourceLabels: ['__meta_kubernetes_pod_ip'], replacement: '$1:8080', targetLabel: '__address__' })],
      expect: [{ messageId: 'unbracketed', object: 'PodMonitor shop/app', path: 'spec.podMetricsEndpoints[0].relabelings[0]' }],
    },
    {
      name: 'single-stack cluster: worklist item at info',
      objects: [IPV4_KUBEADM, promConfig(CLASSIC)],
      expect: [{ messageId: 'stopsAtColon', object: 'ConfigMap monitoring/prometheus', severity: 'info' }],
    },
  ],
});
