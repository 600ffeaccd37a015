import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/model/normalize.js';
import type { Pod } from '../../src/model/types.js';
import type { RawObject } from '../../src/model/input.js';

const RS_UID = '7f7c8454-15f2-4211-a0be-b2322a8de1e1';

/** A pod of ReplicaSet web-5d8f, as the API server returns it; `change` edits the body. */
function pod(name: string, change: (body: Record<string, any>) => void = () => undefined): RawObject {
  const body: Record<string, any> = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'shop',
      uid: `uid-${name}`,
      labels: { app: 'web', 'pod-template-hash': '5d8f' },
      annotations: { 'cni.projectcalico.org/podIP': `10.0.0.${name.length}/32` },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', uid: RS_UID, controller: true }],
    },
    spec: {
      nodeName: 'node-a',
      containers: [{ name: 'app', image: 'web:1', args: ['--port=8080'], env: [{ name: 'MODE', value: 'prod' }, { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }] }],
    },
    status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }, { ip: 'fd00::5' }] },
  };
  change(body);
  return { apiVersion: 'v1', kind: 'Pod', body, origin: { kind: 'cluster', cluster: 'c' } };
}

function pods(...raws: RawObject[]): { pods: readonly Pod[]; errors: readonly { message: string }[] } {
  const { model, errors } = normalize(raws, { target: 'dual' });
  return { pods: model.pods, errors };
}

describe('values shared between the pods of one controller', () => {
  it('keeps labels, containers and owner references once for identical siblings', () => {
    const { pods: [a, b] } = pods(pod('web-5d8f-aaaaa'), pod('web-5d8f-bbbbb'));
    expect(b.labels).toBe(a.labels);
    expect(b.spec).toBe(a.spec);
    expect(b.ownerReferences).toBe(a.ownerReferences);
    expect(b.nodeName).toBe(a.nodeName);
    // What differs per pod stays per pod.
    expect(b.annotations).not.toBe(a.annotations);
    expect(b.ref.name).toBe('web-5d8f-bbbbb');
  });

  it('reads dnsConfig nameservers and shares them only between siblings that have the same ones', () => {
    const dns = (servers: string[]) => (p: Record<string, any>) => { p.spec.dnsConfig = { nameservers: servers }; };
    const { pods: [a, b, c] } = pods(pod('web-5d8f-aaaaa', dns(['10.96.0.10', 'fd00::a'])), pod('web-5d8f-bbbbb', dns(['10.96.0.10', 'fd00::a'])), pod('web-5d8f-ccccc', dns(['10.96.0.10'])));
    expect(a.spec.dnsNameservers.map((ip) => [ip.family, ip.path])).toEqual([['IPv4', 'spec.dnsConfig.nameservers[0]'], ['IPv6', 'spec.dnsConfig.nameservers[1]']]);
    expect(b.spec).toBe(a.spec);
    expect(c.spec.dnsNameservers.map((ip) => ip.text)).toEqual(['10.96.0.10']);
  });

  it('does not share a value a sibling changed', () => {
    const { pods: [a, b, c, d] } = pods(
      pod('web-5d8f-aaaaa'),
      pod('web-5d8f-bbbbb', (p) => { p.metadata.labels.canary = 'true'; }),
      pod('web-5d8f-ccccc', (p) => { p.spec.containers[0].env[0].value = 'debug'; }),
      pod('web-5d8f-ddddd', (p) => { p.spec.hostNetwork = true; }),
    );
    expect(b.labels).toEqual({ app: 'web', canary: 'true', 'pod-template-hash': '5d8f' });
    expect(a.labels).toEqual({ app: 'web', 'pod-template-hash': '5d8f' });
    expect(c.spec.containers[0].env[0]).toEqual({ name: 'MODE', value: 'debug', path: 'spec.containers[0].env[0]' });
    expect(a.spec.containers[0].env[0]).toEqual({ name: 'MODE', value: 'prod', path: 'spec.containers[0].env[0]' });
    expect(d.spec.hostNetwork).toBe(true);
    expect(a.spec.hostNetwork).toBe(false);
    expect(c.spec).not.toBe(a.spec);
  });

  it('does not share a spec whose downward API field changed', () => {
    const { pods: [a, b] } = pods(
      pod('web-5d8f-aaaaa'),
      pod('web-5d8f-bbbbb', (p) => { p.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath = 'status.podIPs'; }),
    );
    expect(a.spec.containers[0].env[1].fieldRef).toBe('status.podIP');
    expect(b.spec.containers[0].env[1].fieldRef).toBe('status.podIPs');
  });

  it('does not share a spec whose probe changed', () => {
    const { pods: [a, b] } = pods(
      pod('web-5d8f-aaaaa'),
      pod('web-5d8f-bbbbb', (p) => { p.spec.containers[0].livenessProbe = { httpGet: { host: '127.0.0.1', port: 8080 } }; }),
    );
    expect(a.spec.containers[0].probes).toEqual([]);
    expect(b.spec.containers[0].probes).toEqual([{ kind: 'liveness', host: { text: '127.0.0.1', path: 'spec.containers[0].livenessProbe.httpGet.host' }, path: 'spec.containers[0].livenessProbe' }]);
  });

  it('does not share a spec whose host port changed', () => {
    const { pods: [a, b] } = pods(
      pod('web-5d8f-aaaaa'),
      pod('web-5d8f-bbbbb', (p) => { p.spec.containers[0].ports = [{ containerPort: 8080, hostPort: 8080, hostIP: '0.0.0.0' }]; }),
    );
    expect(a.spec.containers[0].hostPorts).toEqual([]);
    expect(b.spec.containers[0].hostPorts.map((h) => [h.hostPort, h.protocol, h.hostIP?.text, h.hostIP?.ip?.family, h.hostIP?.path])).toEqual([[8080, 'TCP', '0.0.0.0', 'IPv4', 'spec.containers[0].ports[0].hostIP']]);
  });

  it('still reports a wrong-typed field in a sibling of a valid pod', () => {
    const { pods: [a, b], errors } = pods(
      pod('web-5d8f-aaaaa'),
      pod('web-5d8f-bbbbb', (p) => { p.spec.containers[0].args = ['--port', 8080]; p.metadata.labels.tier = 3; }),
    );
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringContaining('metadata.labels.tier must be a string, got number 3'),
      expect.stringContaining('spec.containers[0].args[1] must be a string, got number 8080'),
    ]);
    expect(b.spec.containers[0].args).toEqual(['--port', '8080']);
    expect(b.labels.tier).toBe('3');
    expect(a.spec.containers[0].args).toEqual(['--port=8080']);
  });

  it('shares nothing between pods without an owner uid (hand-written manifests)', () => {
    const noUid = (p: Record<string, any>) => { delete p.metadata.ownerReferences[0].uid; };
    const { pods: [a, b] } = pods(pod('web-5d8f-aaaaa', noUid), pod('web-5d8f-bbbbb', noUid));
    expect(b.labels).toEqual(a.labels);
    expect(b.labels).not.toBe(a.labels);
    expect(b.spec).not.toBe(a.spec);
  });
});
