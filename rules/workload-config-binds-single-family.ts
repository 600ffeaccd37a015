import { configBinds, defineRule, displayRef, isKnownGoImage, variableBind, worklistSeverity, type ConfigBind, type ConfigMap } from '../src/rule-api.js';

interface Hit {
  readonly cm: ConfigMap;
  readonly key: string;
  readonly bind: ConfigBind;
  readonly users: Set<string>;
}

export default defineRule({
  id: 'workload-config-binds-single-family',
  code: 'DS601',
  title: 'Workload configuration in a ConfigMap binds one family',
  description:
    'Reads the ConfigMaps a pod template or Pod references (envFrom, env configMapKeyRef, configMap and projected volumes) for listen addresses of one family: nginx listen directives without an IPv6 counterpart, and listen or bind keys (host, bind, address, server.address, bind-address, listen_addresses) that hold only IPv4 addresses. Container command, args and env values are DS121. 0.0.0.0 read only by containers of well-known Go programs (Jaeger, SPIRE, Prometheus…) is not reported: Go listens on both families for it.',
  rationale:
    'A server bound to 0.0.0.0, 127.0.0.1 or another IPv4 address accepts only IPv4 connections, so on a dual-stack pod every IPv6 client, probe and IPv6 Service VIP is refused even though the pod and its Services have IPv6 addresses. The setting often lives in a mounted config file rather than in the container args.',
  remediation:
    'Bind to "::" (or "[::]:<port>"), which accepts both families on Linux unless net.ipv6.bindv6only is set, or list both families (nginx: add "listen [::]:<port>;" next to "listen <port>;"; redis: "bind 0.0.0.0 ::"; PostgreSQL: listen_addresses = \'*\').',
  family: 'single-stack',
  defaultSeverity: 'warning',
  requires: ['clusterNetwork'],
  uses: ['workloadSpecs', 'configMaps'],
  targets: ['dual'],
  sources: [
    'https://nginx.org/en/docs/http/ngx_http_core_module.html#listen (a port alone listens on *:port, IPv4; IPv6 needs [::]:port)',
    'ipv6(7) Linux man page: IPV6_V6ONLY and net.ipv6.bindv6only (an IPv6 wildcard socket also accepts IPv4)',
    'https://kubernetes.io/docs/concepts/configuration/configmap/#using-configmaps (envFrom, configMapKeyRef and volumes)',
    'golang/go src/net/ipsock_posix.go#favoriteAddrFamily (Go opens a dual-stack socket for 0.0.0.0)',
  ],
  messages: {
    singleFamilyBind: (d: { key: string; line: number; text: string; users: string; reason: string }) =>
      `ConfigMap key ${d.key} line ${d.line} (${d.text}) binds IPv4 only (${d.reason}); read by ${d.users}`,
  },
  *check(ctx) {
    const severity = worklistSeverity(ctx.model, 'warning', 'pods');
    const byName = new Map(ctx.model.configMaps.map((cm) => [`${cm.ref.namespace ?? ''}/${cm.ref.name}`, cm]));
    const hits = new Map<string, Hit>();
    const missing = new Set<string>();
    const referenced = new Set<string>();
    let goOnly = false;
    const add = (cm: ConfigMap, key: string, bind: ConfigBind | undefined, user: string) => {
      if (!bind) return;
      // Read only by well-known Go programs, 0.0.0.0 is a dual-stack listener (src/model/config/go-programs.ts).
      if (goOnly && bind.ip.canonical === '0.0.0.0') return;
      // One finding per ConfigMap line, however many pods or references read it.
      const id = `${cm.ref.namespace ?? ''}/${cm.ref.name}\u0000${key}\u0000${bind.line}`;
      const hit = hits.get(id) ?? { cm, key, bind, users: new Set<string>() };
      hit.users.add(user);
      hits.set(id, hit);
    };
    for (const { object, spec } of ctx.model.workloadSpecs) {
      const user = displayRef(object.ref);
      const containers = [...spec.initContainers, ...spec.containers];
      goOnly = containers.length > 0 && containers.every((c) => isKnownGoImage(c.image));
      for (const ref of spec.configMapRefs) {
        const name = `${object.ref.namespace ?? ''}/${ref.name}`;
        referenced.add(name);
        const cm = byName.get(name);
        if (!cm) { missing.add(name); continue; }
        if (ref.source === 'env' && ref.key !== undefined && ref.variable !== undefined) {
          const value = cm.data[ref.key];
          if (value !== undefined) add(cm, ref.key, variableBind(ref.variable, value), user);
        } else if (ref.source === 'envFrom') {
          for (const [k, v] of Object.entries(cm.data)) add(cm, k, variableBind(`${ref.prefix ?? ''}${k}`, v), user);
        } else if (ref.source === 'volume') {
          for (const k of ref.keys ?? Object.keys(cm.data)) {
            const v = cm.data[k];
            if (v !== undefined) for (const b of configBinds(v)) add(cm, k, b, user);
          }
        }
      }
    }
    // Without a finding, a ConfigMap that could not be read is no pass (missing, refused live, or beyond --max-configmaps).
    if (missing.size > 0 && hits.size === 0) ctx.notAssessed(`${missing.size} of the ${referenced.size} ConfigMaps the pods reference ${missing.size === 1 ? 'is' : 'are'} not in the input (${[...missing].sort().slice(0, 3).join(', ')}${missing.size > 3 ? ', …' : ''})`);
    for (const { cm, key, bind, users } of hits.values()) {
      const sorted = [...users].sort();
      const names = sorted.slice(0, 3).join(', ') + (sorted.length > 3 ? ` and ${sorted.length - 3} more` : '');
      yield ctx.finding(cm, 'singleFamilyBind', { key, line: bind.line, text: bind.text, users: names, reason: bind.reason }, {
        path: /^[A-Za-z0-9_-]+$/.test(key) ? `data.${key}` : `data[${JSON.stringify(key)}]`, key: `${key}:${bind.line}`, severity, ipFamily: 'IPv6', confidence: bind.confidence,
      });
    }
  },
});
