/** Builders for Istio objects in rule and model tests: istiod, the mesh ConfigMap, IstioOperator, injected workloads and Pods. */
type Obj = Record<string, unknown>;
type Env = Record<string, string>;

const envList = (env: Env) => Object.entries(env).map(([name, value]) => ({ name, value }));

export function istiod(env: Env = {}, opts: { image?: string; name?: string } = {}): Obj {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: opts.name ?? 'istiod', namespace: 'istio-system' },
    spec: {
      selector: { matchLabels: { app: 'istiod' } },
      template: {
        metadata: { labels: { app: 'istiod', istio: 'pilot' } },
        spec: { containers: [{ name: 'discovery', image: opts.image ?? 'docker.io/istio/pilot:1.24.2', args: ['discovery'], env: [{ name: 'REVISION', value: 'default' }, ...envList(env)] }] },
      },
    },
  };
}

/** The `istio` mesh ConfigMap with `defaultConfig.proxyMetadata` (omitted when `meta` is undefined). */
export function meshConfig(meta?: Record<string, unknown>, name = 'istio'): Obj {
  const defaultConfig = meta ? `\n  proxyMetadata:\n${Object.entries(meta).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`).join('\n')}` : '';
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data: { mesh: `defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012${defaultConfig}\nenablePrometheusMerge: true` } };
}

export function istioOperator(spec: Obj): Obj {
  return { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { name: 'installed-state', namespace: 'istio-system' }, spec };
}

interface ProxyOptions {
  env?: Env;
  annotations?: Record<string, string>;
  native?: boolean;
  /** Add istio-init (an injected sidecar); false for a gateway. */
  injected?: boolean;
  /** No istio-proxy at all (an ambient or plain pod). */
  noProxy?: boolean;
  namespace?: string;
  labels?: Record<string, string>;
  /** istio-init's args (`istio-iptables -p 15001 ... -i <include> -x <exclude>`). */
  initArgs?: string[];
}

function podSpec(o: ProxyOptions): Obj {
  if (o.noProxy) return { containers: [{ name: 'app', image: 'shop/app:1' }] };
  const proxy = { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.24.2', args: ['proxy', 'sidecar'], env: envList(o.env ?? {}) };
  const app = { name: 'app', image: 'shop/app:1' };
  const init = o.injected === false ? [] : o.native ? [{ ...proxy, restartPolicy: 'Always' }] : [{ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.24.2', ...(o.initArgs ? { args: o.initArgs } : {}) }];
  return { initContainers: init, containers: o.native ? [app] : [app, ...(o.injected === false ? [{ ...proxy, args: ['proxy', 'router'] }] : [proxy])] };
}

export function meshedDeployment(name: string, o: ProxyOptions = {}): Obj {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: o.namespace ?? 'shop' },
    spec: { template: { metadata: { labels: { app: name, ...o.labels }, ...(o.annotations ? { annotations: o.annotations } : {}) }, spec: podSpec(o) } },
  };
}

export function meshedPod(name: string, ips: string[], o: ProxyOptions = {}): Obj {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: o.namespace ?? 'shop', uid: `uid-${name}`, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { nodeName: 'n1', ...podSpec(o) },
    status: { phase: 'Running', ...(ips[0] ? { podIP: ips[0] } : {}), podIPs: ips.map((ip) => ({ ip })) },
  };
}

export function ztunnel(env: Env = {}): Obj {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ztunnel', namespace: 'istio-system' },
    spec: { template: { metadata: { labels: { app: 'ztunnel' } }, spec: { containers: [{ name: 'istio-proxy', image: 'docker.io/istio/ztunnel:1.24.2', env: envList(env) }] } } },
  };
}

export const DUAL_ON = { ISTIO_DUAL_STACK: 'true' };

/** istio-init's args as the injector renders them, with the outbound include (`-i`) and exclude (`-x`) lists. */
export const iptablesArgs = (include: string, exclude = ''): string[] => ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT', '-i', include, '-x', exclude, '-b', '*', '-d', '15090,15021,15020'];

/** A listener as istioctl prints it (camelCase); `extra` adds additionalAddresses. */
export function listener(name: string, address: string, port: number, extra: string[] = [], opts: { ipv4Compat?: boolean } = {}): Obj {
  const sa = (a: string) => ({ socketAddress: { address: a, portValue: port, ...(opts.ipv4Compat && a === '::' ? { ipv4Compat: true } : {}) } });
  return { name, address: sa(address), ...(extra.length > 0 ? { additionalAddresses: extra.map((a) => ({ address: sa(a) })) } : {}), filterChains: [] };
}

/** `istioctl proxy-config listeners -o json` output as the file source wraps it, attached to a Pod by `--envoy-dump`. */
export function listenerDump(listeners: Obj[], pod?: { namespace: string; name: string }): Obj {
  return { apiVersion: 'dsaudit.io/v1', kind: 'EnvoyConfigDump', shape: 'listeners', dump: listeners, ...(pod ? { metadata: pod } : {}) };
}

/** An Envoy admin `/config_dump` (snake_case) with a bootstrap node id, as the file source wraps it. */
export function adminDump(pod: { namespace: string; name: string; ip: string }, listeners: { name: string; address: string; port: number; extra?: string[] }[]): Obj {
  const sa = (a: string, port: number) => ({ socket_address: { address: a, port_value: port } });
  return {
    apiVersion: 'dsaudit.io/v1', kind: 'EnvoyConfigDump', shape: 'config-dump',
    dump: {
      configs: [
        { '@type': 'type.googleapis.com/envoy.admin.v3.BootstrapConfigDump', bootstrap: { node: { id: `sidecar~${pod.ip}~${pod.name}.${pod.namespace}~${pod.namespace}.svc.cluster.local` } } },
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
          static_listeners: [{ listener: { address: sa('0.0.0.0', 15090) } }],
          dynamic_listeners: listeners.map((l) => ({
            name: l.name,
            active_state: { listener: { '@type': 'type.googleapis.com/envoy.config.listener.v3.Listener', name: l.name, address: sa(l.address, l.port), ...(l.extra ? { additional_addresses: l.extra.map((a) => ({ address: sa(a, l.port) })) } : {}) } },
          })),
        },
      ],
    },
  };
}
