import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/engine/run.js';
import rule from '../../rules/service-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, kubeadmConfigMap, svc } from '../helpers/builders.js';
import { modelOf, rawObjects, runRuleTests } from '../helpers/rule-tester.js';

runRuleTests(rule, {
  valid: [
    { name: 'PreferDualStack manifest on an unknown cluster', objects: [svc({ policy: 'PreferDualStack' })] },
    { name: 'RequireDualStack manifest', objects: [svc({ policy: 'RequireDualStack' })] },
    { name: 'live dual-stack Service', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.20', 'fd00:10:96::20'] })] },
    { name: 'PreferDualStack still single is DS103, not DS101', objects: [DUAL_KUBEADM, svc({ policy: 'PreferDualStack', clusterIPs: ['10.96.0.20'] })] },
    { name: 'headless Service is DS105', objects: [svc({ clusterIPs: ['None'] })] },
    { name: 'ExternalName', objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default' }, spec: { type: 'ExternalName', externalName: 'example.com' } }] },
    { name: 'default/kubernetes is single-stack by design', objects: [DUAL_KUBEADM, svc({ name: 'kubernetes', selector: null, clusterIPs: ['10.96.0.1'] })] },
    { name: 'NodePort is DS102', objects: [svc({ type: 'NodePort' })] },
    {
      name: 'a Service only the API server calls (admission webhook) is DS606',
      objects: [
        DUAL_KUBEADM,
        svc({ name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx', clusterIPs: ['10.96.0.50'] }),
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'ingress-nginx-admission' }, webhooks: [{ name: 'validate.nginx.ingress.kubernetes.io', clientConfig: { service: { name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx', port: 80 } } }] },
      ],
    },
    {
      name: 'a Service an operator generates is DS608',
      objects: [{ ...svc(), metadata: { name: 'web', namespace: 'default', ownerReferences: [{ apiVersion: 'rabbitmq.com/v1beta1', kind: 'RabbitmqCluster', name: 'web', controller: true }] } }],
    },
    { name: 'a Service generated for a Gateway is DS608', objects: [{ ...svc(), metadata: { name: 'web', namespace: 'default', labels: { 'gateway.networking.k8s.io/gateway-name': 'public' } } }] },
    { name: 'a Service CRD of another group is not a Service', objects: [svc({ policy: 'RequireDualStack' }), { apiVersion: 'example.com/v1', kind: 'Service', metadata: { name: 'x' }, spec: {} }] },
  ],
  invalid: [
    {
      name: 'a Service owned by a built-in controller\'s object stays DS101',
      objects: [{ ...svc(), metadata: { name: 'web', namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] } }],
      expect: [{ messageId: 'singleStack', object: 'Service default/web' }],
    },
    { name: 'unset policy in a manifest, unknown cluster', objects: [svc()], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'warning', path: 'spec.ipFamilyPolicy', fix: 'Set spec.ipFamilyPolicy: PreferDualStack on Service default/web' }] },
    { name: 'explicit SingleStack on a dual cluster', objects: [DUAL_KUBEADM, svc({ policy: 'SingleStack', families: ['IPv6'] })], expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'warning' }] },
    { name: 'live single-stack Service', objects: [DUAL_KUBEADM, svc({ policy: 'SingleStack', clusterIPs: ['10.96.0.30'] })], expect: [{ messageId: 'singleStack', object: 'Service default/web' }] },
    { name: 'IPv4-only cluster makes it a worklist item at info', objects: [IPV4_KUBEADM, svc({ name: 'api', namespace: 'shop' })], expect: [{ messageId: 'singleStack', object: 'Service shop/api', severity: 'info' }] },
    {
      name: 'partially dual-stack (pods dual, one service range) downgrades to info',
      objects: [kubeadmConfigMap('10.244.0.0/16,fd00:10:244::/56', '10.96.0.0/16'), svc()],
      expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'info' }],
    },
    {
      name: 'a webhook Service with ports the webhook does not use (istiod) still serves pods',
      objects: [
        DUAL_KUBEADM,
        svc({ name: 'istiod', namespace: 'istio-system', clusterIPs: ['10.96.0.60'] }),
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'istio-sidecar-injector' }, webhooks: [{ name: 'sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod', namespace: 'istio-system', port: 443 } } }] },
      ],
      expect: [{ messageId: 'singleStack', object: 'Service istio-system/istiod' }],
    },
    { name: 'a Service without namespace lands in the apply namespace', objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'nons', annotations: null }, spec: { selector: { app: 'x' } } }], expect: [{ messageId: 'singleStack', object: 'Service default/nons' }] },
  ],
  notAssessed: [{ name: 'target ipv4', objects: [svc()], target: 'ipv4' }],
});

describe('service-single-stack fix', () => {
  it('is a kubectl patch for a Service read from a cluster, where editing a manifest is not the way', () => {
    const raw = rawObjects([DUAL_KUBEADM, svc({ policy: 'SingleStack', clusterIPs: ['10.96.0.30'] })]).map((r) => ({ ...r, origin: { kind: 'cluster' as const, cluster: 'prod' } }));
    const outcome = runRule(rule, modelOf(raw));
    expect(outcome.kind === 'ran' ? outcome.drafts.map((d) => d.fix) : outcome).toEqual([
      `kubectl patch service web -n default --type merge -p '{"spec":{"ipFamilyPolicy":"PreferDualStack"}}'`,
    ]);
  });
});
