import { describe, expect, it } from 'vitest';
import { hostOf, isListenName, listenAddresses } from '../../src/model/config/listen-addresses.js';
import type { Container, PodSpecSummary } from '../../src/model/types.js';

type ContainerInput = Partial<Omit<Container, 'env'>> & { env?: { name: string; value?: string }[] };

const CONTAINER = 'spec.template.spec.containers[0]';
const spec = (c: ContainerInput): PodSpecSummary => ({
  hostNetwork: false,
  containers: [{ name: 'app', command: [], args: [], ...c, env: (c.env ?? []).map((e, j) => ({ ...e, path: `${CONTAINER}.env[${j}]` })), path: CONTAINER }],
  initContainers: [],
  path: 'spec.template.spec',
});

const found = (c: ContainerInput) => listenAddresses(spec(c)).map((a) => [a.path, a.value, a.ip.family]);

describe('isListenName', () => {
  it.each([
    ['bind-address', true], ['--listen', true], ['web.listen-address', true], ['LISTEN_ADDR', true], ['metrics-bind-address', true],
    ['host', true], ['HOST', true], ['address', true], ['http-address', true], ['GRPC_HOST', true],
    ['upstream', false], ['advertise-address', false], ['DB_HOST', false], ['node-ip', false], ['server', false], ['peer-address', false],
  ])('%s → %s', (name, want) => expect(isListenName(name)).toBe(want));
});

describe('hostOf', () => {
  it.each([
    ['0.0.0.0:8080', '0.0.0.0'], ['0.0.0.0', '0.0.0.0'], ['[::]:8443', '::'], ['::', '::'], [':8080', undefined],
    ['http://0.0.0.0:9090/metrics', '0.0.0.0'], ['tcp://user@127.0.0.1:5000', '127.0.0.1'], ['0.0.0.0/0', undefined],
    ['10.0.0.1,10.0.0.2', undefined], ['example.com:80', 'example.com'], ['"0.0.0.0"', '0.0.0.0'],
  ])('%s → %s', (value, want) => expect(hostOf(value)).toBe(want));
});

describe('listenAddresses', () => {
  it('finds --flag=value, --flag value across args, bare wildcard:port, and env values, with exact paths', () => {
    expect(found({ command: ['/app'], args: ['--verbose', '--bind-address=0.0.0.0', '--host', '127.0.0.1', '0.0.0.0:9090'], env: [{ name: 'LISTEN_ADDR', value: '0.0.0.0:80' }] })).toEqual([
      ['spec.template.spec.containers[0].args[1]', '0.0.0.0', 'IPv4'],
      ['spec.template.spec.containers[0].args[3]', '127.0.0.1', 'IPv4'],
      ['spec.template.spec.containers[0].args[4]', '0.0.0.0:9090', 'IPv4'],
      ['spec.template.spec.containers[0].env[0].value', '0.0.0.0:80', 'IPv4'],
    ]);
  });

  it('reads words inside shell scripts', () => {
    expect(found({ command: ['sh', '-c', 'exec gunicorn -b 0.0.0.0:8000 app:wsgi'] })).toEqual([['spec.template.spec.containers[0].command[2]', '0.0.0.0:8000', 'IPv4']]);
  });

  it('reports IPv6 listeners with their family and ignores peers, empty hosts, hostnames and CIDRs', () => {
    expect(found({ args: ['--listen=[::]:8443', '--upstream=10.0.0.5:53', '--metrics-bind-address=:8080', '--host=localhost', '--allow=0.0.0.0/0'], env: [{ name: 'DB_HOST', value: '10.0.0.7' }, { name: 'HOST' }] })).toEqual([
      ['spec.template.spec.containers[0].args[0]', '[::]:8443', 'IPv6'],
    ]);
  });

  it('covers init containers', () => {
    const s: PodSpecSummary = { ...spec({}), initContainers: [{ name: 'init', command: [], args: ['--listen=0.0.0.0:1'], env: [], path: 'spec.template.spec.initContainers[0]' }] };
    expect(listenAddresses(s).map((a) => a.path)).toEqual(['spec.template.spec.initContainers[0].args[0]']);
  });
});
