/**
 * Deterministic generator of a synthetic `kubectl get -o json` cluster dump at a scale factor.
 *
 * At scale 1 (Kubernetes' published limits): 5,000 nodes, 150,000 pods, 10,000 Services, 15,000
 * EndpointSlices, 1,000 NetworkPolicies, plus the workloads owning the pods (Deployments and their
 * ReplicaSets, StatefulSets, DaemonSets, CronJobs and Jobs), a kubeadm-config ConfigMap and the
 * control-plane static pods. Objects look like what the API server returns: labels, annotations,
 * ownerReferences, conditions, uid/resourceVersion/creationTimestamp, container specs, `managedFields`
 * on ~30% of them, status with podIPs. The cluster is dual-stack with a realistic share of
 * single-stack leftovers (SingleStack Services, PreferDualStack Services that stayed single, nodes
 * with one podCIDR whose pods have one IP, Services missing the EndpointSlice of one family).
 *
 * Usage: node bench/generate.js <scale> [outDir]   (default outDir: bench/out/<scale>)
 * Files: nodes.json, pods-000.json … pods-009.json, services.json, endpointslices.json,
 * networkpolicies.json, workloads.json, kube-system.json — each a `kind: List`, keys sorted and
 * indented by 4 spaces as kubectl prints them. Same scale ⇒ byte-identical output.
 */
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the output changes, so cached dumps are regenerated. */
export const GENERATOR_VERSION = 3;
export const POD_FILES = 10;

const FULL = { nodes: 5000, pods: 150000, services: 10000, endpointSlices: 15000, networkPolicies: 1000 };

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function sfc32(a, b, c, d) {
  return () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function rngFor(seed) {
  const r = sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0);
  for (let i = 0; i < 16; i++) r();
  return r;
}

let rand = rngFor(1);
let withManagedFields = true;
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
const chance = (p) => rand() < p;
const HEX = '0123456789abcdef';
const SAFE = 'bcdfghjklmnpqrstvwxz2456789'; // k8s rand.SafeEncodeString alphabet
const randStr = (alphabet, n) => { let s = ''; for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)]; return s; };
const uuid = () => `${randStr(HEX, 8)}-${randStr(HEX, 4)}-4${randStr(HEX, 3)}-${pick(['8', '9', 'a', 'b'])}${randStr(HEX, 3)}-${randStr(HEX, 12)}`;

const EPOCH = Date.UTC(2024, 0, 15, 8, 0, 0);
const ts = (offsetSeconds) => new Date(EPOCH + offsetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
let resourceVersion = 4_000_000;
const rv = () => String(resourceVersion += int(1, 40));

// ---------------------------------------------------------------------------------------------
// Address plan (kubeadm-config): pods 10.32.0.0/11 + fd00:10:32::/48 (/24 and /64 per node),
// services 10.96.0.0/16 + fd00:10:96::/108, nodes 10.1.0.0/16 + 2001:db8:1::/48.

const POD_SUBNET = '10.32.0.0/11,fd00:10:32::/48';
const SERVICE_SUBNET = '10.96.0.0/16,fd00:10:96::/108';

function nodeV4Cidr(i) { return `10.${32 + (i >> 8)}.${i & 255}.0/24`; }
function nodeV6Cidr(i) { return `fd00:10:32:${i.toString(16)}::/64`; }
function podV4(i, k) { return `10.${32 + (i >> 8)}.${i & 255}.${2 + (k % 250)}`; }
function podV6(i, k) { return `fd00:10:32:${i.toString(16)}::${(k + 2).toString(16)}`; }
function hostV4(i) { return `10.1.${(i + 1) >> 8}.${(i + 1) & 255}`; }
function hostV6(i) { return `2001:db8:1:${((i + 1) >> 8).toString(16)}::${((i + 1) & 255).toString(16)}`; }
function svcV4(n) { return `10.96.${(n >> 8) & 255}.${n & 255}`; }
function svcV6(n) { return `fd00:10:96::${n.toString(16)}`; }

// ---------------------------------------------------------------------------------------------
// Output: kubectl-style List files with sorted keys and 4-space indentation

function sortKeys(_key, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) { sorted = false; break; }
  if (sorted) return value;
  const out = {};
  for (const k of keys.sort()) out[k] = value[k];
  return out;
}

/** Escapes like Go's encoding/json (HTML-safe), as kubectl output does. */
const htmlEscape = (s) => s.replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);

export class ListWriter {
  constructor(path) {
    this.path = path;
    this.tmp = `${path}.tmp`;
    this.chunks = [];
    this.size = 0;
    this.count = 0;
    this.fd = createWriteStream(this.tmp);
    this.fd.write('{\n    "apiVersion": "v1",\n    "items": [');
  }

  add(obj) {
    const text = htmlEscape(JSON.stringify(obj, sortKeys, 4)).replace(/\n/g, '\n        ');
    this.chunks.push(`${this.count === 0 ? '' : ','}\n        ${text}`);
    this.count++;
    this.size += text.length;
    if (this.size > 8 << 20) this.flushChunks();
  }

  flushChunks() {
    if (this.chunks.length) this.fd.write(this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  async close() {
    this.flushChunks();
    this.fd.write(`${this.count ? '\n    ' : ''}],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n`);
    await new Promise((res, rej) => this.fd.end((e) => (e ? rej(e) : res())));
    renameSync(this.tmp, this.path);
  }
}

// ---------------------------------------------------------------------------------------------
// Shared object parts

const WORDS = ['api', 'auth', 'billing', 'cart', 'catalog', 'checkout', 'search', 'orders', 'payments', 'inventory', 'ledger', 'notify',
  'profile', 'ranking', 'reports', 'session', 'shipping', 'pricing', 'gateway', 'media', 'feed', 'geo', 'fraud', 'audit', 'events',
  'quota', 'tenant', 'export', 'import', 'mailer', 'render', 'thumbs', 'ingest', 'stream', 'cache', 'query', 'index', 'config'];
const ROLES = ['server', 'worker', 'consumer', 'web', 'grpc', 'cron', 'proxy', 'sync', 'scheduler', 'backend', 'frontend', 'writer', 'reader'];
const TEAMS = ['core', 'growth', 'platform', 'data', 'risk', 'mobile', 'edge', 'ml', 'infra', 'retail', 'ads', 'travel', 'search', 'identity'];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

function managedFields(manager, operation, time, fieldsV1, subresource) {
  return { apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1, manager, operation, time, ...(subresource ? { subresource } : {}) };
}

const keyed = (name) => `k:{"name":"${name}"}`;

function containerFields(names) {
  const out = {};
  for (const n of names) {
    out[keyed(n)] = {
      '.': {}, 'f:args': {}, 'f:env': { '.': {}, [keyed('POD_IP')]: { '.': {}, 'f:name': {}, 'f:valueFrom': { '.': {}, 'f:fieldRef': {} } }, [keyed('LOG_LEVEL')]: { '.': {}, 'f:name': {}, 'f:value': {} } },
      'f:image': {}, 'f:imagePullPolicy': {}, 'f:name': {}, 'f:ports': { '.': {}, 'k:{"containerPort":8080,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:name': {}, 'f:protocol': {} } },
      'f:readinessProbe': { '.': {}, 'f:failureThreshold': {}, 'f:httpGet': { '.': {}, 'f:path': {}, 'f:port': {}, 'f:scheme': {} }, 'f:periodSeconds': {} },
      'f:resources': { '.': {}, 'f:limits': { '.': {}, 'f:memory': {} }, 'f:requests': { '.': {}, 'f:cpu': {}, 'f:memory': {} } },
      'f:terminationMessagePath': {}, 'f:terminationMessagePolicy': {},
    };
  }
  return out;
}

function podManagedFields(pod, names, ownerUid, created) {
  return [
    managedFields('kube-controller-manager', 'Update', ts(created), {
      'f:metadata': { 'f:generateName': {}, 'f:labels': Object.fromEntries(Object.keys(pod.metadata.labels).map((k) => [`f:${k}`, {}])), 'f:ownerReferences': { '.': {}, [`k:{"uid":"${ownerUid}"}`]: {} } },
      'f:spec': { 'f:containers': containerFields(names), 'f:dnsPolicy': {}, 'f:enableServiceLinks': {}, 'f:restartPolicy': {}, 'f:schedulerName': {}, 'f:securityContext': {}, 'f:terminationGracePeriodSeconds': {} },
    }),
    managedFields('kubelet', 'Update', ts(created + 9), {
      'f:status': {
        'f:conditions': Object.fromEntries(['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'Ready'].map((t) => [`k:{"type":"${t}"}`, { '.': {}, 'f:lastProbeTime': {}, 'f:lastTransitionTime': {}, 'f:status': {}, 'f:type': {} }])),
        'f:containerStatuses': {}, 'f:hostIP': {}, 'f:hostIPs': {}, 'f:phase': {}, 'f:podIP': {}, 'f:podIPs': { '.': {}, 'k:{"ip":"0.0.0.0"}': { '.': {}, 'f:ip': {} } }, 'f:startTime': {},
      },
    }, 'status'),
  ];
}

function lastApplied(obj) {
  const { metadata, spec, apiVersion, kind } = obj;
  const m = { annotations: {}, labels: metadata.labels, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  return `${JSON.stringify({ apiVersion, kind, metadata: m, spec }, sortKeys)}\n`;
}

function container(name, image, opts = {}) {
  const args = [`--port=${opts.port ?? 8080}`, `--log-format=json`];
  if (opts.wildcard) args.push(pick(['--listen-address=0.0.0.0:9090', '--metrics-bind-address=0.0.0.0:8081', '--bind=0.0.0.0']));
  else if (chance(0.3)) args.push(pick(['--listen-address=:9090', '--metrics-bind-address=[::]:8081', '--grpc-port=9000']));
  const env = [
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'LOG_LEVEL', value: pick(['info', 'info', 'debug', 'warn']) },
  ];
  if (opts.wildcard && chance(0.5)) env.push({ name: 'BIND_ADDRESS', value: '0.0.0.0' });
  if (chance(0.4)) env.push({ name: 'OTEL_EXPORTER_OTLP_ENDPOINT', value: 'http://otel-collector.observability.svc:4317' });
  return {
    args,
    env,
    image,
    imagePullPolicy: 'IfNotPresent',
    name,
    ports: [{ containerPort: opts.port ?? 8080, name: 'http', protocol: 'TCP' }],
    readinessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: opts.port ?? 8080, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
    resources: { limits: { memory: `${pick([256, 512, 1024])}Mi` }, requests: { cpu: `${pick([50, 100, 250, 500])}m`, memory: `${pick([128, 256, 512])}Mi` } },
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access', readOnly: true }],
  };
}

function podTemplate(labels, containers, extra = {}) {
  return {
    metadata: { creationTimestamp: null, labels },
    spec: {
      containers,
      dnsPolicy: 'ClusterFirst',
      restartPolicy: extra.restartPolicy ?? 'Always',
      schedulerName: 'default-scheduler',
      securityContext: {},
      terminationGracePeriodSeconds: 30,
      ...(extra.hostNetwork ? { hostNetwork: true } : {}),
      ...(extra.serviceAccountName ? { serviceAccount: extra.serviceAccountName, serviceAccountName: extra.serviceAccountName } : {}),
      ...(extra.tolerations ? { tolerations: extra.tolerations } : {}),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The cluster

/**
 * Generates the dump for `scale` into `outDir`; returns object counts. Deterministic for a scale and
 * options. `lean`: no `managedFields` (kubectl 1.21+ leaves them out of `get -o json` unless
 * --show-managed-fields is set), the same objects otherwise. `podFiles`: how many files the pods
 * are split into (1: one `kubectl get pods -A -o json` file).
 */
export async function generate(scale, outDir, { lean = false, podFiles = POD_FILES } = {}) {
  rand = rngFor(Math.round(scale * 1000) + 17);
  withManagedFields = !lean;
  resourceVersion = 4_000_000;
  const n = (full) => Math.max(1, Math.round(full * scale));
  const target = { nodes: n(FULL.nodes), pods: n(FULL.pods), services: n(FULL.services), endpointSlices: n(FULL.endpointSlices), networkPolicies: n(FULL.networkPolicies) };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const counts = {};

  // ---- nodes
  const nodes = [];
  const CONTROL_PLANE = 3;
  for (let i = 0; i < target.nodes; i++) {
    const cp = i < CONTROL_PLANE;
    // 2% of workers were registered before the cluster went dual-stack: one podCIDR, no IPv6 address.
    const single = !cp && rand() < 0.02;
    nodes.push({ i, name: `ip-${hostV4(i).replaceAll('.', '-')}.eu-west-1.compute.internal`, cp, single, zone: ZONES[i % 3], podCount: 0, uid: uuid() });
  }
  const workers = nodes.filter((x) => !x.cp);
  const images = Array.from({ length: 24 }, (_, k) => ({
    names: [`registry.example.com/${pick(TEAMS)}/${pick(WORDS)}@sha256:${randStr(HEX, 64)}`, `registry.example.com/${pick(TEAMS)}/${pick(WORDS)}:v1.${k}.${int(0, 9)}`],
    sizeBytes: int(5_000_000, 900_000_000),
  }));
  {
    const w = new ListWriter(join(outDir, 'nodes.json'));
    for (const node of nodes) {
      const created = int(0, 86400 * 90);
      const v4 = nodeV4Cidr(node.i);
      const obj = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          annotations: {
            'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
            'node.alpha.kubernetes.io/ttl': '0',
            'projectcalico.org/IPv4Address': `${hostV4(node.i)}/16`,
            ...(node.single ? {} : { 'projectcalico.org/IPv6Address': `${hostV6(node.i)}/64` }),
            'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
          },
          creationTimestamp: ts(created),
          labels: {
            'beta.kubernetes.io/arch': 'amd64',
            'beta.kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'kubernetes.io/hostname': node.name,
            'kubernetes.io/os': 'linux',
            'node.kubernetes.io/instance-type': pick(['m6i.2xlarge', 'm6i.4xlarge', 'c6i.4xlarge', 'r6i.2xlarge']),
            'topology.kubernetes.io/region': 'eu-west-1',
            'topology.kubernetes.io/zone': node.zone,
            ...(node.cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
          },
          name: node.name,
          resourceVersion: rv(),
          uid: node.uid,
        },
        spec: {
          podCIDR: v4,
          podCIDRs: node.single ? [v4] : [v4, nodeV6Cidr(node.i)],
          providerID: `aws:///${node.zone}/i-0${randStr(HEX, 16)}`,
          ...(node.cp ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
        },
        status: {
          addresses: [
            { address: hostV4(node.i), type: 'InternalIP' },
            ...(node.single ? [] : [{ address: hostV6(node.i), type: 'InternalIP' }]),
            { address: node.name, type: 'Hostname' },
          ],
          allocatable: { cpu: '7910m', 'ephemeral-storage': '95491281146', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '31658348Ki', pods: '110' },
          capacity: { cpu: '8', 'ephemeral-storage': '103609940Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '32366956Ki', pods: '110' },
          conditions: [
            ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
            ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
            ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
            ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
          ].map(([type, status, reason, message]) => ({ lastHeartbeatTime: ts(86400 * 100 + int(0, 60)), lastTransitionTime: ts(created + 30), message, reason, status, type })),
          daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
          images: images.slice(0, int(12, 24)),
          nodeInfo: {
            architecture: 'amd64', bootID: uuid(), containerRuntimeVersion: 'containerd://1.7.22', kernelVersion: '6.1.112-124.190.amzn2023.x86_64',
            kubeProxyVersion: 'v1.31.2', kubeletVersion: 'v1.31.2', machineID: randStr(HEX, 32), operatingSystem: 'linux', osImage: 'Amazon Linux 2023.6.20241031', systemUUID: `ec2${randStr(HEX, 5)}-${randStr(HEX, 4)}-${randStr(HEX, 4)}-${randStr(HEX, 4)}-${randStr(HEX, 12)}`,
          },
        },
      };
      if (chance(0.3) && withManagedFields) {
        obj.metadata.managedFields = [
          managedFields('kubelet', 'Update', ts(created), { 'f:metadata': { 'f:annotations': { '.': {}, 'f:node.alpha.kubernetes.io/ttl': {} }, 'f:labels': { '.': {}, 'f:kubernetes.io/hostname': {} } } }),
          managedFields('kube-controller-manager', 'Update', ts(created + 5), { 'f:spec': { 'f:podCIDR': {}, 'f:podCIDRs': { '.': {}, [`v:"${v4}"`]: {} } } }),
          managedFields('kubelet', 'Update', ts(created + 20), { 'f:status': { 'f:conditions': { 'k:{"type":"Ready"}': { 'f:lastHeartbeatTime': {}, 'f:message': {}, 'f:reason': {}, 'f:status': {} } }, 'f:images': {}, 'f:nodeInfo': { 'f:bootID': {} } } }, 'status'),
        ];
      }
      w.add(obj);
    }
    await w.close();
    counts.nodes = w.count;
  }

  // ---- namespaces and workloads (planned first: pods, Services and slices refer to them)
  const namespaces = Array.from({ length: Math.max(6, Math.round(400 * scale)) }, (_, k) => `${TEAMS[k % TEAMS.length]}-${WORDS[(k * 7) % WORDS.length]}${k >= TEAMS.length ? `-${k}` : ''}`);
  const used = new Set();
  const uniqueName = (ns, base) => {
    let name = base;
    for (let k = 2; used.has(`${ns}/${name}`); k++) name = `${base}-${k}`;
    used.add(`${ns}/${name}`);
    return name;
  };

  /** @type {{kind:string, ns:string, name:string, uid:string, labels:object, containers:object[], replicas:number, hostNetwork?:boolean, owner?:object, pods:object[], created:number, hash?:string}[]} */
  const workloads = [];
  const podOwners = []; // workloads that own pods directly: [{owner, count}]
  const systemDs = [
    ['kube-proxy', 'kube-system', true], ['calico-node', 'kube-system', true], ['node-exporter', 'monitoring', true],
    ['fluent-bit', 'logging', false], ['ebs-csi-node', 'kube-system', false],
  ];
  for (const [name, ns, hostNetwork] of systemDs) {
    const labels = { 'app.kubernetes.io/name': name, 'k8s-app': name };
    const ds = { kind: 'DaemonSet', ns, name, uid: uuid(), labels, hostNetwork, created: int(0, 1000), replicas: nodes.length,
      containers: [container(name, `registry.k8s.io/${name}:v1.31.2`, { wildcard: name === 'node-exporter', port: 9100 })], pods: [] };
    workloads.push(ds);
    podOwners.push({ owner: ds, count: nodes.length, daemon: true });
  }
  let budget = target.pods - systemDs.length * nodes.length - CONTROL_PLANE * 4;
  const bare = Math.round(50 * scale);
  budget -= bare;
  const appName = () => `${pick(WORDS)}-${pick(ROLES)}`;
  // StatefulSets ~4% of pods, Jobs ~0.5%, the rest Deployments.
  let stsPods = Math.round(budget * 0.04);
  while (stsPods > 0) {
    const ns = pick(namespaces);
    const name = uniqueName(ns, `${pick(['redis', 'kafka', 'zookeeper', 'postgres', 'etcd', 'elasticsearch', 'rabbitmq'])}-${pick(WORDS)}`);
    const replicas = Math.min(stsPods, int(3, 30));
    stsPods -= replicas;
    budget -= replicas;
    const labels = { 'app.kubernetes.io/instance': name, 'app.kubernetes.io/name': name.split('-')[0] };
    const sts = { kind: 'StatefulSet', ns, name, uid: uuid(), labels, created: int(0, 86400 * 60), replicas, containers: [container(name.split('-')[0], `registry.example.com/data/${name.split('-')[0]}:7.2.${int(0, 9)}`, { port: 6379 })], pods: [] };
    workloads.push(sts);
    podOwners.push({ owner: sts, count: replicas });
  }
  const cronJobs = Math.max(1, Math.round(100 * scale));
  for (let k = 0; k < cronJobs; k++) {
    const ns = pick(namespaces);
    const name = uniqueName(ns, `${pick(WORDS)}-${pick(['cleanup', 'report', 'backup', 'sync', 'rotate'])}`);
    const labels = { 'app.kubernetes.io/name': name };
    const cj = { kind: 'CronJob', ns, name, uid: uuid(), labels, created: int(0, 86400 * 60), replicas: 0, containers: [container('job', `registry.example.com/ops/${name}:1.0.${int(0, 20)}`)], pods: [] };
    workloads.push(cj);
    for (let j = 0; j < 2; j++) {
      const jobName = `${name}-${28400000 + k * 10 + j}`;
      const job = { kind: 'Job', ns, name: jobName, uid: uuid(), labels: { ...labels, 'batch.kubernetes.io/job-name': jobName }, created: 86400 * 99 + j * 3600, replicas: 1, containers: cj.containers, owner: cj, pods: [] };
      workloads.push(job);
      podOwners.push({ owner: job, count: 1, job: true });
      budget--;
    }
  }
  for (let k = 0, jobs = Math.round(500 * scale); k < jobs; k++) {
    const ns = pick(namespaces);
    const name = uniqueName(ns, `${pick(WORDS)}-migrate-${randStr(SAFE, 5)}`);
    const job = { kind: 'Job', ns, name, uid: uuid(), labels: { 'batch.kubernetes.io/job-name': name }, created: int(0, 86400 * 99), replicas: 1, containers: [container('migrate', `registry.example.com/ops/migrate:2.${int(0, 9)}.0`)], pods: [] };
    workloads.push(job);
    podOwners.push({ owner: job, count: 1, job: true });
    budget--;
  }
  const deployments = [];
  while (budget > 0) {
    const ns = pick(namespaces);
    const name = uniqueName(ns, appName());
    const replicas = Math.min(budget, 1 + Math.floor(rand() ** 3 * 60));
    budget -= replicas;
    const labels = { app: name, 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': ns.split('-')[0], team: ns.split('-')[0] };
    const containers = [container('app', `registry.example.com/${ns.split('-')[0]}/${name}:v${int(1, 9)}.${int(0, 40)}.${int(0, 9)}`, { wildcard: chance(0.08) })];
    if (chance(0.2)) containers.push(container('envoy', 'envoyproxy/envoy:v1.31.3', { port: 15001 }));
    const dep = { kind: 'Deployment', ns, name, uid: uuid(), labels, created: int(0, 86400 * 80), replicas, containers, pods: [] };
    workloads.push(dep);
    deployments.push(dep);
    // The current ReplicaSet owns the pods; up to one older one is scaled to zero.
    const olds = int(0, 1);
    for (let r = 0; r <= olds; r++) {
      const hash = randStr(SAFE, 10);
      const current = r === olds;
      const rs = { kind: 'ReplicaSet', ns, name: `${name}-${hash}`, uid: uuid(), labels: { ...labels, 'pod-template-hash': hash }, created: dep.created + r * 86400, replicas: current ? replicas : 0, containers, owner: dep, hash, pods: [] };
      workloads.push(rs);
      if (current) { podOwners.push({ owner: rs, count: replicas }); dep.current = rs; }
    }
  }

  // ---- pods: records first (placement and IPs), objects written sorted by namespace/name like kubectl get -A
  const podRecords = [];
  const nodePods = new Uint16Array(nodes.length);
  const place = (nodeIndex) => { const k = nodePods[nodeIndex]++; return k; };
  for (const { owner, count, daemon, job } of podOwners) {
    for (let k = 0; k < count; k++) {
      const node = daemon ? nodes[k] : pick(workers);
      const slot = place(node.i);
      const name = owner.kind === 'StatefulSet' ? uniqueName(owner.ns, `${owner.name}-${k}`) : uniqueName(owner.ns, `${owner.name}-${randStr(SAFE, 5)}`);
      const hostNetwork = Boolean(owner.hostNetwork);
      const ipv4 = hostNetwork ? hostV4(node.i) : podV4(node.i, slot);
      const ipv6 = node.single ? undefined : hostNetwork ? hostV6(node.i) : podV6(node.i, slot);
      const pod = { ns: owner.ns, name, uid: uuid(), owner, node, ipv4, ipv6, ready: job ? false : rand() > 0.01, phase: job ? 'Succeeded' : 'Running', index: k };
      owner.pods.push(pod);
      podRecords.push(pod);
    }
  }
  for (let k = 0; k < bare; k++) {
    const node = pick(workers);
    const slot = place(node.i);
    const ns = pick(namespaces);
    const pod = { ns, name: uniqueName(ns, `debug-${randStr(SAFE, 6)}`), uid: uuid(), owner: undefined, node, ipv4: podV4(node.i, slot), ipv6: node.single ? undefined : podV6(node.i, slot), ready: true, phase: 'Running', index: 0 };
    podRecords.push(pod);
  }
  podRecords.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const podObject = (p) => {
    const owner = p.owner;
    const created = (owner?.created ?? int(0, 86400 * 90)) + int(60, 86400 * 10);
    const labels = owner ? { ...(owner.kind === 'ReplicaSet' ? owner.labels : owner.labels) } : { run: p.name };
    if (owner?.kind === 'StatefulSet') { labels['apps.kubernetes.io/pod-index'] = String(p.index); labels['statefulset.kubernetes.io/pod-name'] = p.name; labels['controller-revision-hash'] = `${owner.name}-${randStr(SAFE, 10)}`; }
    if (owner?.kind === 'DaemonSet') { labels['controller-revision-hash'] = randStr(SAFE, 10); labels['pod-template-generation'] = '3'; }
    if (owner?.kind === 'Job') { labels['batch.kubernetes.io/controller-uid'] = owner.uid; labels['controller-uid'] = owner.uid; }
    const containers = owner?.containers ?? [container('debug', 'busybox:1.36')];
    const names = containers.map((c) => c.name);
    const started = ts(created + 5);
    const podIPs = [{ ip: p.ipv4 }, ...(p.ipv6 ? [{ ip: p.ipv6 }] : [])];
    const obj = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        annotations: {
          'cni.projectcalico.org/containerID': randStr(HEX, 64),
          'cni.projectcalico.org/podIP': `${p.ipv4}/32`,
          'cni.projectcalico.org/podIPs': podIPs.map((x) => `${x.ip}/${x.ip.includes(':') ? 128 : 32}`).join(','),
          ...(chance(0.4) ? { 'prometheus.io/port': '9090', 'prometheus.io/scrape': 'true' } : {}),
          ...(chance(0.2) ? { 'kubectl.kubernetes.io/restartedAt': ts(created - 60) } : {}),
        },
        creationTimestamp: ts(created),
        ...(owner && owner.kind !== 'StatefulSet' ? { generateName: `${owner.name}-` } : {}),
        labels,
        name: p.name,
        namespace: p.ns,
        ...(owner ? { ownerReferences: [{ apiVersion: owner.kind === 'Job' ? 'batch/v1' : 'apps/v1', blockOwnerDeletion: true, controller: true, kind: owner.kind, name: owner.name, uid: owner.uid }] } : {}),
        resourceVersion: rv(),
        uid: p.uid,
      },
      spec: {
        containers,
        dnsPolicy: owner?.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
        enableServiceLinks: true,
        ...(owner?.hostNetwork ? { hostNetwork: true } : {}),
        nodeName: p.node.name,
        preemptionPolicy: 'PreemptLowerPriority',
        priority: 0,
        restartPolicy: owner?.kind === 'Job' ? 'Never' : 'Always',
        schedulerName: 'default-scheduler',
        securityContext: {},
        serviceAccount: 'default',
        serviceAccountName: 'default',
        terminationGracePeriodSeconds: 30,
        tolerations: [
          { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
        ],
        volumes: [{
          name: 'kube-api-access',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
              { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
            ],
          },
        }],
      },
      status: {
        conditions: [
          ['PodReadyToStartContainers', 'True'], ['Initialized', 'True'], ['Ready', p.ready ? 'True' : 'False'],
          ['ContainersReady', p.ready ? 'True' : 'False'], ['PodScheduled', 'True'],
        ].map(([type, status]) => ({ lastProbeTime: null, lastTransitionTime: started, status, type })),
        containerStatuses: containers.map((c) => ({
          containerID: `containerd://${randStr(HEX, 64)}`,
          image: c.image,
          imageID: `${c.image.split(':')[0]}@sha256:${randStr(HEX, 64)}`,
          lastState: {},
          name: c.name,
          ready: p.ready && p.phase === 'Running',
          restartCount: chance(0.9) ? 0 : int(1, 20),
          started: p.phase === 'Running',
          state: p.phase === 'Running' ? { running: { startedAt: started } } : { terminated: { containerID: `containerd://${randStr(HEX, 64)}`, exitCode: 0, finishedAt: ts(created + 65), reason: 'Completed', startedAt: started } },
        })),
        hostIP: hostV4(p.node.i),
        hostIPs: [{ ip: hostV4(p.node.i) }, ...(p.node.single ? [] : [{ ip: hostV6(p.node.i) }])],
        phase: p.phase,
        podIP: p.ipv4,
        podIPs,
        qosClass: 'Burstable',
        startTime: ts(created + 1),
      },
    };
    if (chance(0.3) && withManagedFields) obj.metadata.managedFields = podManagedFields(obj, names, owner?.uid ?? '', created);
    return obj;
  };

  {
    const perFile = Math.ceil(podRecords.length / podFiles);
    let total = 0;
    for (let f = 0; f < podFiles; f++) {
      const w = new ListWriter(join(outDir, `pods-${String(f).padStart(3, '0')}.json`));
      for (const p of podRecords.slice(f * perFile, (f + 1) * perFile)) w.add(podObject(p));
      await w.close();
      total += w.count;
    }
    counts.pods = total;
  }

  // ---- workloads
  {
    const w = new ListWriter(join(outDir, 'workloads.json'));
    const sorted = [...workloads].sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.name < b.name ? -1 : 1));
    for (const wl of sorted) {
      const group = wl.kind === 'Job' || wl.kind === 'CronJob' ? 'batch/v1' : 'apps/v1';
      const templateLabels = { ...wl.labels };
      const tmpl = podTemplate(templateLabels, wl.containers, { hostNetwork: wl.hostNetwork, restartPolicy: wl.kind === 'Job' || wl.kind === 'CronJob' ? 'Never' : 'Always' });
      const selector = { matchLabels: Object.fromEntries(Object.entries(wl.labels).filter(([k]) => k === 'app' || k === 'app.kubernetes.io/name' || k === 'pod-template-hash' || k === 'k8s-app' || k === 'app.kubernetes.io/instance')) };
      let spec;
      let status;
      const ready = wl.pods.filter((p) => p.ready).length;
      switch (wl.kind) {
        case 'Deployment':
          spec = { progressDeadlineSeconds: 600, replicas: wl.replicas, revisionHistoryLimit: 10, selector, strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' }, template: tmpl };
          status = { availableReplicas: ready, conditions: [
            { lastTransitionTime: ts(wl.created + 60), lastUpdateTime: ts(wl.created + 60), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
            { lastTransitionTime: ts(wl.created), lastUpdateTime: ts(wl.created + 120), message: `ReplicaSet "${wl.current.name}" has successfully progressed.`, reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
          ], observedGeneration: 4, readyReplicas: ready, replicas: wl.replicas, updatedReplicas: wl.replicas };
          break;
        case 'ReplicaSet':
          spec = { replicas: wl.replicas, selector, template: { ...tmpl, metadata: { ...tmpl.metadata, labels: { ...templateLabels, 'pod-template-hash': wl.hash } } } };
          status = { availableReplicas: ready, fullyLabeledReplicas: wl.replicas, observedGeneration: 2, readyReplicas: ready, replicas: wl.replicas };
          break;
        case 'StatefulSet':
          spec = { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, podManagementPolicy: 'OrderedReady', replicas: wl.replicas, revisionHistoryLimit: 10, selector, serviceName: `${wl.name}-headless`, template: tmpl, updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' } };
          status = { availableReplicas: ready, collisionCount: 0, currentReplicas: wl.replicas, observedGeneration: 1, readyReplicas: ready, replicas: wl.replicas, updatedReplicas: wl.replicas };
          break;
        case 'DaemonSet':
          spec = { revisionHistoryLimit: 10, selector, template: { ...tmpl, spec: { ...tmpl.spec, tolerations: [{ operator: 'Exists' }] } }, updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' } };
          status = { currentNumberScheduled: nodes.length, desiredNumberScheduled: nodes.length, numberAvailable: ready, numberMisscheduled: 0, numberReady: ready, observedGeneration: 3, updatedNumberScheduled: nodes.length };
          break;
        case 'CronJob':
          spec = { concurrencyPolicy: 'Forbid', failedJobsHistoryLimit: 1, jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: tmpl } }, schedule: `${int(0, 59)} ${int(0, 23)} * * *`, successfulJobsHistoryLimit: 3, suspend: false };
          status = { lastScheduleTime: ts(86400 * 100), lastSuccessfulTime: ts(86400 * 100 + 70) };
          break;
        case 'Job':
          spec = { backoffLimit: 2, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed', selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': wl.uid } }, suspend: false, template: tmpl };
          status = { completionTime: ts(wl.created + 70), conditions: [{ lastProbeTime: ts(wl.created + 70), lastTransitionTime: ts(wl.created + 70), status: 'True', type: 'Complete' }], ready: 0, startTime: ts(wl.created), succeeded: 1, terminating: 0 };
          break;
      }
      const obj = {
        apiVersion: group,
        kind: wl.kind,
        metadata: {
          annotations: wl.kind === 'Deployment' ? { 'deployment.kubernetes.io/revision': '4' } : wl.kind === 'ReplicaSet' ? { 'deployment.kubernetes.io/desired-replicas': String(wl.owner.replicas), 'deployment.kubernetes.io/max-replicas': String(wl.owner.replicas + 1), 'deployment.kubernetes.io/revision': '4' } : {},
          creationTimestamp: ts(wl.created),
          generation: 4,
          labels: wl.labels,
          name: wl.name,
          namespace: wl.ns,
          ...(wl.owner ? { ownerReferences: [{ apiVersion: wl.owner.kind === 'CronJob' ? 'batch/v1' : 'apps/v1', blockOwnerDeletion: true, controller: true, kind: wl.owner.kind, name: wl.owner.name, uid: wl.owner.uid }] } : {}),
          resourceVersion: rv(),
          uid: wl.uid,
        },
        spec,
        status,
      };
      if (!wl.owner && chance(0.5)) obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = lastApplied(obj);
      if (chance(0.3) && withManagedFields) obj.metadata.managedFields = [managedFields(wl.owner ? 'kube-controller-manager' : 'kubectl-client-side-apply', 'Update', ts(wl.created), { 'f:metadata': { 'f:labels': Object.fromEntries(Object.keys(wl.labels).map((k) => [`f:${k}`, {}])) }, 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': containerFields(wl.containers.map((c) => c.name)) } } } })];
      w.add(obj);
    }
    await w.close();
    counts.workloads = w.count;
  }

  // ---- Services: default/kubernetes, one headless per StatefulSet, then Deployments (some with a second
  // `-metrics` Service), ExternalName and selectorless ones. 15% SingleStack, 3% PreferDualStack left single.
  let svcIndex = 10;
  const services = [];
  const addService = (s) => { if (services.length < target.services) services.push(s); };
  addService({ ns: 'default', name: 'kubernetes', kind: 'kubernetes' });
  addService({ ns: 'kube-system', name: 'kube-dns', backing: undefined, kind: 'dns' });
  for (const wl of workloads) if (wl.kind === 'StatefulSet') addService({ ns: wl.ns, name: `${wl.name}-headless`, backing: wl, kind: 'headless' });
  const external = Math.round(target.services * 0.05);
  const selectorless = Math.round(target.services * 0.1);
  const forDeployments = target.services - services.length - external - selectorless;
  for (let k = 0; k < forDeployments && deployments.length > 0; k++) {
    const dep = deployments[k % deployments.length];
    addService({ ns: dep.ns, name: k < deployments.length ? dep.name : `${dep.name}-metrics${k >= 2 * deployments.length ? `-${Math.floor(k / deployments.length)}` : ''}`, backing: dep, kind: 'app' });
  }
  while (services.length < target.services - selectorless) { const ns = pick(namespaces); addService({ ns, name: uniqueName(ns, `${pick(WORDS)}-external`), kind: 'external' }); }
  while (services.length < target.services) { const ns = pick(namespaces); addService({ ns, name: uniqueName(ns, `${pick(WORDS)}-legacy-db`), kind: 'selectorless' }); }
  {
    const w = new ListWriter(join(outDir, 'services.json'));
    for (const s of services) {
      const created = int(0, 86400 * 80);
      const r = rand();
      // Default Service is always single-stack; 15% SingleStack, 3% PreferDualStack that stayed single.
      const policy = s.kind === 'kubernetes' ? 'SingleStack' : r < 0.15 ? 'SingleStack' : r < 0.18 ? 'PreferDualStack-single' : r < 0.7 ? 'PreferDualStack' : 'RequireDualStack';
      const dual = policy === 'PreferDualStack' || policy === 'RequireDualStack';
      s.families = dual ? ['IPv4', 'IPv6'] : ['IPv4'];
      const n4 = s.kind === 'kubernetes' ? 1 : svcIndex++;
      const type = s.kind === 'app' ? (chance(0.03) ? 'LoadBalancer' : chance(0.05) ? 'NodePort' : 'ClusterIP') : s.kind === 'external' ? 'ExternalName' : 'ClusterIP';
      const headless = s.kind === 'headless';
      const clusterIPs = headless ? ['None'] : dual ? [svcV4(n4), svcV6(n4)] : [svcV4(n4)];
      const port = s.kind === 'kubernetes' ? 443 : s.kind === 'dns' ? 53 : 80;
      const selector = s.kind === 'dns' ? { 'k8s-app': 'kube-dns' } : s.backing ? (s.backing.kind === 'StatefulSet' ? { 'app.kubernetes.io/instance': s.backing.name } : { app: s.backing.name }) : undefined;
      const spec = type === 'ExternalName'
        ? { externalName: `${s.name}.legacy.example.com`, sessionAffinity: 'None', type }
        : {
          clusterIP: clusterIPs[0],
          clusterIPs,
          internalTrafficPolicy: 'Cluster',
          ipFamilies: s.families,
          ipFamilyPolicy: policy === 'PreferDualStack-single' ? 'PreferDualStack' : policy,
          ports: [{ name: 'http', port, protocol: 'TCP', targetPort: s.kind === 'kubernetes' ? 6443 : 8080, ...(type !== 'ClusterIP' ? { nodePort: 30000 + (n4 % 2767) } : {}) }],
          ...(selector ? { selector } : {}),
          sessionAffinity: 'None',
          type,
          ...(type === 'LoadBalancer' ? { allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster', loadBalancerSourceRanges: dual && chance(0.7) ? ['203.0.113.0/24', '2001:db8:ffff::/48'] : ['203.0.113.0/24'] } : {}),
        };
      const obj = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          annotations: type === 'LoadBalancer' ? { 'service.beta.kubernetes.io/aws-load-balancer-type': 'external', 'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing', ...(dual ? { 'service.beta.kubernetes.io/aws-load-balancer-ip-address-type': 'dualstack' } : {}) } : {},
          creationTimestamp: ts(created),
          labels: s.backing ? { app: s.backing.name, ...(s.backing.labels['app.kubernetes.io/part-of'] ? { 'app.kubernetes.io/part-of': s.backing.labels['app.kubernetes.io/part-of'] } : {}) } : s.kind === 'kubernetes' ? { component: 'apiserver', provider: 'kubernetes' } : { 'k8s-app': s.name },
          name: s.name,
          namespace: s.ns,
          resourceVersion: rv(),
          uid: uuid(),
        },
        spec,
        status: { loadBalancer: type === 'LoadBalancer' ? { ingress: [{ hostname: `k8s-${s.ns.slice(0, 8)}-${s.name.slice(0, 8)}-${randStr(HEX, 10)}.elb.eu-west-1.amazonaws.com` }] } : {} },
      };
      s.uid = obj.metadata.uid;
      s.selected = Boolean(selector) && type !== 'ExternalName';
      if (s.kind === 'app' && chance(0.5)) obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = lastApplied(obj);
      if (chance(0.3) && withManagedFields) obj.metadata.managedFields = [managedFields('kubectl-client-side-apply', 'Update', ts(created), { 'f:metadata': { 'f:labels': {} }, 'f:spec': { 'f:internalTrafficPolicy': {}, 'f:ipFamilyPolicy': {}, 'f:ports': { '.': {}, 'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:name': {}, 'f:port': {}, 'f:protocol': {}, 'f:targetPort': {} } }, 'f:selector': {}, 'f:sessionAffinity': {}, 'f:type': {} } })];
      w.add(obj);
    }
    await w.close();
    counts.services = w.count;
  }

  // ---- EndpointSlices: per selected Service and family, chunks of 100 endpoints from the backing pods.
  // Pods on single-stack nodes have no IPv6 address; 1.5% of dual Services miss their IPv6 slice.
  {
    const w = new ListWriter(join(outDir, 'endpointslices.json'));
    const dnsPods = [];
    for (const s of services) {
      if (!s.selected || w.count >= target.endpointSlices) continue;
      const pods = s.kind === 'dns' ? dnsPods : (s.backing.kind === 'Deployment' ? s.backing.current.pods : s.backing.pods);
      const missingV6 = s.families.length === 2 && chance(0.015);
      for (const family of s.families) {
        if (family === 'IPv6' && missingV6) continue;
        const eligible = pods.filter((p) => (family === 'IPv4' ? p.ipv4 : p.ipv6));
        const chunks = Math.max(1, Math.ceil(eligible.length / 100));
        for (let c = 0; c < chunks && w.count < target.endpointSlices; c++) {
          const part = eligible.slice(c * 100, (c + 1) * 100);
          const created = int(0, 86400 * 80);
          w.add({
            addressType: family,
            apiVersion: 'discovery.k8s.io/v1',
            endpoints: part.map((p) => ({
              addresses: [family === 'IPv4' ? p.ipv4 : p.ipv6],
              conditions: { ready: p.ready, serving: p.ready, terminating: false },
              nodeName: p.node.name,
              targetRef: { kind: 'Pod', name: p.name, namespace: p.ns, uid: p.uid },
              zone: p.node.zone,
            })),
            kind: 'EndpointSlice',
            metadata: {
              annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': ts(created + 30) },
              creationTimestamp: ts(created),
              generateName: `${s.name}-`,
              generation: int(1, 200),
              labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': s.name },
              name: `${s.name}-${randStr(SAFE, 5)}`,
              namespace: s.ns,
              ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: s.name, uid: s.uid }],
              resourceVersion: rv(),
              uid: uuid(),
            },
            ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          });
        }
      }
    }
    await w.close();
    counts.endpointSlices = w.count;
  }

  // ---- NetworkPolicies: default-deny plus allow rules; 70% of ipBlock policies cover both families.
  {
    const w = new ListWriter(join(outDir, 'networkpolicies.json'));
    for (let k = 0; k < target.networkPolicies; k++) {
      const ns = namespaces[k % namespaces.length];
      const kind = k < namespaces.length ? 'deny' : pick(['ingress', 'egress', 'egress']);
      const both = chance(0.7);
      const name = uniqueName(ns, kind === 'deny' ? 'default-deny' : `allow-${pick(WORDS)}-${kind}`);
      const block = (v4, v6, except4, except6) => [{ ipBlock: { cidr: v4, ...(except4 ? { except: [except4] } : {}) } }, ...(both ? [{ ipBlock: { cidr: v6, ...(except6 ? { except: [except6] } : {}) } }] : [])];
      const spec = kind === 'deny'
        ? { podSelector: {}, policyTypes: ['Ingress', 'Egress'] }
        : kind === 'ingress'
          ? { ingress: [{ from: [...block('10.0.0.0/8', 'fd00::/8'), { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 8080, protocol: 'TCP' }] }], podSelector: { matchLabels: { app: pick(WORDS) } }, policyTypes: ['Ingress'] }
          : { egress: [{ ports: [{ port: 443, protocol: 'TCP' }], to: block('0.0.0.0/0', '::/0', '169.254.169.254/32', 'fd00:ec2::254/128') }, { ports: [{ port: 53, protocol: 'UDP' }], to: [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }] }], podSelector: {}, policyTypes: ['Egress'] };
      const created = int(0, 86400 * 80);
      const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { annotations: {}, creationTimestamp: ts(created), generation: 1, name, namespace: ns, resourceVersion: rv(), uid: uuid() }, spec };
      if (chance(0.5)) obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration'] = lastApplied(obj);
      if (chance(0.3) && withManagedFields) obj.metadata.managedFields = [managedFields('kubectl-client-side-apply', 'Update', ts(created), { 'f:spec': { 'f:podSelector': {}, 'f:policyTypes': {} } })];
      w.add(obj);
    }
    await w.close();
    counts.networkPolicies = w.count;
  }

  // ---- kube-system: kubeadm-config, kube-proxy and coredns ConfigMaps, control-plane static pods
  {
    const w = new ListWriter(join(outDir, 'kube-system.json'));
    const cm = (name, data) => ({ apiVersion: 'v1', data, kind: 'ConfigMap', metadata: { creationTimestamp: ts(0), name, namespace: 'kube-system', resourceVersion: rv(), uid: uuid() } });
    w.add(cm('coredns', { Corefile: '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n' }));
    w.add(cm('kube-proxy', { 'config.conf': `apiVersion: kubeproxy.config.k8s.io/v1alpha1\nbindAddress: 0.0.0.0\nclusterCIDR: ${POD_SUBNET}\nkind: KubeProxyConfiguration\nmode: ipvs\n`, 'kubeconfig.conf': 'apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://api.internal:6443\n  name: default\n' }));
    w.add(cm('kubeadm-config', { ClusterConfiguration: `apiServer:\n  certSANs:\n  - api.internal\napiVersion: kubeadm.k8s.io/v1beta3\ncertificatesDir: /etc/kubernetes/pki\nclusterName: prod-eu-west-1\ncontrollerManager:\n  extraArgs:\n    node-cidr-mask-size-ipv4: "24"\n    node-cidr-mask-size-ipv6: "64"\ndns: {}\netcd:\n  local:\n    dataDir: /var/lib/etcd\nkind: ClusterConfiguration\nkubernetesVersion: v1.31.2\nnetworking:\n  dnsDomain: cluster.local\n  podSubnet: ${POD_SUBNET}\n  serviceSubnet: ${SERVICE_SUBNET}\n` }));
    const components = {
      'kube-apiserver': [`--advertise-address=HOST`, '--allow-privileged=true', '--authorization-mode=Node,RBAC', '--enable-admission-plugins=NodeRestriction', '--etcd-servers=https://127.0.0.1:2379', '--secure-port=6443', `--service-cluster-ip-range=${SERVICE_SUBNET}`, '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt'],
      'kube-controller-manager': ['--allocate-node-cidrs=true', '--bind-address=127.0.0.1', `--cluster-cidr=${POD_SUBNET}`, '--cluster-name=prod-eu-west-1', '--controllers=*,bootstrapsigner,tokencleaner', '--leader-elect=true', '--node-cidr-mask-size-ipv4=24', '--node-cidr-mask-size-ipv6=64', `--service-cluster-ip-range=${SERVICE_SUBNET}`, '--use-service-account-credentials=true'],
      'kube-scheduler': ['--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true'],
      etcd: ['--advertise-client-urls=https://HOST:2379', '--data-dir=/var/lib/etcd', '--listen-client-urls=https://127.0.0.1:2379,https://HOST:2379', '--listen-metrics-urls=http://127.0.0.1:2381'],
    };
    for (const node of nodes.filter((x) => x.cp)) {
      for (const [component, args] of Object.entries(components)) {
        const created = int(0, 3600);
        w.add({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            annotations: { 'kubernetes.io/config.hash': randStr(HEX, 32), 'kubernetes.io/config.mirror': randStr(HEX, 32), 'kubernetes.io/config.seen': ts(created), 'kubernetes.io/config.source': 'file' },
            creationTimestamp: ts(created),
            labels: { component, tier: 'control-plane' },
            name: `${component}-${node.name}`,
            namespace: 'kube-system',
            ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: node.name, uid: node.uid }],
            resourceVersion: rv(),
            uid: uuid(),
          },
          spec: {
            containers: [{ command: [component, ...args.map((a) => a.replace('HOST', hostV4(node.i)))], image: `registry.k8s.io/${component}:${component === 'etcd' ? '3.5.15-0' : 'v1.31.2'}`, imagePullPolicy: 'IfNotPresent', name: component, resources: { requests: { cpu: '250m' } } }],
            dnsPolicy: 'ClusterFirst', hostNetwork: true, nodeName: node.name, priority: 2000001000, priorityClassName: 'system-node-critical', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, terminationGracePeriodSeconds: 30, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
          },
          status: {
            conditions: [{ lastProbeTime: null, lastTransitionTime: ts(created + 3), status: 'True', type: 'Ready' }],
            hostIP: hostV4(node.i), hostIPs: [{ ip: hostV4(node.i) }, { ip: hostV6(node.i) }], phase: 'Running', podIP: hostV4(node.i), podIPs: [{ ip: hostV4(node.i) }, { ip: hostV6(node.i) }], qosClass: 'Burstable', startTime: ts(created + 1),
          },
        });
      }
    }
    await w.close();
    counts.pods += CONTROL_PLANE * 4;
    counts.configMaps = 3;
  }

  counts.total = Object.values(counts).reduce((a, b) => a + b, 0);
  writeFileSync(join(outDir, '.stamp.json'), `${JSON.stringify({ version: GENERATOR_VERSION, scale, counts }, null, 2)}\n`);
  return counts;
}

/** Reads the stamp of a cached dump, or undefined when it is missing or from another generator version. */
export function cachedCounts(scale, outDir) {
  try {
    const stamp = JSON.parse(readFileSync(join(outDir, '.stamp.json'), 'utf8'));
    return stamp.version === GENERATOR_VERSION && stamp.scale === scale ? stamp.counts : undefined;
  } catch {
    return undefined;
  }
}

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scale = Number(process.argv[2] ?? '0.1');
  if (!(scale > 0 && scale <= 4)) {
    console.error('usage: node bench/generate.js <scale 0<s≤4> [outDir]');
    process.exit(2);
  }
  const outDir = process.argv[3] ?? join(BENCH_DIR, 'out', String(scale));
  const t0 = performance.now();
  const counts = await generate(scale, outDir);
  console.log(`${outDir}: ${JSON.stringify(counts)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
