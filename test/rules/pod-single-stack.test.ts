import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/engine/run.js';
import rule from '../../rules/pod-single-stack.js';
import { DUAL_KUBEADM, IPV4_KUBEADM, node } from '../helpers/builders.js';
import { modelOf, rawObjects, runRuleTests } from '../helpers/rule-tester.js';

const DUAL_NODE = node('n1', ['10.244.1.0/24', 'fd00:10:244:1::/64']);
const OLD_NODE = node('old', ['10.244.9.0/24']);
const CALICO_NODE = node('calico', []);
const WINDOWS_NODE = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'win', labels: { 'kubernetes.io/os': 'windows' } }, spec: { podCIDR: '10.244.7.0/24', podCIDRs: ['10.244.7.0/24'] } };

/** A pod of ReplicaSet `web-5d8f7` (Deployment `web`) or bare, with the given IPs. */
function pod(name: string, ips: string[], o: { node?: string; phase?: string; hostNetwork?: boolean; owner?: string } = {}) {
  const owner = o.owner === undefined ? 'web-5d8f7' : o.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: owner ? { app: 'web', 'pod-template-hash': '5d8f7' } : {},
      ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `uid-${owner}`, controller: true }] } : {}),
    },
    spec: { nodeName: o.node ?? 'n1', ...(o.hostNetwork ? { hostNetwork: true } : {}), containers: [{ name: 'app', image: 'web:1' }] },
    status: { phase: o.phase ?? 'Running', ...(ips.length ? { podIP: ips[0] } : {}), podIPs: ips.map((ip) => ({ ip })) },
  };
}

const WEB = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', uid: 'uid-web' }, spec: { template: { spec: { containers: [{ name: 'app', image: 'web:1' }] } } } };

runRuleTests(rule, {
  valid: [
    { name: 'dual-stack pods', objects: [DUAL_KUBEADM, DUAL_NODE, pod('web-5d8f7-a', ['10.244.1.5', 'fd00:10:244:1::5'])] },
    { name: 'hostNetwork pod copies the node addresses (DS108)', objects: [DUAL_KUBEADM, DUAL_NODE, pod('agent', ['192.168.1.10'], { hostNetwork: true, owner: '' })] },
    { name: 'pod without IPs is not networked yet', objects: [DUAL_KUBEADM, DUAL_NODE, pod('web-5d8f7-a', [], { phase: 'Pending' })] },
    { name: 'Succeeded and Failed pods', objects: [DUAL_KUBEADM, DUAL_NODE, pod('job-a', ['10.244.1.5'], { phase: 'Succeeded', owner: '' }), pod('job-b', ['10.244.1.6'], { phase: 'Failed', owner: '' })] },
    { name: 'node with one podCIDR family is the root cause (DS107)', objects: [DUAL_KUBEADM, DUAL_NODE, OLD_NODE, pod('web-5d8f7-a', ['10.244.9.5'], { node: 'old' })] },
    { name: 'pods on Windows nodes (DS120)', objects: [DUAL_KUBEADM, DUAL_NODE, WINDOWS_NODE, pod('web-5d8f7-a', ['10.244.7.5'], { node: 'win' })] },
    { name: 'single-stack cluster: pods are expected to be single-family', objects: [IPV4_KUBEADM, node('n1', []), pod('web-5d8f7-a', ['10.244.1.5'])] },
  ],
  invalid: [
    {
      name: 'one finding per workload, pointing at the Deployment in the input',
      objects: [DUAL_KUBEADM, DUAL_NODE, WEB, pod('web-5d8f7-a', ['10.244.1.5']), pod('web-5d8f7-b', ['10.244.1.6']), pod('web-5d8f7-c', ['10.244.1.7'])],
      expect: [{ messageId: 'singleFamily', object: 'Deployment shop/web', severity: 'error', path: '' }],
    },
    {
      name: 'workload not in the input: a stand-in for the Deployment',
      objects: [DUAL_KUBEADM, DUAL_NODE, pod('web-5d8f7-a', ['10.244.1.5']), pod('web-5d8f7-b', ['10.244.1.6', 'fd00:10:244:1::6'])],
      expect: [{ messageId: 'singleFamily', object: 'Deployment shop/web' }],
    },
    {
      name: 'bare pod stands alone',
      objects: [DUAL_KUBEADM, DUAL_NODE, pod('debug', ['fd00:10:244:1::9'], { owner: '' })],
      expect: [{ messageId: 'singleFamily', object: 'Pod shop/debug', path: 'status.podIPs' }],
    },
    {
      name: 'CNI IPAM without node podCIDRs (Calico, Cilium cluster-pool)',
      objects: [DUAL_KUBEADM, CALICO_NODE, pod('web-5d8f7-a', ['10.244.1.5'], { node: 'calico' })],
      expect: [{ messageId: 'singleFamily', object: 'Deployment shop/web' }],
    },
    {
      name: 'pod on a node missing from the input is judged',
      objects: [DUAL_KUBEADM, DUAL_NODE, pod('web-5d8f7-a', ['10.244.1.5'], { node: 'gone' })],
      expect: [{ messageId: 'singleFamily', object: 'Deployment shop/web' }],
    },
    {
      name: 'dual-stack evident from other pods only',
      objects: [DUAL_NODE, pod('web-5d8f7-a', ['10.244.1.5', 'fd00:10:244:1::5']), pod('api', ['10.244.1.8'], { owner: '' })],
      expect: [{ messageId: 'singleFamily', object: 'Pod shop/api' }],
    },
  ],
  notAssessed: [{ name: 'no nodes in the input', objects: [DUAL_KUBEADM, pod('web-5d8f7-a', ['10.244.1.5'])] }],
});

describe('pod-single-stack at scale', () => {
  it('reports 150,000 single-family pods of 500 workloads as 500 findings with counts', () => {
    const objects: Record<string, unknown>[] = [DUAL_KUBEADM, DUAL_NODE];
    for (let w = 0; w < 500; w++) {
      for (let i = 0; i < 300; i++) {
        const n = w * 300 + i;
        objects.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: `app${w}-5d8f7-${i}`, namespace: 'shop', labels: { 'pod-template-hash': '5d8f7' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app${w}-5d8f7` }] },
          spec: { nodeName: 'n1', containers: [{ name: 'app' }] },
          status: { phase: 'Running', podIPs: [{ ip: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }] },
        });
      }
    }
    const model = modelOf(rawObjects(objects));
    const started = performance.now();
    const out = runRule(rule, model);
    const elapsed = performance.now() - started;
    expect(out.kind).toBe('ran');
    if (out.kind !== 'ran') return;
    expect(out.drafts).toHaveLength(500);
    expect(out.drafts[0].message).toMatch(/^300 of 300 running pods have only an IPv4 address \(app\d+-5d8f7-\d+, /);
    expect(elapsed).toBeLessThan(2000);
  });
});
