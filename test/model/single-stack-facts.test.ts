import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import { workloadOf } from '../../src/rule-api.js';
import { parseManifestText } from '../../src/sources/manifests.js';
import { modelOf, rawObjects } from '../helpers/rule-tester.js';

/** Normalizes YAML text as the file source would, keeping input errors. */
function fromYaml(text: string) {
  const parsed = parseManifestText(text, 'inline.yaml');
  expect(parsed.errors).toEqual([]);
  return normalize(parsed.objects, { target: 'dual' });
}

const pod = (name: string, owner?: { kind: string; name: string }, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'shop',
    labels: { 'pod-template-hash': 'abc12' },
    ...(owner ? { ownerReferences: [{ apiVersion: owner.kind === 'ReplicaSet' ? 'apps/v1' : 'example.io/v1', kind: owner.kind, name: owner.name, uid: `u-${owner.name}` }] } : {}),
  },
  spec: { containers: [{ name: 'app', image: 'app:1' }] },
  status: { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }] },
  ...extra,
});

const deployment = (name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop' },
  spec: { template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image: 'app:1', args: ['--listen=0.0.0.0:8080'] }] } } },
});

describe('Gateway normalization', () => {
  it('reads v1 and v1beta1 Gateways into one collection, defaulting the address type to IPAddress', () => {
    const model = modelOf(rawObjects([
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'public', namespace: 'edge' },
        spec: { gatewayClassName: 'envoy', addresses: [{ type: 'IPAddress', value: '203.0.113.9' }] },
        status: { addresses: [{ value: '203.0.113.9' }, { type: 'Hostname', value: 'gw.example.com' }] },
      },
      { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'Gateway', metadata: { name: 'old' }, spec: { gatewayClassName: 'envoy' } },
    ]));
    expect(model.gateways.map((g) => `${g.ref.namespace}/${g.ref.name}`)).toEqual(['default/old', 'edge/public']);
    const gw = model.gateways[1];
    expect(gw.gatewayClassName).toBe('envoy');
    expect(gw.requestedAddresses.map((a) => a.ip?.family)).toEqual(['IPv4']);
    expect(gw.addresses.map((a) => [a.type, a.ip?.canonical, a.path])).toEqual([
      ['IPAddress', '203.0.113.9', 'status.addresses[0]'],
      ['Hostname', undefined, 'status.addresses[1]'],
    ]);
    expect(model.availability.gateways).toEqual({ status: 'present' });
  });

  it('leaves Gateway-like CRDs of other groups alone', () => {
    const model = modelOf(rawObjects([{ apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'istio-gw', namespace: 'default' }, spec: {} }]));
    expect(model.gateways).toEqual([]);
    expect(model.availability.gateways.status).toBe('absent');
  });
});

describe('Service facts', () => {
  it('keeps entry paths of externalIPs and load-balancer ingress, and the ingress ipMode', () => {
    const [svc] = modelOf(rawObjects([{
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { type: 'LoadBalancer', externalIPs: ['bad', '2001:db8::7'], loadBalancerIP: '203.0.113.4' },
      status: { loadBalancer: { ingress: [{ hostname: 'lb.example.com' }, { ip: '203.0.113.4', ipMode: 'Proxy' }] } },
    }])).services;
    expect(svc.externalIPs.map((ip) => [ip.canonical, ip.path])).toEqual([['2001:db8::7', 'spec.externalIPs[1]']]);
    expect(svc.loadBalancerIngress).toEqual([
      { hostname: 'lb.example.com', path: 'status.loadBalancer.ingress[0]' },
      expect.objectContaining({ ipMode: 'Proxy', path: 'status.loadBalancer.ingress[1]' }),
    ]);
    expect(svc.loadBalancerIP).toBe('203.0.113.4');
  });

  it('reads source ranges from the field, else from the annotation', () => {
    const model = modelOf(rawObjects([
      {
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: 'field', namespace: 'default', annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '2001:db8::/32' } },
        spec: { type: 'LoadBalancer', loadBalancerSourceRanges: [' 198.51.100.0/24 '] },
      },
      {
        apiVersion: 'v1', kind: 'Service',
        metadata: { name: 'annotated', namespace: 'default', annotations: { 'service.beta.kubernetes.io/load-balancer-source-ranges': '198.51.100.0/24, 2001:db8::/32' } },
        spec: { type: 'LoadBalancer' },
      },
    ]));
    const [annotated, field] = model.services;
    expect(field.sourceRanges.path).toBe('spec.loadBalancerSourceRanges');
    expect(field.sourceRanges.cidrs.map((c) => c.canonical)).toEqual(['198.51.100.0/24']);
    expect(annotated.sourceRanges.path).toBe('metadata.annotations');
    expect(annotated.sourceRanges.cidrs.map((c) => c.canonical)).toEqual(['198.51.100.0/24', '2001:db8::/32']);
  });

  it('lands a Service without a namespace in the default namespace', () => {
    const [svc] = modelOf(rawObjects([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes' }, spec: { ports: [{ port: 443 }] } }])).services;
    expect(svc.ref.namespace).toBe('default');
    expect(svc.isDefaultKubernetes).toBe(true);
  });

  it('treats annotations: null as no annotations', () => {
    const { model, errors } = fromYaml('apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  annotations: null\nspec:\n  type: LoadBalancer\n');
    expect(errors).toEqual([]);
    expect(model.services[0].annotations).toEqual({});
    expect(model.services[0].sourceRanges.cidrs).toEqual([]);
  });

  it('reports a boolean where a string belongs as an input error instead of crashing', () => {
    const { model, errors } = fromYaml([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: ingress-nginx-controller, namespace: ingress-nginx}',
      'data:',
      '  disable-ipv6: false',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: {name: web, namespace: default}',
      'spec:',
      '  type: LoadBalancer',
      '  loadBalancerIP: false',
    ].join('\n'));
    expect(errors.map((e) => e.message)).toEqual([
      'ConfigMap ingress-nginx-controller: data.disable-ipv6 must be a string, got boolean false',
      'Service web: spec.loadBalancerIP must be a string, got boolean false',
    ]);
    expect(model.configMaps[0].data['disable-ipv6']).toBe('false');
  });

  it('keeps a Service template inside a ConfigMap as ConfigMap data, not a Service', () => {
    const model = modelOf(rawObjects([{
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'templates', namespace: 'default' },
      data: { 'svc.yaml': 'apiVersion: v1\nkind: Service\nspec:\n  ipFamilyPolicy: PreferDualStack\n  type: LoadBalancer\n' },
    }]));
    expect(model.services).toEqual([]);
    expect(model.configMaps).toHaveLength(1);
  });
});

describe('Node and NetworkPolicy facts', () => {
  it('reads the operating system from nodeInfo, else the kubernetes.io/os label, and marks virtual kubelets', () => {
    const nodes = modelOf(rawObjects([
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'a', labels: { 'kubernetes.io/os': 'linux' } }, status: { nodeInfo: { operatingSystem: 'windows' } } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'b', labels: { 'kubernetes.io/os': 'linux', type: 'virtual-kubelet' } } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'c' } },
    ])).nodes;
    expect(nodes.map((n) => [n.operatingSystem, n.virtual])).toEqual([['windows', false], ['linux', true], [undefined, false]]);
  });

  it('defaults policyTypes to Ingress, plus Egress when egress rules exist', () => {
    const np = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: 'default' }, spec: { podSelector: {}, ...spec } });
    const policies = modelOf(rawObjects([
      np('a-ingress-only', { ingress: [{}] }),
      np('b-with-egress', { egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }] }),
      np('c-explicit', { policyTypes: ['Egress'], ingress: [{}] }),
      np('d-empty-egress', { egress: [] }),
    ])).networkPolicies;
    expect(policies.map((p) => p.policyTypes)).toEqual([['Ingress'], ['Ingress', 'Egress'], ['Egress'], ['Ingress']]);
  });

  it('does not take a CRD whose schema mentions ipBlock for a NetworkPolicy', () => {
    const model = modelOf(rawObjects([{
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'policies.example.io' },
      spec: { group: 'example.io', versions: [{ name: 'v1', schema: { openAPIV3Schema: { properties: { ipBlock: { properties: { cidr: { type: 'string' } } } } } } }] },
    }]));
    expect(model.networkPolicies).toEqual([]);
  });
});

describe('workloads of pods', () => {
  it('points a pod at its Workload when it is in the input, else at one shared stand-in per owner', () => {
    const model = modelOf(rawObjects([
      deployment('web'),
      pod('web-abc12-x', { kind: 'ReplicaSet', name: 'web-abc12' }),
      pod('api-abc12-x', { kind: 'ReplicaSet', name: 'api-abc12' }),
      pod('api-abc12-y', { kind: 'ReplicaSet', name: 'api-abc12' }),
      pod('vm-launcher', { kind: 'VirtualMachineInstance', name: 'vm1' }),
      pod('bare'),
    ], 'pods.yaml'));
    const byName = new Map(model.pods.map((p) => [p.ref.name, p]));
    expect(workloadOf(byName.get('web-abc12-x')!)).toBe(model.workloads[0]);
    const api = workloadOf(byName.get('api-abc12-x')!);
    expect(api.ref).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'api' });
    expect(workloadOf(byName.get('api-abc12-y')!)).toBe(api);
    expect(api.origin).toEqual(byName.get('api-abc12-x')!.origin);
    expect(workloadOf(byName.get('vm-launcher')!).ref).toEqual({ apiVersion: 'example.io/v1', kind: 'VirtualMachineInstance', namespace: 'shop', name: 'vm1' });
    expect(workloadOf(byName.get('bare')!)).toBe(byName.get('bare'));
  });

  it('keeps one pod spec per top-level workload: templates first, then a pod standing for an absent owner, then bare pods', () => {
    const model = modelOf(rawObjects([
      deployment('web'),
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc12', namespace: 'shop', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }] }, spec: { template: { spec: { containers: [] } } } },
      pod('web-abc12-x', { kind: 'ReplicaSet', name: 'web-abc12' }),
      pod('api-abc12-x', { kind: 'ReplicaSet', name: 'api-abc12' }),
      pod('api-abc12-y', { kind: 'ReplicaSet', name: 'api-abc12' }),
      pod('bare'),
    ]));
    expect(model.workloadSpecs.map((w) => [`${w.object.ref.kind} ${w.object.ref.name}`, w.spec.path])).toEqual([
      ['Deployment api', 'spec'],
      ['Deployment web', 'spec.template.spec'],
      ['Pod bare', 'spec'],
    ]);
    expect(model.availability.workloadSpecs).toEqual({ status: 'present' });
  });

  it('has pod specs available when only workloads, or only pods, are in the input', () => {
    expect(modelOf(rawObjects([deployment('web')])).availability.workloadSpecs).toEqual({ status: 'present' });
    expect(modelOf(rawObjects([pod('bare')])).availability.workloadSpecs).toEqual({ status: 'present' });
    expect(modelOf(rawObjects([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} }])).availability.workloadSpecs.status).toBe('absent');
  });

  it('takes forbidden workloads and pods as forbidden pod specs', () => {
    const { model } = normalize([], {
      target: 'dual',
      availability: { workloads: { status: 'forbidden', reason: 'no list on deployments' }, pods: { status: 'forbidden', reason: 'no list on pods' } },
    });
    expect(model.availability.workloadSpecs).toEqual({ status: 'forbidden', reason: 'no list on deployments' });
  });
});
