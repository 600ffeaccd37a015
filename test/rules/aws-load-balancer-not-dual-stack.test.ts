import rule from '../../rules/aws-load-balancer-not-dual-stack.js';
import { IPV4_KUBEADM, svc } from '../helpers/builders.js';
import { runRuleTests } from '../helpers/rule-tester.js';

interface IngOptions {
  name?: string;
  namespace?: string;
  className?: string;
  annotations?: Record<string, string>;
}

/** A minimal Ingress. */
function ing(o: IngOptions = {}): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: o.name ?? 'web', namespace: o.namespace ?? 'default', ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { ...(o.className ? { ingressClassName: o.className } : {}), defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
  };
}

/** A LoadBalancer Service with a `spec.loadBalancerClass`. */
function lbWithClass(cls: string, annotations?: Record<string, string>): Record<string, unknown> {
  const base = svc({ name: 'api', type: 'LoadBalancer', policy: 'RequireDualStack', ...(annotations ? { annotations } : {}) });
  return { ...base, spec: { ...(base.spec as Record<string, unknown>), loadBalancerClass: cls } };
}

const NGINX_INGRESS = ing({ name: 'other', className: 'nginx' });
const PLAIN_SERVICE = svc({ name: 'plain' });

runRuleTests(rule, {
  valid: [
    { name: 'NLB annotated dualstack', objects: [NGINX_INGRESS, lbWithClass('service.k8s.aws/nlb', { 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack' })] },
    { name: 'in-tree AWS load balancer is not the controller\'s', objects: [NGINX_INGRESS, svc({ type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } })] },
    { name: 'another loadBalancerClass wins over the type annotation', objects: [NGINX_INGRESS, lbWithClass('example.com/lb', { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' })] },
    { name: 'NodePort with controller annotations is no load balancer', objects: [NGINX_INGRESS, svc({ type: 'NodePort', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external' } })] },
    { name: 'ALB dualstack-without-public-ipv4', objects: [PLAIN_SERVICE, ing({ className: 'alb', annotations: { 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack-without-public-ipv4' } })] },
    { name: 'Ingress of another controller', objects: [PLAIN_SERVICE, NGINX_INGRESS] },
    { name: 'class annotation wins over ingressClassName', objects: [PLAIN_SERVICE, ing({ className: 'alb', annotations: { 'kubernetes.io/ingress.class': 'nginx' } })] },
    {
      name: 'one member of an IngressGroup makes the shared ALB dualstack',
      objects: [
        PLAIN_SERVICE,
        ing({ name: 'shop', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public', 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack' } }),
        ing({ name: 'cart', namespace: 'cart', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public' } }),
      ],
    },
  ],
  invalid: [
    {
      name: 'NLB by loadBalancerClass without the annotation',
      objects: [NGINX_INGRESS, lbWithClass('service.k8s.aws/nlb')],
      expect: [{ messageId: 'nlbNotDualStack', object: 'Service default/api', severity: 'warning', path: 'metadata.annotations' }],
    },
    {
      name: 'NLB by type external with ip-address-type ipv4',
      objects: [NGINX_INGRESS, svc({ type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external', 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'ipv4' } })],
      expect: [{ messageId: 'nlbNotDualStack', object: 'Service default/web', severity: 'warning' }],
    },
    {
      name: 'legacy nlb-ip type',
      objects: [NGINX_INGRESS, svc({ type: 'LoadBalancer', annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb-ip' } })],
      expect: [{ messageId: 'nlbNotDualStack', object: 'Service default/web' }],
    },
    {
      name: 'NLB on an IPv4 cluster is a worklist item',
      objects: [IPV4_KUBEADM, NGINX_INGRESS, lbWithClass('service.k8s.aws/nlb')],
      expect: [{ messageId: 'nlbNotDualStack', object: 'Service default/api', severity: 'info' }],
    },
    {
      name: 'ALB by ingressClassName without the annotation',
      objects: [PLAIN_SERVICE, ing({ className: 'alb' })],
      expect: [{ messageId: 'albNotDualStack', object: 'Ingress default/web', severity: 'warning', path: 'metadata.annotations' }],
    },
    {
      name: 'ALB by class annotation with ip-address-type ipv4',
      objects: [PLAIN_SERVICE, ing({ annotations: { 'kubernetes.io/ingress.class': 'alb', 'alb.ingress.kubernetes.io/ip-address-type': 'ipv4' } })],
      expect: [{ messageId: 'albNotDualStack', object: 'Ingress default/web', severity: 'warning' }],
    },
    {
      name: 'an IngressGroup without the annotation is one finding on its first member',
      objects: [
        PLAIN_SERVICE,
        ing({ name: 'shop', namespace: 'shop', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public' } }),
        ing({ name: 'cart', namespace: 'cart', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public' } }),
      ],
      expect: [{ messageId: 'albNotDualStack', object: 'Ingress cart/cart' }],
    },
    {
      name: 'the member that sets ipv4 for its group carries the finding',
      objects: [
        PLAIN_SERVICE,
        ing({ name: 'a', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public' } }),
        ing({ name: 'b', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public', 'alb.ingress.kubernetes.io/ip-address-type': 'ipv4' } }),
      ],
      expect: [{ messageId: 'albNotDualStack', object: 'Ingress default/b' }],
    },
    {
      name: 'conflicting values in one IngressGroup',
      objects: [
        PLAIN_SERVICE,
        ing({ name: 'a', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public', 'alb.ingress.kubernetes.io/ip-address-type': 'dualstack' } }),
        ing({ name: 'b', className: 'alb', annotations: { 'alb.ingress.kubernetes.io/group.name': 'public', 'alb.ingress.kubernetes.io/ip-address-type': 'ipv4' } }),
      ],
      expect: [{ messageId: 'conflictingGroupTypes', object: 'Ingress default/a', severity: 'error' }],
    },
    {
      name: 'an NLB is checked when the input has no Ingress at all',
      objects: [lbWithClass('service.k8s.aws/nlb')],
      expect: [{ messageId: 'nlbNotDualStack', object: 'Service default/api' }],
    },
  ],
  notAssessed: [
    { name: 'single-stack target', objects: [NGINX_INGRESS, lbWithClass('service.k8s.aws/nlb')], target: 'ipv4' },
  ],
});
