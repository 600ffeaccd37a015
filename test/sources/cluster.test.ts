import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ClusterSourceError, loadCluster, type ClusterSourceOptions } from '../../src/sources/cluster.js';
import { findContinue } from '../../src/sources/cluster/client.js';
import { LISTENERS_NOT_REQUESTED } from '../../src/sources/cluster/mesh-listeners.js';
import {
  CLIENT_CERT_CN,
  closedPortUrl,
  EXEC_PLUGIN,
  FakeApiServer,
  writeKubeconfig,
  type Fault,
  type KubeconfigContext,
  type RecordedRequest,
} from '../helpers/fake-apiserver.js';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

const managed = { managedFields: [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': {} } }] };

function meta(name: string, namespace?: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, ...(namespace ? { namespace } : {}), ...managed, annotations: { [LAST_APPLIED]: '{"big":"json"}', keep: 'me' }, ...extra };
}

/** A small dual-stack cluster: 5 pods, so page size 2 gives 3 pages. */
function clusterObjects(): Record<string, unknown>[] {
  const pod = (name: string, ns: string): Record<string, unknown> => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, ns),
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
    status: { podIPs: [{ ip: '10.244.0.5' }, { ip: 'fd00:10:244::5' }] },
  });
  const wl = (apiVersion: string, kind: string, name: string): Record<string, unknown> => ({ apiVersion, kind, metadata: meta(name, 'default'), spec: {} });
  const cm = (ns: string, name: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, ns), data: { config: 'x' } });
  return [
    { apiVersion: 'v1', kind: 'Node', metadata: meta('node-b'), spec: { podCIDRs: ['10.244.1.0/24', 'fd00:10:244:1::/64'] } },
    { apiVersion: 'v1', kind: 'Node', metadata: meta('node-a'), spec: { podCIDRs: ['10.244.0.0/24', 'fd00:10:244::/64'] } },
    pod('web-1', 'default'),
    pod('web-2', 'default'),
    pod('api-1', 'shop'),
    pod('kube-apiserver-node-a', 'kube-system'),
    pod('coredns-abc', 'kube-system'),
    { apiVersion: 'v1', kind: 'Service', metadata: meta('kubernetes', 'default'), spec: { ipFamilyPolicy: 'SingleStack' } },
    { apiVersion: 'v1', kind: 'Service', metadata: meta('kube-dns', 'kube-system'), spec: { ipFamilyPolicy: 'PreferDualStack' } },
    { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: meta('kubernetes', 'default'), addressType: 'IPv4', endpoints: [] },
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('deny', 'shop'), spec: {} },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta('web', 'default'), spec: {} },
    { apiVersion: 'networking.k8s.io/v1', kind: 'ServiceCIDR', metadata: meta('kubernetes'), spec: { cidrs: ['10.96.0.0/16', 'fd00:10:96::/112'] } },
    { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: meta('gw', 'default'), spec: {} },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta('ingress-nginx-admission'), webhooks: [{ name: 'validate.nginx.ingress.kubernetes.io', clientConfig: { service: { name: 'ingress-nginx-controller-admission', namespace: 'ingress-nginx' } } }] },
    { apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta('v1beta1.metrics.k8s.io'), spec: { service: { name: 'metrics-server', namespace: 'kube-system' } } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: meta('shop', undefined, { labels: { team: 'retail' } }) },
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: meta('web', 'default'), spec: { endpoints: [{ port: 'metrics' }] } },
    wl('apps/v1', 'Deployment', 'web'),
    wl('apps/v1', 'StatefulSet', 'db'),
    wl('apps/v1', 'DaemonSet', 'agent'),
    wl('apps/v1', 'ReplicaSet', 'web-5d8f'),
    wl('batch/v1', 'Job', 'migrate'),
    wl('batch/v1', 'CronJob', 'nightly'),
    cm('kube-system', 'kubeadm-config'),
    cm('kube-system', 'kube-proxy'),
    cm('kube-system', 'coredns'),
    cm('default', 'app-settings'),
    { apiVersion: 'v1', kind: 'Secret', metadata: meta('db-password', 'default'), data: { password: 'aHVudGVyMg==' } },
  ];
}

const dirs: string[] = [];
const servers: FakeApiServer[] = [];

function tmp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'dsaudit-cluster-'));
  dirs.push(d);
  return d;
}

async function fake(faults: Record<string, Fault> = {}, objects = clusterObjects()): Promise<FakeApiServer> {
  const s = await FakeApiServer.start({ objects, faults });
  servers.push(s);
  return s;
}

function kubeconfig(server: FakeApiServer, contexts: KubeconfigContext[] = [{ name: 'kind-dev' }], current: string | undefined = contexts[0]?.name): string {
  return writeKubeconfig(path.join(tmp(), 'config'), server, contexts, current);
}

/** loadCluster with fast retries. */
function scan(server: FakeApiServer, opts: Partial<ClusterSourceOptions> = {}): ReturnType<typeof loadCluster> {
  return loadCluster({ kubeconfig: kubeconfig(server), retryBaseDelayMs: 5, ...opts });
}

describe('loadCluster: the next page is asked for while a page downloads', () => {
  it('requests page 2 as soon as the head of page 1 shows its continue token', async () => {
    const server = await fake({ pods: { holdListItemsMs: 300 } });
    const result = await scan(server, { pageSize: 2 });
    expect(names(result.objects, 'Pod')).toHaveLength(5);
    const [first, second, third] = listRequests(server, 'pods');
    expect(second.query.continue).toBeDefined();
    // Without reading the token early, page 2 could only be asked for after page 1 finished.
    expect(second.arrived).toBeLessThan(first.finished ?? Infinity);
    // At most two pages of one list are in flight: page 3 waits until page 2 is the page being read.
    expect(third.arrived).toBeGreaterThan(first.finished ?? 0);
  });

  it('falls back to the token of the parsed page when the head misled it', async () => {
    const server = await fake({ pods: { decoyContinue: 'ZGVjb3k=' } });
    const seen: string[] = [];
    const result = await scan(server, { pageSize: 2, onObjects: (objs) => seen.push(...names(objs, 'Pod')) });
    expect(seen.sort()).toEqual(['api-1', 'coredns-abc', 'kube-apiserver-node-a', 'web-1', 'web-2']);
    expect(result.errors).toEqual([]);
    // The decoy page was asked for and its answer (400) dropped; the real pages were read in full.
    const tokens = listRequests(server, 'pods').map((r) => r.query.continue);
    expect(tokens).toContain('ZGVjb3k=');
    expect(listRequests(server, 'pods').filter((r) => r.status === 200)).toHaveLength(3);
  });
});

describe('findContinue', () => {
  it('reads the token from the head of a list, before items', () => {
    expect(findContinue('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5","continue":"eyJ2IjoibWV0YSJ9","remainingItemCount":3},"items":[')).toBe('eyJ2IjoibWV0YSJ9');
  });

  it('decodes JSON escapes in the token', () => {
    expect(findContinue('{"metadata":{"continue":"a\\u003db"},"items":[')).toBe('a=b');
  });

  it('says there is none when items start first', () => {
    expect(findContinue('{"kind":"PodList","metadata":{"resourceVersion":"5"},"items":[{"metadata":{"continue":"x"}}]')).toBeNull();
  });

  it('asks for more while the head is cut short', () => {
    expect(findContinue('{"kind":"PodList","metadata":{"resourceVersion":"5","continue":"abc')).toBe('more');
    expect(findContinue('{"kind":"PodList","metadata":{"resourceVersion":"5","cont')).toBe('more');
  });
});

function kinds(objects: readonly { kind: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of objects) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}

function names(objects: readonly { kind: string; body: Record<string, unknown> }[], kind: string): string[] {
  return objects.filter((o) => o.kind === kind).map((o) => String((o.body.metadata as Record<string, unknown>).name));
}

function listRequests(server: FakeApiServer, resource: string): RecordedRequest[] {
  return server.requests.filter((r) => r.resource === resource && r.verb === 'list');
}

async function rejection(p: Promise<unknown>): Promise<ClusterSourceError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ClusterSourceError);
  return err as ClusterSourceError;
}

let savedKubeconfigEnv: string | undefined;
beforeAll(() => {
  savedKubeconfigEnv = process.env.KUBECONFIG;
});
afterEach(async () => {
  if (savedKubeconfigEnv === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = savedKubeconfigEnv;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('loadCluster: a full read', () => {
  it('lists every collection page by page', async () => {
    const server = await fake();
    const result = await scan(server, { pageSize: 2 });

    expect(result.clusterName).toBe('kind-dev');
    expect(result.serverVersion).toBe('v1.33.1');
    expect(result.errors).toEqual([]);
    expect(result.availability).toEqual({
      nodes: { status: 'present' },
      pods: { status: 'present' },
      services: { status: 'present' },
      endpointSlices: { status: 'present' },
      networkPolicies: { status: 'present' },
      ingresses: { status: 'present' },
      workloads: { status: 'present' },
      configMaps: { status: 'present' },
      serviceCIDRs: { status: 'present' },
      gateways: { status: 'present' },
      metallbPools: { status: 'present' },
      calicoIpPools: { status: 'present' },
      prometheusMonitors: { status: 'present' },
      webhookConfigurations: { status: 'present' },
      apiServices: { status: 'present' },
      envoyProxies: { status: 'absent', reason: 'listener configuration not read (scan with --mesh-listeners, or give dumps with --envoy-dump)' },
      namespaces: { status: 'present' },
      istioOperators: { status: 'present' },
    });
    expect(kinds(result.objects)).toEqual({
      APIService: 1,
      ConfigMap: 3,
      CronJob: 1,
      DaemonSet: 1,
      Deployment: 1,
      EndpointSlice: 1,
      Gateway: 1,
      Ingress: 1,
      Job: 1,
      Namespace: 1,
      NetworkPolicy: 1,
      Node: 2,
      Pod: 5,
      ReplicaSet: 1,
      Service: 2,
      ServiceCIDR: 1,
      ServiceMonitor: 1,
      StatefulSet: 1,
      ValidatingWebhookConfiguration: 1,
    });

    const pods = listRequests(server, 'pods');
    expect(pods.map((r) => r.path)).toEqual(['/api/v1/pods', '/api/v1/pods', '/api/v1/pods']);
    expect(pods[0].query).toEqual({ limit: '2' });
    expect(pods[1].query.limit).toBe('2');
    expect(pods[1].query.continue).toBeTruthy();
    expect(pods[2].query.continue).toBeTruthy();
    expect(pods[2].query.continue).not.toBe(pods[1].query.continue);
    expect(pods.every((r) => r.query.resourceVersion === undefined)).toBe(true);
  });

  it('fills apiVersion and kind from the list and attributes objects to the context', async () => {
    const result = await scan(await fake());
    const slice = result.objects.find((o) => o.kind === 'EndpointSlice');
    expect(slice?.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice?.body.apiVersion).toBe('discovery.k8s.io/v1');
    expect(slice?.body.kind).toBe('EndpointSlice');
    expect(slice?.origin).toEqual({ kind: 'cluster', cluster: 'kind-dev' });
    expect(result.objects.find((o) => o.kind === 'Gateway')?.apiVersion).toBe('gateway.networking.k8s.io/v1');
  });

  it('sorts objects by apiVersion, kind, namespace and name', async () => {
    const result = await scan(await fake(), { pageSize: 1, concurrency: 8 });
    const keys = result.objects.map((o) => {
      const m = o.body.metadata as Record<string, string>;
      return [o.apiVersion, o.kind, m.namespace ?? '', m.name].join(' ');
    });
    expect(keys).toEqual([...keys].sort());
    expect(names(result.objects, 'Node')).toEqual(['node-a', 'node-b']);
  });

  it('reads only with GET, never Secrets, never watches, and reads ConfigMaps only by name', async () => {
    const server = await fake();
    await scan(server, { pageSize: 2 });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(server.requests.filter((r) => r.path.includes('secrets'))).toEqual([]);
    expect(server.requests.filter((r) => 'watch' in r.query || r.path.includes('/watch/'))).toEqual([]);
    const cms = server.requests.filter((r) => r.resource === 'configmaps');
    expect(cms.every((r) => r.verb === 'get')).toBe(true);
    expect(cms.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual([
      'ingress-nginx/ingress-nginx-controller',
      'istio-system/istio',
      'istio-system/istio-sidecar-injector',
      'kube-flannel/kube-flannel-cfg',
      'kube-system/calico-config',
      'kube-system/cilium-config',
      'kube-system/coredns',
      'kube-system/kube-flannel-cfg',
      'kube-system/kube-proxy',
      'kube-system/kubeadm-config',
      'kube-system/kubelet-config',
    ]);
  });

  it('drops managedFields and the last-applied annotation, unless reduce is off', async () => {
    const server = await fake();
    const reduced = await scan(server);
    for (const o of reduced.objects) {
      const m = o.body.metadata as Record<string, unknown>;
      expect(m.managedFields).toBeUndefined();
      expect(m.annotations).toEqual({ keep: 'me' });
    }
    const full = await scan(server, { reduce: false });
    const m = full.objects[0].body.metadata as Record<string, Record<string, unknown>>;
    expect(m.managedFields).toBeDefined();
    expect(m.annotations[LAST_APPLIED]).toBeDefined();
  });

  it('uses namespaced paths when namespaces are given, cluster paths for cluster-scoped kinds', async () => {
    const server = await fake();
    const result = await scan(server, { namespaces: ['shop', 'default', 'shop'] });
    const podPaths = listRequests(server, 'pods').map((r) => r.path);
    expect(podPaths.sort()).toEqual(['/api/v1/namespaces/default/pods', '/api/v1/namespaces/shop/pods']);
    expect(listRequests(server, 'nodes').map((r) => r.path)).toEqual(['/api/v1/nodes']);
    expect(listRequests(server, 'servicecidrs').map((r) => r.path)).toEqual(['/apis/networking.k8s.io/v1/servicecidrs']);
    expect(server.resourceRequests().filter((r) => r.verb === 'list' && r.namespace === undefined).map((r) => r.resource).sort()).toEqual(['apiservices', 'ippools', 'mutatingwebhookconfigurations', 'namespaces', 'nodes', 'servicecidrs', 'validatingwebhookconfigurations']);
    expect(names(result.objects, 'Pod')).toEqual(['web-1', 'web-2', 'api-1']);
    expect(result.availability?.pods).toEqual({ status: 'present' });
  });

  it('keeps requests in flight within the concurrency limit', async () => {
    const server = await fake({ pods: { slow: { delayMs: 30 } }, services: { slow: { delayMs: 30 } }, nodes: { slow: { delayMs: 30 } } });
    await scan(server, { concurrency: 2, pageSize: 1 });
    expect(server.maxInFlight).toBe(2);
  });

  it('reports progress per list', async () => {
    const events: Array<{ resource: string; done: boolean; objects: number }> = [];
    await scan(await fake(), { pageSize: 2, onProgress: (e) => events.push(e) });
    expect(events.filter((e) => e.resource === 'pods' && !e.done).map((e) => e.objects)).toEqual([2, 4, 5]);
    expect(events.filter((e) => e.done).map((e) => e.resource).sort()).toContain('endpointslices.discovery.k8s.io');
    expect(events.find((e) => e.resource === 'pods' && e.done)).toEqual({ resource: 'pods', namespace: undefined, pages: 3, objects: 5, done: true });
  });
});

describe('loadCluster: coverage when access or APIs are missing', () => {
  it('marks a forbidden list and keeps going', async () => {
    const result = await scan(await fake({ pods: { forbid: true } }));
    expect(result.availability?.pods).toEqual({
      status: 'forbidden',
      reason: 'pods is forbidden: User "system:serviceaccount:dsaudit:dsaudit" cannot list resource "pods" in API group "" at the cluster scope',
    });
    expect(result.availability?.nodes).toEqual({ status: 'present' });
    expect(result.availability?.services).toEqual({ status: 'present' });
    expect(result.errors).toEqual([]);
    expect(kinds(result.objects).Pod).toBeUndefined();
  });

  it('marks a collection forbidden when one namespace is forbidden', async () => {
    const result = await scan(await fake({ services: { forbidNamespaces: ['shop'] } }), { namespaces: ['default', 'shop'] });
    expect(result.availability?.services?.status).toBe('forbidden');
    expect(result.availability?.services).toHaveProperty('reason', expect.stringContaining('in the namespace "shop"'));
    expect(names(result.objects, 'Service')).toEqual(['kubernetes']);
  });

  it('marks workloads forbidden and names the list that failed', async () => {
    const result = await scan(await fake({ 'batch/cronjobs': { forbid: true } }));
    expect(result.availability?.workloads?.status).toBe('forbidden');
    expect(result.availability?.workloads).toHaveProperty('reason', expect.stringContaining('cronjobs'));
    expect(kinds(result.objects).Deployment).toBe(1);
  });

  it('marks configMaps forbidden when a named GET is forbidden', async () => {
    const result = await scan(await fake({ configmaps: { forbid: true } }));
    expect(result.availability?.configMaps?.status).toBe('forbidden');
    expect(result.availability?.configMaps).toHaveProperty('reason', expect.stringContaining('cannot get resource "configmaps"'));
  });

  it('marks an API that is not served as absent', async () => {
    const server = await fake({ servicecidrs: { absent: true } });
    const result = await scan(server);
    expect(result.availability?.serviceCIDRs).toEqual({ status: 'absent', reason: 'API networking.k8s.io/v1 servicecidrs not served (nor v1beta1)', notServed: true });
    expect(result.errors).toEqual([]);
    expect(listRequests(server, 'servicecidrs').map((r) => r.version)).toEqual(['v1', 'v1beta1']);
  });

  it('falls back to ServiceCIDR v1beta1 when v1 is not served', async () => {
    const result = await scan(await fake({ 'networking.k8s.io/v1/servicecidrs': { absent: true } }));
    expect(result.availability?.serviceCIDRs).toEqual({ status: 'present' });
    expect(result.objects.filter((o) => o.kind === 'ServiceCIDR').map((o) => o.apiVersion)).toEqual(['networking.k8s.io/v1beta1']);
  });

  it('treats an optional API (Gateway) that is absent as no objects', async () => {
    const server = await fake({ gateways: { absent: true } });
    const result = await scan(server);
    expect(kinds(result.objects).Gateway).toBeUndefined();
    expect(result.errors).toEqual([]);
    // An add-on API that is not served means the cluster has no Gateways: present and empty, not unknown.
    expect(result.availability?.gateways).toEqual({ status: 'present' });
    expect(listRequests(server, 'gateways').map((r) => r.version)).toEqual(['v1', 'v1beta1']);
  });

  it('lists IstioOperators (install.istio.io/v1alpha1), and a cluster that does not serve the API has none', async () => {
    const op = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: meta('installed-state', 'istio-system'), spec: { values: { pilot: { env: { ISTIO_DUAL_STACK: 'true' } } } } };
    const served = await scan(await fake({}, [...clusterObjects(), op]));
    expect(served.objects.filter((o) => o.kind === 'IstioOperator').map((o) => [o.apiVersion, (o.body.spec as { values: unknown }).values])).toEqual([['install.istio.io/v1alpha1', op.spec.values]]);
    const server = await fake({ istiooperators: { absent: true } });
    const absent = await scan(server);
    expect(absent.errors).toEqual([]);
    expect(absent.availability?.istioOperators).toEqual({ status: 'present' });
    expect(listRequests(server, 'istiooperators').map((r) => r.version)).toEqual(['v1alpha1']);
  });

  it('treats Prometheus Operator monitors that are not served as none, and lists ScrapeConfigs at v1alpha1', async () => {
    const server = await fake({ servicemonitors: { absent: true }, podmonitors: { absent: true } });
    const result = await scan(server);
    expect(result.availability?.prometheusMonitors).toEqual({ status: 'present' });
    expect(kinds(result.objects).ServiceMonitor).toBeUndefined();
    expect(listRequests(server, 'scrapeconfigs').map((r) => r.path)).toEqual(['/apis/monitoring.coreos.com/v1alpha1/scrapeconfigs']);
    const forbidden = await scan(await fake({ podmonitors: { forbid: true } }));
    expect(forbidden.availability?.prometheusMonitors?.status).toBe('forbidden');
  });

  it('treats a missing named ConfigMap as absent, not as an error', async () => {
    const result = await scan(await fake());
    expect(result.availability?.configMaps).toEqual({ status: 'present' });
    expect(names(result.objects, 'ConfigMap').sort()).toEqual(['coredns', 'kube-proxy', 'kubeadm-config']);
  });
});

describe('loadCluster: streaming pages to a consumer', () => {
  it('hands every object over once as pages arrive and keeps none', async () => {
    const buffered = await scan(await fake(), { pageSize: 2 });
    const seen: string[] = [];
    const streamed = await scan(await fake(), { pageSize: 2, onObjects: (objs) => seen.push(...objs.map((o) => `${o.kind} ${String((o.body.metadata as Record<string, unknown>).name)}`)) });
    expect(streamed.objects).toEqual([]);
    expect(seen.sort()).toEqual(buffered.objects.map((o) => `${o.kind} ${String((o.body.metadata as Record<string, unknown>).name)}`).sort());
    expect(streamed.availability).toEqual(buffered.availability);
  });

  it('does not hand an object over twice when an expired continue token restarts the list', async () => {
    const seen: string[] = [];
    await scan(await fake({ pods: { expireContinue: 1 } }), { pageSize: 2, onObjects: (objs) => seen.push(...objs.filter((o) => o.kind === 'Pod').map((o) => String((o.body.metadata as Record<string, unknown>).name))) });
    expect(seen.sort()).toEqual(['api-1', 'coredns-abc', 'kube-apiserver-node-a', 'web-1', 'web-2']);
  });
});

describe('loadCluster: the ConfigMaps pods reference, read by name', () => {
  const cm = (ns: string, name: string): Record<string, unknown> => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, ns), data: { 'nginx.conf': 'listen 80;' } });
  const volume = (name: string) => ({ name: `v-${name}`, configMap: { name } });
  /** Pods and templates referencing ConfigMaps in every way a pod spec can, some twice, one missing, one well-known. */
  function referencing(): Record<string, unknown>[] {
    return [
      { apiVersion: 'v1', kind: 'Node', metadata: meta('node-a'), spec: { podCIDRs: ['10.244.0.0/24', 'fd00:10:244::/64'] } },
      {
        apiVersion: 'v1', kind: 'Pod', metadata: meta('web-1', 'default'),
        spec: { containers: [{ name: 'c', image: 'nginx', envFrom: [{ configMapRef: { name: 'web-env' } }] }], volumes: [volume('web-conf'), volume('gone')] },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: meta('web-2', 'default'), spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [volume('web-conf')] } },
      {
        apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('api', 'shop'),
        spec: { template: { spec: { containers: [{ name: 'c', image: 'api', env: [{ name: 'ADDR', valueFrom: { configMapKeyRef: { name: 'api-env', key: 'addr' } } }] }] } } },
      },
      {
        apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('nightly', 'shop'),
        spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'job' }], volumes: [{ name: 'p', projected: { sources: [{ configMap: { name: 'job-conf' } }] } }] } } } } },
      },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('kube-proxy', 'kube-system'), spec: { template: { spec: { containers: [{ name: 'c', image: 'kp' }], volumes: [volume('kube-proxy')] } } } },
      cm('default', 'web-env'), cm('default', 'web-conf'), cm('shop', 'api-env'), cm('shop', 'job-conf'), cm('kube-system', 'kube-proxy'), cm('default', 'unreferenced'),
      { apiVersion: 'v1', kind: 'Secret', metadata: meta('web-env', 'default'), data: { password: 'aHVudGVyMg==' } },
    ];
  }
  const REFERENCED = ['default/gone', 'default/web-conf', 'default/web-env', 'shop/api-env', 'shop/job-conf'];
  const named = (server: FakeApiServer): string[] => server.requests.filter((r) => r.resource === 'configmaps' && r.namespace !== 'kube-system' && r.namespace !== 'kube-flannel' && r.namespace !== 'istio-system' && r.namespace !== 'ingress-nginx').map((r) => `${r.namespace}/${r.name}`).sort();
  /** The RBAC of deploy/rbac.yaml alone: ConfigMaps only under their well-known names. */
  const wellKnownOnly = (): Record<string, Fault> => ({ configmaps: { forbid: true, allowNames: ['kubeadm-config', 'kube-proxy', 'coredns', 'kubelet-config', 'istio', 'ingress-nginx-controller', 'calico-config', 'cilium-config', 'kube-flannel-cfg', 'istio-sidecar-injector'] } });

  it('GETs each referenced ConfigMap once by name after the lists, never lists ConfigMaps, never reads Secrets', async () => {
    const server = await fake({}, referencing());
    const result = await scan(server);
    const cms = server.requests.filter((r) => r.resource === 'configmaps');
    expect(cms.every((r) => r.method === 'GET' && r.verb === 'get')).toBe(true);
    expect(named(server)).toEqual(REFERENCED);
    expect(cms.filter((r) => r.namespace === 'kube-system' && r.name === 'kube-proxy')).toHaveLength(1);
    expect(server.requests.filter((r) => r.path.includes('secrets'))).toEqual([]);
    expect(names(result.objects, 'ConfigMap').sort()).toEqual(['api-env', 'job-conf', 'kube-proxy', 'web-conf', 'web-env']);
    // A referenced ConfigMap that does not exist is a fact for the rules (which name it), not an error.
    expect(result.errors).toEqual([]);
    expect(result.notices).toEqual([]);
    expect(result.availability?.configMaps).toEqual({ status: 'present' });
  });

  it('reads them too when pages are streamed to a consumer', async () => {
    const seen: string[] = [];
    await scan(await fake({}, referencing()), { pageSize: 1, onObjects: (objs) => seen.push(...objs.filter((o) => o.kind === 'ConfigMap').map((o) => String((o.body.metadata as Record<string, unknown>).name))) });
    expect(seen.sort()).toEqual(['api-env', 'job-conf', 'kube-proxy', 'web-conf', 'web-env']);
  });

  it('reads only the namespaces asked for', async () => {
    const server = await fake({}, referencing());
    await scan(server, { namespaces: ['shop'] });
    expect(named(server)).toEqual(['shop/api-env', 'shop/job-conf']);
  });

  it('reads at most --max-configmaps of them, the first by namespace/name, and says how many were left', async () => {
    const server = await fake({}, referencing());
    const result = await scan(server, { maxConfigMaps: 2 });
    expect(named(server)).toEqual(REFERENCED.slice(0, 2));
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^3 of the 5 ConfigMaps the pods reference were not read \(--max-configmaps 2\)/)]);
  });

  it('stops at the first 403 and names deploy/rbac-workload-config.yaml, keeping the well-known ConfigMaps', async () => {
    const server = await fake(wellKnownOnly(), referencing());
    const result = await scan(server, { concurrency: 1 });
    expect(named(server)).toEqual(REFERENCED.slice(0, 1));
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^5 of the 5 ConfigMaps the pods reference were not read \(.*cannot get resource "configmaps".*; grant deploy\/rbac-workload-config\.yaml\)/)]);
    expect(result.errors).toEqual([]);
    expect(result.availability?.configMaps).toEqual({ status: 'present' });
    expect(names(result.objects, 'ConfigMap')).toEqual(['kube-proxy']);
  });

  it('sends no more than the requests already in flight after a 403', async () => {
    const many = [
      ...referencing(),
      { apiVersion: 'v1', kind: 'Pod', metadata: meta('many', 'default'), spec: { containers: [{ name: 'c', image: 'x' }], volumes: Array.from({ length: 40 }, (_, i) => volume(`cm-${String(i).padStart(2, '0')}`)) } },
    ];
    const server = await fake(wellKnownOnly(), many);
    await scan(server, { concurrency: 4 });
    expect(named(server).length).toBeGreaterThanOrEqual(1);
    expect(named(server).length).toBeLessThanOrEqual(4);
  });

  it('deploy/rbac.yaml allows all but the referenced ConfigMaps; with deploy/rbac-workload-config.yaml every request is allowed', async () => {
    const rulesOf = (file: string): PolicyRule[] => parseAllDocuments(readFileSync(path.join(import.meta.dirname, '../../deploy', file), 'utf8'))
      .map((d) => d.toJS() as { kind: string; rules?: PolicyRule[] }).filter((d) => d.kind === 'ClusterRole').flatMap((d) => d.rules ?? []);
    const base = rulesOf('rbac.yaml');
    const extra = rulesOf('rbac-workload-config.yaml');
    const server = await fake({}, referencing());
    await scan(server);
    const deniedByBase = server.requests.filter((r) => !allows(base, r)).map((r) => `${r.verb} ${r.path}`).sort();
    expect(deniedByBase).toEqual(REFERENCED.map((k) => `get /api/v1/namespaces/${k.replace('/', '/configmaps/')}`));
    expect(server.requests.filter((r) => !allows([...base, ...extra], r))).toEqual([]);
    // The extra role is get on ConfigMaps and nothing else: no list, no Secrets.
    expect(extra).toEqual([{ apiGroups: [''], resources: ['configmaps'], verbs: ['get'] }]);
  });
});

describe('loadCluster: retries and restarts', () => {
  it('restarts a list whose continue token expired and returns each object once', async () => {
    const server = await fake({ pods: { expireContinue: 1 } });
    const result = await scan(server, { pageSize: 2 });
    const pods = listRequests(server, 'pods');
    expect(pods.map((r) => [r.status, r.query.continue ? 'continue' : 'first'])).toEqual([
      [200, 'first'],
      [410, 'continue'],
      [200, 'first'],
      [200, 'continue'],
      [200, 'continue'],
    ]);
    expect(names(result.objects, 'Pod').sort()).toEqual(['api-1', 'coredns-abc', 'kube-apiserver-node-a', 'web-1', 'web-2']);
    expect(result.availability?.pods).toEqual({ status: 'present' });
  });

  it('gives up after three restarts', async () => {
    const result = await scan(await fake({ pods: { expireContinue: 10 } }), { pageSize: 2 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].message).toContain('expired');
    expect(result.availability?.pods?.status).toBe('absent');
  });

  it('abandons a list whose server keeps returning the same continue token, and reads the others', { timeout: 10_000 }, async () => {
    const server = await fake({ pods: { loopContinue: 'same' } });
    const result = await scan(server, { pageSize: 2 });
    expect(result.errors).toEqual([{ file: 'cluster "kind-dev"', line: null, message: expect.stringMatching(/^list pods: the server kept returning continue token "[^"]+"; list abandoned after 2 pages$/) }]);
    expect(result.availability?.pods).toEqual({ status: 'absent', reason: result.errors[0].message });
    expect(result.availability?.nodes).toEqual({ status: 'present' });
    expect(kinds(result.objects).Service).toBe(2);
    // Page 1, then page 2, which names itself as the next page: it is not asked for again.
    const tokens = listRequests(server, 'pods').map((r) => r.query.continue);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBeUndefined();
  });

  it('abandons a list that keeps minting tokens beyond what remainingItemCount explains', { timeout: 10_000 }, async () => {
    const server = await fake({ pods: { loopContinue: 'fresh' } });
    const result = await scan(server, { pageSize: 2 });
    // Page 1 says 3 items remain at 2 per page: 3 pages explained, abandoned at twice that plus one.
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^list pods: the server kept returning continue token "[^"]+"; list abandoned after 7 pages$/)]);
    expect(result.availability?.pods?.status).toBe('absent');
    expect(listRequests(server, 'pods').length).toBeLessThanOrEqual(8);
    expect(result.availability?.services).toEqual({ status: 'present' });
  });

  it('honours Retry-After on 429', async () => {
    const server = await fake({ nodes: { tooMany: { times: 1, retryAfterSeconds: 1 } } });
    const start = Date.now();
    const result = await scan(server);
    expect(Date.now() - start).toBeGreaterThanOrEqual(950);
    expect(listRequests(server, 'nodes').map((r) => r.status)).toEqual([429, 200]);
    expect(result.availability?.nodes).toEqual({ status: 'present' });
  });

  it('retries 500 responses', async () => {
    const server = await fake({ services: { fail500: 2 } });
    const result = await scan(server);
    expect(listRequests(server, 'services').map((r) => r.status)).toEqual([500, 500, 200]);
    expect(result.errors).toEqual([]);
    expect(kinds(result.objects).Service).toBe(2);
  });

  it('reports a list that keeps failing as an input error and continues', async () => {
    const result = await scan(await fake({ services: { fail500: 10 } }), { maxAttempts: 2 });
    expect(result.errors).toEqual([{ file: 'cluster "kind-dev"', line: null, message: expect.stringContaining('HTTP 500') }]);
    expect(result.availability?.services?.status).toBe('absent');
    // A list that failed is not an API the server does not serve.
    expect(result.availability?.services).not.toHaveProperty('notServed');
    expect(result.availability?.pods).toEqual({ status: 'present' });
  });

  it('retries a dropped connection', async () => {
    const server = await fake({ pods: { dropConnection: 1 } });
    const result = await scan(server);
    expect(listRequests(server, 'pods').map((r) => r.status)).toEqual([0, 200]);
    expect(kinds(result.objects).Pod).toBe(5);
  });

  it('retries a response slower than the request timeout', async () => {
    const server = await fake({ pods: { slow: { delayMs: 1000, times: 1 } } });
    const result = await scan(server, { requestTimeoutMs: 150 });
    expect(listRequests(server, 'pods')).toHaveLength(2);
    expect(kinds(result.objects).Pod).toBe(5);
  });

  it('reports a response too long for one string as an error of that list, without retrying it', async () => {
    const server = await fake();
    server.add({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'huge', namespace: 'default', annotations: { note: 'x'.repeat(20_000) } }, spec: {} });
    const result = await scan(server, { pageSize: 2, maxResponseChars: 10_000 });
    expect(result.errors.map((e) => e.message)).toEqual(['GET /api/v1/pods: response is longer than 10000 characters; use a smaller --chunk-size']);
    expect(result.availability?.pods?.status).toBe('absent');
    // Page 1 (default/huge, default/web-1) is asked for once; no retry, no further page.
    expect(listRequests(server, 'pods')).toHaveLength(1);
    expect(result.availability?.nodes).toEqual({ status: 'present' });
  });

  it('reports a list that always times out as an input error', async () => {
    const result = await scan(await fake({ pods: { slow: { delayMs: 1000 } } }), { requestTimeoutMs: 100, maxAttempts: 2 });
    expect(result.errors).toEqual([{ file: 'cluster "kind-dev"', line: null, message: expect.stringContaining('timed out after 100 ms') }]);
    expect(result.availability?.pods?.status).toBe('absent');
    expect(kinds(result.objects).Service).toBe(2);
  });
});

describe('loadCluster: connection and kubeconfig', () => {
  it('fails with a one-line error naming context and server when nothing listens', async () => {
    const server = await fake();
    const url = await closedPortUrl();
    const file = kubeconfig(server, [{ name: 'kind-dev', server: url }]);
    const err = await rejection(loadCluster({ kubeconfig: file, retryBaseDelayMs: 5 }));
    expect(err.message).toContain(`cannot reach cluster "kind-dev" at ${url}`);
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain(server.token);
    expect(err.message).not.toContain('\n');
  });

  it('fails and stops every request when the server goes away mid-run', async () => {
    const server = await fake({ pods: { slow: { delayMs: 5000 } } });
    const run = scan(server);
    setTimeout(() => void server.close(), 300);
    const err = await rejection(run);
    expect(err.message).toContain(`cannot reach cluster "kind-dev" at ${server.url}`);
  });

  it('stops every request at once when the signal aborts, even one whose body trickles forever', { timeout: 10_000 }, async () => {
    const server = await fake({ pods: { trickleMs: 50 }, services: { slow: { delayMs: 600_000 } }, nodes: { fail500: 100 } });
    const started = Date.now();
    const err = await rejection(scan(server, { requestTimeoutMs: 60_000, retryBaseDelayMs: 5_000, signal: AbortSignal.timeout(500) }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err.message).toBe(`reading cluster "kind-dev" at ${server.url} was cancelled`);
    expect(err.context).toBe('kind-dev');
  });

  it('fails on a rejected token without echoing it', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'kind-dev', auth: { token: 'wrong-token-0123456789' } }]);
    const err = await rejection(loadCluster({ kubeconfig: file }));
    expect(err.message).toBe(`cluster "kind-dev" at ${server.url} rejected the credentials (401 Unauthorized)`);
    expect(server.requests).toHaveLength(2);
  });

  it('verifies TLS: an unrelated CA fails, insecureSkipTlsVerify works', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'kind-dev', ca: 'wrong' }]);
    const err = await rejection(loadCluster({ kubeconfig: file }));
    expect(err.message).toMatch(new RegExp(`^TLS verification failed for cluster "kind-dev" at ${server.url}: `));
    expect(server.requests).toEqual([]);

    const result = await loadCluster({ kubeconfig: file, insecureSkipTlsVerify: true });
    expect(result.availability?.pods).toEqual({ status: 'present' });
  });

  it('honours insecure-skip-tls-verify and a CA file from the kubeconfig', async () => {
    const server = await fake();
    const insecure = kubeconfig(server, [{ name: 'kind-dev', ca: 'none', insecure: true }]);
    expect((await loadCluster({ kubeconfig: insecure })).errors).toEqual([]);
    const caFile = kubeconfig(server, [{ name: 'kind-dev', ca: 'file' }]);
    expect((await loadCluster({ kubeconfig: caFile })).errors).toEqual([]);
  });

  it('fails without a CA when the server certificate is not publicly trusted', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'kind-dev', ca: 'none' }]);
    expect((await rejection(loadCluster({ kubeconfig: file }))).message).toContain('TLS verification failed');
  });

  it('authenticates with a client certificate', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'cert-ctx', auth: 'cert' }]);
    const result = await loadCluster({ kubeconfig: file });
    expect(result.availability?.nodes).toEqual({ status: 'present' });
    expect(new Set(server.requests.map((r) => r.user))).toEqual(new Set([`cert:${CLIENT_CERT_CN}`]));
  });

  it('runs exec credential plugins, and runs them again after a 401', async () => {
    const server = await fake();
    const dir = tmp();
    const plugin = path.join(dir, 'plugin.mjs');
    writeFileSync(plugin, EXEC_PLUGIN);
    const state = path.join(dir, 'calls');
    const file = kubeconfig(server, [{ name: 'exec-ctx', auth: { exec: { command: process.execPath, args: [plugin, state, server.token, 'stale-first'] } } }]);
    const result = await loadCluster({ kubeconfig: file });
    expect(result.errors).toEqual([]);
    expect(readFileSync(state, 'utf8')).toBe('2');
    expect(server.requests.map((r) => r.status).slice(0, 2)).toEqual([401, 200]);
  });

  it('fails with the context name when an exec plugin fails', async () => {
    const server = await fake();
    const dir = tmp();
    const plugin = path.join(dir, 'plugin.mjs');
    writeFileSync(plugin, EXEC_PLUGIN);
    const file = kubeconfig(server, [{ name: 'exec-ctx', auth: { exec: { command: process.execPath, args: [plugin, path.join(dir, 'calls'), 'x', 'fail'] } } }]);
    const err = await rejection(loadCluster({ kubeconfig: file }));
    expect(err.message).toBe(`cannot get credentials for context "exec-ctx" (${server.url}): plugin: no credentials`);
  });

  it('merges KUBECONFIG files: current-context from the first, context defined in the second', async () => {
    const server = await fake();
    const broken = await closedPortUrl();
    const first = writeKubeconfig(path.join(tmp(), 'first'), server, [{ name: 'other', server: broken }], 'second');
    const second = writeKubeconfig(path.join(tmp(), 'second'), server, [{ name: 'second' }], 'other');
    process.env.KUBECONFIG = [first, path.join(tmp(), 'missing'), second].join(path.delimiter);
    const result = await loadCluster({});
    expect(result.clusterName).toBe('second');
    expect(result.objects[0].origin).toEqual({ kind: 'cluster', cluster: 'second' });
  });

  it('selects a non-current context with the context option', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'broken', server: await closedPortUrl() }, { name: 'good' }], 'broken');
    const result = await loadCluster({ kubeconfig: file, context: 'good' });
    expect(result.clusterName).toBe('good');
  });

  it('fails on an unknown context and lists the known ones', async () => {
    const server = await fake();
    const file = kubeconfig(server, [{ name: 'a' }, { name: 'b' }]);
    const err = await rejection(loadCluster({ kubeconfig: file, context: 'nope' }));
    expect(err.message).toBe('context "nope" not found in kubeconfig (available: a, b)');
    expect(server.requests).toEqual([]);
  });

  it('fails on a missing kubeconfig file', async () => {
    const err = await rejection(loadCluster({ kubeconfig: path.join(tmp(), 'absent.yaml') }));
    expect(err.message).toMatch(/^cannot load kubeconfig .*absent\.yaml: file not found$/);
  });

  it('fails on invalid kubeconfig YAML without quoting its content', async () => {
    const dir = tmp();
    const file = path.join(dir, 'bad');
    writeFileSync(file, 'users:\n- name: x\n  user:\n    token: "s3cr3t-token-value\n  : [\n');
    const err = await rejection(loadCluster({ kubeconfig: file }));
    expect(err.message).toContain('invalid YAML');
    expect(err.message).not.toContain('s3cr3t');
  });
});

/** Minimal RBAC PolicyRule evaluation (no aggregation, no wildcards in resourceNames). */
interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

function allows(rules: readonly PolicyRule[], r: RecordedRequest): boolean {
  const verb = r.verb ?? r.method.toLowerCase();
  return rules.some((rule) => {
    if (!rule.verbs.includes(verb) && !rule.verbs.includes('*')) return false;
    if (r.resource === undefined) {
      return (rule.nonResourceURLs ?? []).some((u) => u === r.path || (u.endsWith('*') && r.path.startsWith(u.slice(0, -1))));
    }
    if (!(rule.apiGroups ?? []).some((g) => g === r.group || g === '*')) return false;
    // A subresource is its own RBAC resource (`services/proxy`): `services` does not grant it.
    const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
    if (!(rule.resources ?? []).some((x) => x === resource || x === '*')) return false;
    const names = rule.resourceNames ?? [];
    // resourceNames cannot authorize a list (no name in the request).
    return names.length === 0 || (r.name !== undefined && names.includes(r.name));
  });
}

describe('deploy/rbac.yaml', () => {
  const docs = parseAllDocuments(readFileSync(path.join(import.meta.dirname, '../../deploy/rbac.yaml'), 'utf8')).map(
    (d) => d.toJS() as { kind: string; metadata: { name: string; namespace?: string }; rules?: PolicyRule[]; roleRef?: { name: string }; subjects?: unknown[] },
  );
  const role = docs.find((d) => d.kind === 'ClusterRole' && d.metadata.name === 'dsaudit-reader');
  const rules = role?.rules ?? [];

  it('allows every request of a full run', async () => {
    const server = await fake();
    await scan(server, { pageSize: 2 });
    const denied = server.requests.filter((r) => !allows(rules, r)).map((r) => `${r.verb ?? r.method} ${r.path}`);
    expect(denied).toEqual([]);
    // And every granted resource is actually read.
    const used = new Set(server.resourceRequests().map((r) => `${r.group}/${r.resource}`));
    for (const rule of rules) for (const g of rule.apiGroups ?? []) for (const res of rule.resources ?? []) expect(used).toContain(`${g}/${res}`);
  });

  it('grants nothing on Secrets and no watch or write verbs', () => {
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.resources ?? []).not.toContain('secrets');
      expect(rule.resources ?? []).not.toContain('*');
      expect(rule.apiGroups ?? []).not.toContain('*');
      for (const v of rule.verbs) expect(['get', 'list']).toContain(v);
      if ((rule.resources ?? []).includes('configmaps')) {
        expect(rule.verbs).toEqual(['get']);
        expect(rule.resourceNames?.length).toBeGreaterThan(0);
      }
    }
  });

  it('binds the role to the dsaudit ServiceAccount', () => {
    expect(docs.find((d) => d.kind === 'ServiceAccount')?.metadata).toEqual({ name: 'dsaudit', namespace: 'dsaudit' });
    const binding = docs.find((d) => d.kind === 'ClusterRoleBinding');
    expect(binding?.roleRef?.name).toBe('dsaudit-reader');
    expect(binding?.subjects).toEqual([{ kind: 'ServiceAccount', name: 'dsaudit', namespace: 'dsaudit' }]);
  });
});

describe('deploy/cronjob.yaml', () => {
  const deploy = (file: string) => parseAllDocuments(readFileSync(path.join(import.meta.dirname, '../../deploy', file), 'utf8')).map((d) => d.toJS());
  const pod = deploy('cronjob.yaml').find((d) => d.kind === 'CronJob').spec.jobTemplate.spec.template.spec;

  it('snapshots, then scans the snapshot, in-cluster as non-root with a read-only root filesystem', () => {
    expect(pod.serviceAccountName).toBe('dsaudit');
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    const [snapshot, scan] = pod.initContainers;
    expect(snapshot.args.slice(0, 1)).toEqual(['snapshot']);
    expect(snapshot.args.slice(-2)).toEqual(['--timeout', '25m']);
    // The read's own deadline ends it with a message before Kubernetes kills the pod without one.
    expect(deploy('cronjob.yaml').find((d) => d.kind === 'CronJob').spec.jobTemplate.spec.activeDeadlineSeconds).toBeGreaterThan(25 * 60);
    const out = snapshot.args[snapshot.args.indexOf('-o') + 1];
    expect(scan.args.slice(0, 3)).toEqual(['scan', '-f', out]);
    expect(scan.args).toContain('policyreport=/reports/policyreports.yaml');
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext.readOnlyRootFilesystem, c.name).toBe(true);
      expect(c.securityContext.allowPrivilegeEscalation, c.name).toBe(false);
    }
  });

  it('publishes the reports with kubectl, whose only write right is on PolicyReports', () => {
    const [publish] = pod.containers;
    expect(publish.args).toEqual(expect.arrayContaining(['apply', '--server-side', '/reports/policyreports.yaml']));
    const writer = deploy('policyreport-writer.yaml').find((d) => d.kind === 'ClusterRole');
    expect(writer.rules).toEqual([{ apiGroups: ['wgpolicyk8s.io'], resources: ['policyreports', 'clusterpolicyreports'], verbs: ['create', 'patch', 'update'] }]);
    const reader = deploy('rbac.yaml').find((d) => d.kind === 'ClusterRole');
    for (const rule of reader.rules) expect(rule.verbs.every((v: string) => v === 'get' || v === 'list'), JSON.stringify(rule)).toBe(true);
  });
});

describe('--mesh-listeners: listener configuration from istiod through the service proxy', () => {
  const proxyPod = (name: string, rs: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta(name, 'shop', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `uid-${rs}`, controller: true }] }),
    spec: { containers: [{ name: 'app', image: 'shop/app:1' }, { name: 'istio-proxy', image: 'istio/proxyv2:1.24.2' }] },
    status: { phase: 'Running', podIPs: [{ ip: '10.244.1.5' }, { ip: 'fd00:10:244:1::5' }] },
    ...extra,
  });
  const objects = (): Record<string, unknown>[] => [
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('istiod', 'istio-system'), spec: { template: { metadata: { labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery' }] } } } },
    proxyPod('cart-b', 'cart-5d8f7'), proxyPod('cart-a', 'cart-5d8f7'), proxyPod('orders-a', 'orders-6c9'),
    { apiVersion: 'v1', kind: 'Pod', metadata: meta('plain', 'shop'), spec: { containers: [{ name: 'app' }] }, status: { phase: 'Running' } },
  ];
  // A captured istiod answer, trimmed: the config dump of the proxy named in proxyID (camelCase, protojson).
  const istiod = (path: string, query: Readonly<Record<string, string>>) => {
    if (path !== '/debug/config_dump' || !query.proxyID) return { status: 404, body: 'not found' };
    return {
      status: 200,
      body: {
        configs: [
          { '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump', dynamicListeners: [{ name: 'virtualInbound', activeState: { listener: { name: 'virtualInbound', address: { socketAddress: { address: '0.0.0.0', portValue: 15006 } } } } }] },
        ],
      },
    };
  };
  const meshRules = (): PolicyRule[] => {
    const docs = parseAllDocuments(readFileSync(path.join(import.meta.dirname, '../../deploy/rbac-mesh.yaml'), 'utf8')).map((d) => d.toJS() as { kind: string; metadata: { namespace?: string }; rules?: PolicyRule[] });
    const role = docs.find((d) => d.kind === 'Role');
    expect(role?.metadata.namespace).toBe('istio-system');
    return role?.rules ?? [];
  };
  const start = async (faults: Record<string, Fault> = {}) => {
    const s = await FakeApiServer.start({ objects: objects(), faults, serviceProxy: { 'istio-system/http:istiod:15014': istiod } });
    servers.push(s);
    return s;
  };

  it('samples one proxy per workload and reads its listeners as the Pod\'s dump, allowed by rbac.yaml plus rbac-mesh.yaml only', async () => {
    const server = await start();
    const result = await scan(server, { meshListeners: { perWorkload: 1 } });
    const dumps = result.objects.filter((o) => o.kind === 'EnvoyConfigDump').map((o) => o.body.metadata);
    expect(dumps).toEqual([{ namespace: 'shop', name: 'cart-a' }, { namespace: 'shop', name: 'orders-a' }]);
    expect(result.availability?.envoyProxies).toEqual({ status: 'present' });
    const proxied = server.requests.filter((r) => r.subresource === 'proxy');
    expect(proxied.map((r) => `${r.verb} ${r.path}?proxyID=${r.query.proxyID}`)).toEqual([
      'get /api/v1/namespaces/istio-system/services/http:istiod:15014/proxy/debug/config_dump?proxyID=cart-a.shop',
      'get /api/v1/namespaces/istio-system/services/http:istiod:15014/proxy/debug/config_dump?proxyID=orders-a.shop',
    ]);
    const reader = parseAllDocuments(readFileSync(path.join(import.meta.dirname, '../../deploy/rbac.yaml'), 'utf8')).map((d) => d.toJS()).find((d) => d.kind === 'ClusterRole').rules as PolicyRule[];
    // The reader role alone does not grant the service proxy; the mesh role grants nothing else.
    expect(proxied.filter((r) => allows(reader, r))).toEqual([]);
    expect(server.requests.filter((r) => !allows(reader, r) && !(r.namespace === 'istio-system' && allows(meshRules(), r))).map((r) => r.path)).toEqual([]);
    for (const rule of meshRules()) expect(rule.verbs).toEqual(['get']);
  });

  it('is not assessed, with istiod\'s refusal as the reason, when the service proxy is forbidden', async () => {
    const server = await start({ 'services/proxy': { forbid: true } });
    const result = await scan(server, { meshListeners: { perWorkload: 2 } });
    expect(result.objects.filter((o) => o.kind === 'EnvoyConfigDump')).toEqual([]);
    expect(result.availability?.envoyProxies?.status).toBe('forbidden');
    expect(result.availability?.envoyProxies).toMatchObject({ reason: expect.stringContaining('3 of 3 sampled proxies not read: istiod istio-system/istiod:15014 refused the config dump of shop/cart-a (HTTP 403): services "http:istiod:15014" is forbidden') });
  });

  it('reads nothing from istiod without the flag', async () => {
    const server = await start();
    const result = await scan(server);
    expect(server.requests.filter((r) => r.subresource === 'proxy')).toEqual([]);
    expect(result.availability?.envoyProxies).toEqual(LISTENERS_NOT_REQUESTED);
  });
});
