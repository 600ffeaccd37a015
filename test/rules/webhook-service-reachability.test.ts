import rule from '../../rules/webhook-service-reachability.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, kubeadmConfigMap, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const IPV6_FIRST_KUBEADM = kubeadmConfigMap('fd00:10:244::/56,10.244.0.0/16', 'fd00:10:96::/112,10.96.0.0/16');

function webhook(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', service: { name: string; namespace: string; port?: number } | null): Record<string, unknown> {
  return {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name: 'hook' },
    webhooks: [{ name: 'hook.example.com', clientConfig: service ? { service } : { url: 'https://hook.example.com/validate' } }],
  };
}

function apiService(service?: { name: string; namespace: string; port?: number }): Record<string, unknown> {
  return { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' }, spec: { group: 'metrics.k8s.io', version: 'v1beta1', ...(service ? { service } : {}) } };
}

// Port 80: the port the svc() builder gives its Services.
const ADMISSION = { name: 'admission', namespace: 'hooks', port: 80 };

runRuleTests(rule, {
  valid: [
    { name: 'no webhook or APIService in the input', objects: [DUAL_KUBEADM, svc({ name: 'admission', namespace: 'hooks' })] },
    { name: 'a webhook called by URL names no Service', objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', null), svc({ name: 'admission', namespace: 'hooks' })] },
    { name: 'a local APIService names no Service', objects: [DUAL_KUBEADM, apiService(), svc({ name: 'admission', namespace: 'hooks' })] },
    { name: 'dual-stack webhook Service with the API server family first', objects: [DUAL_KUBEADM, webhook('MutatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, policy: 'PreferDualStack' })] },
    { name: 'live single-stack webhook Service of the primary family on an IPv4 target', target: 'ipv4', objects: [IPV4_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, clusterIPs: ['10.96.0.40'] })] },
    { name: 'headless Service: no cluster IP to judge', objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, clusterIPs: ['None'] })] },
    {
      name: 'a single-stack Service with ports the API server does not call serves pods too (istiod): DS101, not DS606',
      objects: [DUAL_KUBEADM, webhook('MutatingWebhookConfiguration', { name: 'admission', namespace: 'hooks', port: 443 }), svc({ ...ADMISSION, clusterIPs: ['10.96.0.40'] })],
    },
    { name: 'the referenced Service is in another namespace', objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ name: 'admission', namespace: 'other' })] },
  ],
  invalid: [
    {
      name: 'single-stack admission Service on a dual-stack cluster is only an info note',
      objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, clusterIPs: ['10.96.0.40'] })],
      expect: [{ messageId: 'apiServerOnly', object: 'Service hooks/admission', severity: 'info', path: 'spec.ipFamilyPolicy' }],
    },
    {
      name: 'manifest without families on an unknown cluster',
      objects: [apiService(ADMISSION), svc(ADMISSION)],
      expect: [{ messageId: 'apiServerOnly', object: 'Service hooks/admission', severity: 'info' }],
    },
    {
      name: 'live IPv6 webhook Service on an IPv4-primary cluster',
      objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, clusterIPs: ['fd00:10:96::40'] })],
      expect: [{ messageId: 'otherFamily', object: 'Service hooks/admission', severity: 'warning', path: 'spec.clusterIPs[0]', fix: 'Recreate Service hooks/admission with spec.ipFamilies: [IPv4] (the first family cannot be changed in place)', confidence: 'medium' }],
    },
    {
      name: 'IPv4 APIService Service on an IPv6-primary cluster',
      objects: [IPV6_FIRST_KUBEADM, apiService(ADMISSION), svc({ ...ADMISSION, policy: 'PreferDualStack', families: ['IPv4', 'IPv6'] })],
      expect: [{ messageId: 'otherFamily', object: 'Service hooks/admission', path: 'spec.ipFamilies[0]', fix: 'Recreate Service hooks/admission with spec.ipFamilies: [IPv6, IPv4] (the first family cannot be changed in place)' }],
    },
    {
      name: 'target ipv6-only: the API server connects over IPv6 after the change',
      target: 'ipv6-only',
      objects: [DUAL_KUBEADM, webhook('ValidatingWebhookConfiguration', ADMISSION), svc({ ...ADMISSION, clusterIPs: ['10.96.0.40', 'fd00:10:96::40'], policy: 'PreferDualStack' })],
      expect: [{ messageId: 'otherFamily', object: 'Service hooks/admission', path: 'spec.clusterIPs[0]' }],
    },
  ],
});
