import { describe, expect, it } from 'vitest';
import { serviceControllerOf } from '../../src/model/service-controller.js';

const ref = (apiVersion: string, kind: string, name: string, controller = false) => ({ apiVersion, kind, name, controller });

describe('serviceControllerOf', () => {
  it('is the operator resource its controller reference names', () => {
    expect(serviceControllerOf('queues', {}, [ref('v1', 'ConfigMap', 'lock'), ref('rabbitmq.com/v1beta1', 'RabbitmqCluster', 'orders', true)])).toEqual({
      kind: 'RabbitmqCluster', name: 'orders', namespace: 'queues', via: 'ownerReferences',
    });
  });

  it('leaves out objects of Kubernetes\' own groups, but not Gateway API or x-k8s.io CRDs', () => {
    expect(serviceControllerOf('a', {}, [ref('apps/v1', 'Deployment', 'web', true)])).toBeUndefined();
    expect(serviceControllerOf('a', {}, [ref('v1', 'Endpoints', 'web', true)])).toBeUndefined();
    expect(serviceControllerOf('a', {}, [ref('discovery.k8s.io/v1', 'EndpointSlice', 'web', true)])).toBeUndefined();
    expect(serviceControllerOf('a', {}, [ref('gateway.networking.k8s.io/v1', 'Gateway', 'gw', true)])?.via).toBe('gateway-api');
    expect(serviceControllerOf('a', {}, [ref('multicluster.x-k8s.io/v1alpha1', 'ServiceImport', 'web', true)])?.kind).toBe('ServiceImport');
  });

  it('is undefined for a Service only Helm labels', () => {
    expect(serviceControllerOf('shop', { 'helm.sh/chart': 'cart-1.0.0', 'app.kubernetes.io/managed-by': 'Helm', 'app.kubernetes.io/instance': 'cart' }, [])).toBeUndefined();
  });

  it('reads the Gateway from the generated-Service labels and names the implementation', () => {
    expect(serviceControllerOf('infra', { 'gateway.networking.k8s.io/gateway-name': 'public', 'gateway.networking.k8s.io/gateway-class-name': 'istio' }, [])).toEqual({
      kind: 'Gateway', name: 'public', namespace: 'infra', via: 'gateway-api', implementation: 'istio',
    });
    expect(serviceControllerOf('envoy-gateway-system', { 'gateway.envoyproxy.io/owning-gateway-name': 'eg', 'gateway.envoyproxy.io/owning-gateway-namespace': 'edge' }, [])).toEqual({
      kind: 'Gateway', name: 'eg', namespace: 'edge', via: 'gateway-api', implementation: 'envoy-gateway',
    });
    expect(serviceControllerOf('infra', { 'gateway.networking.k8s.io/gateway-name': 'public' }, [])?.implementation).toBeUndefined();
  });
});
