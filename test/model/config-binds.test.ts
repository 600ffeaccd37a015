import { describe, expect, it } from 'vitest';
import { configBinds, variableBind } from '../../src/model/config/config-binds.js';
import { configMapRefsOf } from '../../src/model/config-map-refs.js';
import { parsePath } from '../../src/model/reader.js';

const lines = (text: string) => configBinds(text).map((b) => [b.line, b.key, b.confidence]);

describe('configBinds', () => {
  it('reports an IPv4 nginx listen only when its server block has no IPv6 listen on the port', () => {
    const conf = 'http {\n  server {\n    listen 80;\n    listen [::]:80;\n  }\n  server {\n    listen 0.0.0.0:8080;\n    listen [::]:9090;\n  }\n}\n';
    expect(lines(conf)).toEqual([[7, 'listen', 'high']]);
  });
  it('reads YAML, properties, INI, redis.conf and postgresql.conf settings by key, with the line', () => {
    expect(lines('a: 1\nserver:\n  address: 0.0.0.0\n')).toEqual([[3, 'address', 'medium']]);
    expect(lines('server.address=10.1.2.3\n')).toEqual([[1, 'server.address', 'high']]);
    expect(lines('[main]\nbind-address = 0.0.0.0\n')).toEqual([[2, 'bind-address', 'high']]);
    expect(lines('port 6379\nbind 10.0.0.8\n')).toEqual([[2, 'bind', 'high']]);
    expect(lines("listen_addresses = '0.0.0.0'\n")).toEqual([[1, 'listen_addresses', 'high']]);
    expect(lines('{\n  "host": "0.0.0.0",\n  "port": 80\n}\n')).toEqual([[2, 'host', 'medium']]);
  });
  it('passes both families, wildcards of every family, loopback, peers and comments', () => {
    expect(lines("bind 0.0.0.0 ::\nlisten_addresses = '*'\nhost: 10.0.0.7\nbind 127.0.0.1\n# bind 0.0.0.0\naddress: \"::\"\n")).toEqual([]);
  });
  it('judges a variable by its name', () => {
    expect(variableBind('LISTEN_ADDR', '0.0.0.0:9100')?.confidence).toBe('high');
    expect(variableBind('UPSTREAM', '0.0.0.0:53')).toBeUndefined();
  });
});

describe('configMapRefsOf', () => {
  it('finds envFrom, configMapKeyRef, configMap and projected volumes with their paths', () => {
    const spec = {
      containers: [{ name: 'a', envFrom: [{ prefix: 'X_', configMapRef: { name: 'e' } }, { secretRef: { name: 's' } }], env: [{ name: 'V', valueFrom: { configMapKeyRef: { name: 'k', key: 'addr' } } }] }],
      volumes: [{ name: 'v', configMap: { name: 'f', items: [{ key: 'nginx.conf', path: 'n' }] } }, { name: 'p', projected: { sources: [{ configMap: { name: 'g' } }] } }, { name: 's', secret: { secretName: 's' } }],
    };
    expect(configMapRefsOf(spec, 'spec')).toEqual([
      { name: 'e', source: 'envFrom', container: 'a', prefix: 'X_', path: 'spec.containers[0].envFrom[0].configMapRef' },
      { name: 'k', source: 'env', container: 'a', variable: 'V', key: 'addr', path: 'spec.containers[0].env[0].valueFrom.configMapKeyRef' },
      { name: 'f', source: 'volume', path: 'spec.volumes[0].configMap', keys: ['nginx.conf'] },
      { name: 'g', source: 'volume', path: 'spec.volumes[1].projected.sources[0].configMap' },
    ]);
  });
});

describe('parsePath', () => {
  it('reads keys with dots written in brackets, and plain paths as before', () => {
    expect(parsePath('data["nginx.conf"]')).toEqual(['data', 'nginx.conf']);
    expect(parsePath('spec.template.spec.containers[0].args[2]')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'args', 2]);
  });
});
