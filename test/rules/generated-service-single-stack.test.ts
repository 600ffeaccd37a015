import rule from '../../rules/generated-service-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

type Obj = Record<string, unknown>;

/** `svc()` with metadata merged in (labels, ownerReferences). */
function owned(metadata: Obj, o: Parameters<typeof svc>[0] = {}): Obj {
  const s = svc(o);
  return { ...s, metadata: { ...(s.metadata as Obj), ...metadata } };
}

const KAFKA_REF = { apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'Kafka', name: 'events', controller: true };
const GATEWAY_REF = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'public' };
const ISTIO_LABELS = { 'gateway.networking.k8s.io/gateway-name': 'public', 'gateway.istio.io/managed': 'istio.io-gateway-controller' };
const ENVOY_LABELS = { 'gateway.envoyproxy.io/owning-gateway-name': 'eg', 'gateway.envoyproxy.io/owning-gateway-namespace': 'edge' };
const HELM = { 'meta.helm.sh/release-name': 'platform', 'meta.helm.sh/release-namespace': 'infra' };

runRuleTests(rule, {
  valid: [
    { name: 'a Service nothing generates is DS101', objects: [svc()] },
    { name: 'a Helm-managed Service is DS101 (its fix is the chart)', objects: [svc({ annotations: HELM })] },
    { name: 'an operator Service that asks for both families', objects: [owned({ ownerReferences: [KAFKA_REF] }, { policy: 'RequireDualStack' })] },
    { name: 'a live dual-stack Gateway Service', objects: [DUAL_KUBEADM, owned({ ownerReferences: [GATEWAY_REF] }, { type: 'LoadBalancer', policy: 'PreferDualStack', clusterIPs: ['10.96.0.9', 'fd00:10:96::9'] })] },
    { name: 'a headless operator Service is DS105', objects: [owned({ ownerReferences: [KAFKA_REF] }, { clusterIPs: ['None'] })] },
    {
      name: 'an ExternalName Service a controller generates',
      objects: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'ext', namespace: 'default', ownerReferences: [KAFKA_REF] }, spec: { type: 'ExternalName', externalName: 'example.com' } }],
    },
    { name: 'a Service owned by a built-in controller\'s object', objects: [owned({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', controller: true }] })] },
    { name: 'a Service owned by another *.k8s.io group', objects: [owned({ ownerReferences: [{ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' }] })] },
    { name: 'a live PreferDualStack ClusterIP Service that stayed single is DS103', objects: [DUAL_KUBEADM, owned({ ownerReferences: [KAFKA_REF] }, { policy: 'PreferDualStack', clusterIPs: ['10.96.0.9'] })] },
    {
      name: 'a Service only the API server calls is DS606',
      objects: [
        DUAL_KUBEADM,
        owned({ ownerReferences: [KAFKA_REF] }, { name: 'admission', clusterIPs: ['10.96.0.50'] }),
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'v' }, webhooks: [{ name: 'v.example.com', clientConfig: { service: { name: 'admission', namespace: 'default', port: 80 } } }] },
      ],
    },
  ],
  invalid: [
    {
      name: 'an operator-generated ClusterIP Service names its resource and says to check the controller',
      objects: [owned({ ownerReferences: [KAFKA_REF] })],
      expect: [{
        messageId: 'singleStack', object: 'Service default/web', severity: 'warning', path: 'spec.ipFamilyPolicy',
        fix: "set the family through Kafka default/events if its controller offers a Service setting (check the controller's documentation)",
      }],
    },
    {
      name: 'the controller reference wins over other owners',
      objects: [owned({ ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'lock' }, KAFKA_REF] }, { clusterIPs: ['10.96.0.7'] }), DUAL_KUBEADM],
      expect: [{ messageId: 'singleStack', object: 'Service default/web', fix: "set the family through Kafka default/events if its controller offers a Service setting (check the controller's documentation)" }],
    },
    {
      name: 'an Istio Gateway LoadBalancer is an error routed to the kube-gateway template',
      objects: [owned({ labels: ISTIO_LABELS, ownerReferences: [GATEWAY_REF] }, { type: 'LoadBalancer' })],
      expect: [{
        messageId: 'singleStack', object: 'Service default/web', severity: 'error',
        fix: 'Istio renders this Service for Gateway default/public from the kube-gateway template of ConfigMap istio-sidecar-injector, which sets ipFamilyPolicy: PreferDualStack in current Istio: upgrade Istio, or set the policy in that template',
      }],
    },
    {
      name: 'the Gateway in the input names Istio by its class when the Service labels do not',
      objects: [
        owned({ ownerReferences: [GATEWAY_REF] }, { type: 'LoadBalancer' }),
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'public', namespace: 'default' }, spec: { gatewayClassName: 'istio', listeners: [] } },
      ],
      expect: [{
        messageId: 'singleStack', object: 'Service default/web', severity: 'error',
        fix: 'Istio renders this Service for Gateway default/public from the kube-gateway template of ConfigMap istio-sidecar-injector, which sets ipFamilyPolicy: PreferDualStack in current Istio: upgrade Istio, or set the policy in that template',
      }],
    },
    {
      name: 'an Envoy Gateway Service is routed to EnvoyProxy spec.ipFamily, and to the Gateway\'s chart when Helm installs it',
      objects: [
        owned({ namespace: 'envoy-gateway-system', labels: ENVOY_LABELS }, { name: 'envoy-edge-eg', namespace: 'envoy-gateway-system' }),
        { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'eg', namespace: 'edge', annotations: HELM }, spec: { gatewayClassName: 'eg', listeners: [] } },
      ],
      expect: [{
        messageId: 'singleStack', object: 'Service envoy-gateway-system/envoy-edge-eg', severity: 'warning',
        fix: 'set spec.ipFamily: DualStack on the EnvoyProxy that Gateway edge/eg uses (its GatewayClass spec.parametersRef, or its own spec.infrastructure.parametersRef); Envoy Gateway then generates the Service with both families; Gateway edge/eg itself comes from Helm release infra/platform: change it there',
      }],
    },
    {
      name: 'a Gateway of another implementation says to check the controller\'s documentation',
      objects: [owned({ labels: { 'gateway.networking.k8s.io/gateway-name': 'public' } }, { type: 'NodePort', policy: 'SingleStack' })],
      expect: [{
        messageId: 'singleStack', object: 'Service default/web', severity: 'warning',
        fix: "Gateway API itself has no IP-family field: set it in the configuration of the controller that implements Gateway default/public (check the controller's documentation)",
      }],
    },
    {
      name: 'an exposed PreferDualStack Service that stayed single needs one patch the controller keeps',
      objects: [DUAL_KUBEADM, owned({ ownerReferences: [GATEWAY_REF] }, { type: 'LoadBalancer', policy: 'PreferDualStack', clusterIPs: ['10.96.0.9'] })],
      expect: [{
        messageId: 'notUpgraded', object: 'Service default/web', severity: 'error', path: 'spec.clusterIPs',
        fix: 'Set spec.ipFamilyPolicy: RequireDualStack on Service default/web once; the API server adds the IPv6 cluster IP and Gateway default/public\'s controller setting PreferDualStack again keeps it',
      }],
    },
    {
      name: 'an AWS dual-stack NLB translates families: info',
      objects: [owned({ ownerReferences: [KAFKA_REF] }, { type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack' } })],
      expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'info' }],
    },
    {
      name: 'an IPv4 cluster makes it a worklist item at info',
      objects: [IPV4_KUBEADM, owned({ ownerReferences: [KAFKA_REF] }, { type: 'LoadBalancer' })],
      expect: [{ messageId: 'singleStack', object: 'Service default/web', severity: 'info' }],
    },
  ],
  notAssessed: [{ name: 'target ipv4', objects: [owned({ ownerReferences: [KAFKA_REF] })], target: 'ipv4' }],
});
