import { defineRule, worklistSeverity, type Ingress, type Service } from '../src/rule-api.js';

const NLB_IP_ADDRESS_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type';
const NLB_TYPE = 'service.beta.kubernetes.io/aws-load-balancer-type';
const NLB_CLASS = 'service.k8s.aws/nlb';
const ALB_IP_ADDRESS_TYPE = 'alb.ingress.kubernetes.io/ip-address-type';
const ALB_GROUP = 'alb.ingress.kubernetes.io/group.name';
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const ALB_DUAL_TYPES = ['dualstack', 'dualstack-without-public-ipv4'];

/** The AWS Load Balancer Controller reconciles this Service into an NLB (the in-tree provider ignores these markers). */
function reconciledByLbc(svc: Service): boolean {
  if (svc.type !== 'LoadBalancer') return false;
  if (svc.loadBalancerClass !== undefined) return svc.loadBalancerClass === NLB_CLASS;
  const lbType = svc.annotations[NLB_TYPE]?.trim();
  return lbType === 'external' || lbType === 'nlb-ip';
}

/** The ALB controller's class check: the class annotation, when set, wins over `spec.ingressClassName`. */
function handledByAlb(ing: Ingress): boolean {
  const annotated = ing.annotations[INGRESS_CLASS_ANNOTATION];
  return annotated !== undefined ? annotated.trim() === 'alb' : ing.ingressClassName === 'alb';
}

export default defineRule({
  id: 'aws-load-balancer-not-dual-stack',
  code: 'DS114',
  title: 'AWS Load Balancer Controller NLB or ALB is not dual-stack',
  description:
    'Checks the ip-address-type annotations of Services and Ingresses reconciled by the AWS Load Balancer Controller, per load balancer (an IngressGroup shares one ALB).',
  rationale:
    'The controller creates NLBs and ALBs with ip-address-type ipv4 unless told otherwise, so the load balancer has no IPv6 address and IPv6 clients cannot reach the Service or Ingress even when the cluster is dual-stack; Ingresses of one IngressGroup that disagree on the type make the controller reject the whole group.',
  remediation:
    'Annotate the Service with service.beta.kubernetes.io/aws-load-balancer-ip-address-type: dualstack, or the Ingress (one member of its IngressGroup, or all with the same value) with alb.ingress.kubernetes.io/ip-address-type: dualstack; make sure the load balancer subnets have IPv6 CIDRs, and use IP targets for IPv6 pods.',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['services', 'ingresses'],
  targets: ['dual'],
  sources: [
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/service/annotations/ (aws-load-balancer-ip-address-type: ipv4 | dualstack, default ipv4)',
    'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/ (ip-address-type, MergeBehavior Exclusive)',
    'kubernetes-sigs/aws-load-balancer-controller pkg/ingress/model_build_load_balancer.go#buildLoadBalancerIPAddressType ("conflicting IPAddressType")',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/load-balancer-ip-address-type.html',
    'https://docs.aws.amazon.com/eks/latest/userguide/alb-ingress.html (IPv6 needs ip-address-type dualstack and IP targets)',
  ],
  messages: {
    nlbNotDualStack: (d: { value?: string }) =>
      `AWS NLB ${d.value === undefined ? 'gets the default ip-address-type ipv4' : `has ip-address-type "${d.value}"`}; it has no IPv6 address, so IPv6 clients cannot reach the Service`,
    albNotDualStack: (d: { value?: string; group?: string; members: number }) =>
      `${d.group ? `ALB of IngressGroup "${d.group}" (${d.members} Ingress${d.members === 1 ? '' : 'es'})` : 'AWS ALB'} ${d.value === undefined ? 'gets the default ip-address-type ipv4' : `has ip-address-type "${d.value}"`}; it has no IPv6 address, so IPv6 clients cannot reach it`,
    conflictingGroupTypes: (d: { group: string; values: string }) =>
      `Ingresses of IngressGroup "${d.group}" set ${ALB_IP_ADDRESS_TYPE} to different values (${d.values}); the controller rejects the whole group`,
  },
  *check(ctx) {
    const model = ctx.model;
    for (const svc of model.services) {
      if (!reconciledByLbc(svc)) continue;
      const value = svc.annotations[NLB_IP_ADDRESS_TYPE]?.trim();
      if (value === 'dualstack') continue;
      yield ctx.finding(svc, 'nlbNotDualStack', value === undefined ? {} : { value }, {
        path: 'metadata.annotations',
        severity: worklistSeverity(model, 'warning'),
        ipFamily: 'IPv6',
      });
    }

    // One ALB per IngressGroup: explicit groups are cluster-wide by name; an Ingress without one is its own group.
    const groups = new Map<string, { name?: string; members: Ingress[] }>();
    for (const ing of model.ingresses) {
      if (!handledByAlb(ing)) continue;
      const name = ing.annotations[ALB_GROUP]?.trim() || undefined;
      const key = name !== undefined ? `group:${ing.ref.cluster ?? ''}/${name}` : `ingress:${ing.ref.cluster ?? ''}/${ing.ref.namespace}/${ing.ref.name}`;
      const group = groups.get(key) ?? { ...(name !== undefined ? { name } : {}), members: [] };
      group.members.push(ing);
      groups.set(key, group);
    }
    for (const { name, members } of groups.values()) {
      const setters = members.filter((m) => m.annotations[ALB_IP_ADDRESS_TYPE] !== undefined);
      const values = [...new Set(setters.map((m) => m.annotations[ALB_IP_ADDRESS_TYPE].trim()))].sort();
      if (values.length > 1 && name !== undefined) {
        const listed = values
          .map((v) => `${v}: ${setters.filter((m) => m.annotations[ALB_IP_ADDRESS_TYPE].trim() === v).map((m) => `${m.ref.namespace}/${m.ref.name}`).join(', ')}`)
          .join('; ');
        yield ctx.finding(setters[0], 'conflictingGroupTypes', { group: name, values: listed }, {
          path: 'metadata.annotations',
          severity: worklistSeverity(model, 'error'),
        });
        continue;
      }
      const value = values[0];
      if (value !== undefined && ALB_DUAL_TYPES.includes(value)) continue;
      const at = setters[0] ?? members[0];
      yield ctx.finding(
        at,
        'albNotDualStack',
        { ...(value !== undefined ? { value } : {}), ...(name !== undefined ? { group: name } : {}), members: members.length },
        { path: 'metadata.annotations', severity: worklistSeverity(model, 'warning'), ipFamily: 'IPv6' },
      );
    }
  },
});
