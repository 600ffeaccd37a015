import { describe, expect, it } from 'vitest';
import { embeddedAddressRelabels, hostSplit } from '../../src/model/config/prometheus-relabel.js';
import type { AddressRelabel } from '../../src/model/types.js';

const rule = (regex: string, replacement: string, sourceLabels: string[]): AddressRelabel => ({ path: 'p', scope: 's', separator: ';', regex, replacement, sourceLabels });

describe('embeddedAddressRelabels', () => {
  const text = [
    'global: {}',
    'scrape_configs:',
    '- job_name: a',
    '  relabel_configs:',
    '  - {action: keep, regex: "true", source_labels: [x]}',
    '  - source_labels: [__address__]',
    '    target_label: __address__',
    '- job_name: b',
    '  relabel_configs:',
    '  - action: labelmap',
    '    regex: (.+)',
    '  - action: Replace',
    '    target_label: __address__',
    '    regex: 5',
    '  - action: hashmod',
    '    target_label: __address__',
  ].join('\n');

  it('keeps only replace rules writing __address__, with defaults, their job and their line in the text', () => {
    const got = embeddedAddressRelabels({ 'prometheus.yml': text, 'notes.txt': text });
    expect(got).toEqual([
      { path: 'data.prometheus.yml', embedded: { key: 'prometheus.yml', path: 'scrape_configs[0].relabel_configs[1]', line: 6 }, scope: 'job a', sourceLabels: ['__address__'], separator: ';', regex: '(.*)', replacement: '$1' },
      { path: 'data.prometheus.yml', embedded: { key: 'prometheus.yml', path: 'scrape_configs[1].relabel_configs[1]', line: 12 }, scope: 'job b', sourceLabels: [], separator: ';', regex: '5', replacement: '$1' },
    ]);
  });

  it('reads nothing from text that is not YAML or has no scrape configs', () => {
    expect(embeddedAddressRelabels({ 'prometheus.yml': 'scrape_configs: [__address__' })).toEqual([]);
    expect(embeddedAddressRelabels({ 'prometheus.yml': 'rule_files: [__address__]' })).toEqual([]);
  });

  it('skips a key whose aliases expand past the limit, without throwing', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e']]) levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    const bomb = [...levels, 'scrape_configs: [{relabel_configs: [{target_label: __address__}]}, *e]'].join('\n');
    expect(embeddedAddressRelabels({ 'prometheus.yml': bomb, 'other.yml': 'scrape_configs: [{relabel_configs: [{target_label: __address__}]}]' }).map((r) => r.embedded?.key)).toEqual(['other.yml']);
  });
});

describe('hostSplit', () => {
  it('finds a host class that stops at the first colon, by the source label in its place', () => {
    expect(hostSplit(rule('([^:]+)(?::\\d+)?;(\\d+)', '$1:$2', ['__address__', 'port']))).toEqual({ kind: 'stopsAtColon', group: '([^:]+)', label: '__address__' });
    expect(hostSplit(rule('(\\d+);([^:/]{1,})', '${2}:$1', ['port', '__meta_kubernetes_pod_ip']))).toEqual({ kind: 'stopsAtColon', group: '([^:/]{1,})', label: '__meta_kubernetes_pod_ip' });
  });

  it('finds an IP label joined to a port without brackets', () => {
    expect(hostSplit(rule('(.*)', '$1:9100', ['__meta_kubernetes_node_address_InternalIP']))).toEqual({ kind: 'unbracketed', group: '(.*)', label: '__meta_kubernetes_node_address_InternalIP' });
  });

  it('spares brackets, colon-free patterns of IPv4, lazy hosts of __address__, name labels and hosts not followed by a port', () => {
    expect(hostSplit(rule('(\\d+);(.+)', '[$2]:$1', ['port', '__meta_kubernetes_pod_ip']))).toBeUndefined();
    expect(hostSplit(rule('(\\d+);((([0-9]+?)(\\.|$)){4})', '$2:$1', ['port', '__meta_kubernetes_pod_ip']))).toBeUndefined();
    expect(hostSplit(rule('(.+?)(?::\\d+)?;(\\d+)', '$1:$2', ['__address__', 'port']))).toBeUndefined();
    expect(hostSplit(rule('([^:]+);(\\d+)', '$1:$2', ['__meta_kubernetes_pod_name', 'port']))).toBeUndefined();
    expect(hostSplit(rule('([^:]+)(?::\\d+)?', '$1', ['__address__']))).toBeUndefined();
    // Go reads "$1x" as the group named "1x", which does not exist: no host reference.
    expect(hostSplit(rule('([^:]+)', '$1x:80', ['__address__']))).toBeUndefined();
  });
});
