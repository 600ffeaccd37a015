/**
 * Prometheus relabel rules that rebuild a scrape target's `__address__`: read from scrape configs embedded
 * in ConfigMaps and from Prometheus Operator monitors, and judged on how they join host and port.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { asArray, asMap, asString, type RawMap } from '../raw.js';
import type { FieldReader } from '../reader.js';
import type { AddressRelabel } from '../types.js';

const ADDRESS = '__address__';
/** Prometheus' relabel_config defaults (prometheus/model/relabel/relabel.go DefaultRelabelConfig). */
const DEFAULTS = { separator: ';', regex: '(.*)', replacement: '$1', action: 'replace' } as const;

interface RuleFields {
  readonly sourceLabels: readonly string[];
  readonly separator?: string;
  readonly targetLabel?: string;
  readonly regex?: string;
  readonly replacement?: string;
  readonly action?: string;
}

function addressRelabel(f: RuleFields, where: Pick<AddressRelabel, 'path' | 'embedded' | 'scope'>): AddressRelabel | undefined {
  // The Operator accepts `Replace` as well as `replace`; other actions do not build an address from a regex.
  if (f.targetLabel !== ADDRESS || (f.action ?? DEFAULTS.action).toLowerCase() !== 'replace') return undefined;
  return Object.freeze({
    ...where,
    sourceLabels: f.sourceLabels,
    separator: f.separator ?? DEFAULTS.separator,
    regex: f.regex ?? DEFAULTS.regex,
    replacement: f.replacement ?? DEFAULTS.replacement,
  });
}

/** Where a Prometheus Operator kind keeps its relabelings (monitoring.coreos.com CRD reference). */
const OPERATOR_ENDPOINTS: Readonly<Record<string, string | undefined>> = { ServiceMonitor: 'spec.endpoints', PodMonitor: 'spec.podMetricsEndpoints' };

/** The `__address__` relabelings of a ServiceMonitor, PodMonitor or ScrapeConfig. */
export function operatorAddressRelabels(r: FieldReader, kind: string): AddressRelabel[] {
  const read = (path: string, scope: string): AddressRelabel[] =>
    r.mapList(path).flatMap(([i]) => {
      const p = `${path}[${i}]`;
      const regex = r.get(`${p}.regex`);
      const made = addressRelabel(
        { sourceLabels: r.strList(`${p}.sourceLabels`), separator: r.str(`${p}.separator`), targetLabel: r.str(`${p}.targetLabel`), regex: typeof regex === 'string' ? regex : undefined, replacement: r.str(`${p}.replacement`), action: r.str(`${p}.action`) },
        { path: p, scope },
      );
      return made ? [made] : [];
    });
  const endpoints = OPERATOR_ENDPOINTS[kind];
  if (endpoints === undefined) return read('spec.relabelings', 'spec.relabelings');
  return r.mapList(endpoints).flatMap(([i, e]) => read(`${endpoints}[${i}].relabelings`, `endpoint ${asString(e.port) ?? asString(e.targetPort) ?? i}`));
}

const CONFIG_KEY = /\.ya?ml$/;

/** The `__address__` relabel_configs of Prometheus configurations held in a ConfigMap's `*.yml`/`*.yaml` keys, each with its line. */
export function embeddedAddressRelabels(data: Readonly<Record<string, string>>): AddressRelabel[] {
  const out: AddressRelabel[] = [];
  for (const key of Object.keys(data).sort()) {
    const text = data[key];
    if (!CONFIG_KEY.test(key) || !text.includes('scrape_configs') || !text.includes(ADDRESS)) continue;
    const lines = new LineCounter();
    let doc;
    let js: RawMap | undefined;
    try {
      doc = parseDocument(text, { lineCounter: lines });
      // Text from a ConfigMap is untrusted: alias bombs and deep nesting throw here, and the key is skipped.
      js = doc.errors.length > 0 ? undefined : asMap(doc.toJS({ maxAliasCount: 100 }));
    } catch {
      continue;
    }
    if (!js) continue;
    const jobs = asArray(js?.scrape_configs);
    const jobNodes = doc.getIn(['scrape_configs']);
    jobs.forEach((job, i) => {
      const j = asMap(job);
      const rules = asArray(j?.relabel_configs);
      rules.forEach((rule, k) => {
        const m = asMap(rule);
        if (!m) return;
        const node = isSeq(jobNodes) ? (jobNodes.items[i] as YamlNode | undefined) : undefined;
        const ruleNode = node && isMap(node) ? node.get('relabel_configs', true) : undefined;
        const item = isSeq(ruleNode) ? (ruleNode.items[k] as YamlNode | undefined) : undefined;
        const line = item?.range ? lines.linePos(item.range[0]).line : 1;
        const path = `scrape_configs[${i}].relabel_configs[${k}]`;
        const made = addressRelabel(fields(m), { path: `data.${key}`, embedded: { key, path, line }, scope: `job ${asString(j?.job_name) ?? i}` });
        if (made) out.push(made);
      });
    });
  }
  return out;
}

function fields(m: RawMap): RuleFields {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
  return {
    sourceLabels: asArray(m.source_labels).flatMap((l) => (typeof l === 'string' ? [l] : [])),
    separator: str(m.separator),
    targetLabel: str(m.target_label),
    regex: str(m.regex),
    replacement: str(m.replacement),
    action: str(m.action),
  };
}

/** A capturing group of a regex: its 1-based number, name, pattern text and the offset where it starts. */
interface Group {
  readonly index: number;
  readonly name?: string;
  readonly text: string;
  readonly start: number;
}

/** The capturing groups of an RE2 pattern, in order; escapes and character classes are skipped over. */
function captureGroups(re: string): Group[] {
  const open: { index?: number; name?: string; start: number }[] = [];
  const out: Group[] = [];
  let n = 0;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') { i++; continue; }
    if (c === '[') { i = classEnd(re, i); continue; }
    if (c === '(') {
      const named = /^\(\?P?<([A-Za-z_]\w*)>/.exec(re.slice(i));
      if (re[i + 1] === '?' && !named) open.push({ start: i });
      else open.push({ index: ++n, ...(named ? { name: named[1] } : {}), start: i });
    } else if (c === ')') {
      const g = open.pop();
      if (g?.index !== undefined) out.push({ index: g.index, ...(g.name ? { name: g.name } : {}), text: re.slice(g.start, i + 1).replace(/^\((\?P?<\w+>)?/, '').slice(0, -1), start: g.start });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/** Offset of the `]` closing the class that opens at `i` (a `]` first in the class is literal). */
function classEnd(re: string, i: number): number {
  let j = i + 1;
  if (re[j] === '^') j++;
  if (re[j] === ']') j++;
  for (; j < re.length && re[j] !== ']'; j++) if (re[j] === '\\') j++;
  return j;
}

/** A group that captures one run of a negated class excluding `:` (`[^:]+`, `[^:/]*`): it stops at the first colon. */
const STOPS_AT_COLON = /^\[\^(?:[^\]\\]|\\.)*:(?:[^\]\\]|\\.)*\](?:[+*]|\{\d+,\d*\})\??$/;

/** Whether a pattern can match a `:` somewhere: `.`, `\D`, `\S`, `\W`, a literal colon, or a class admitting one. */
function canMatchColon(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') { if ('DSW:'.includes(text[i + 1] ?? '')) return true; i++; continue; }
    if (c === '.' || c === ':') return true;
    if (c === '[') {
      const end = classEnd(text, i);
      const body = text.slice(i + 1, end);
      if (body.startsWith('^') !== body.includes(':')) return true;
      i = end;
    }
  }
  return false;
}

/** Labels whose value is an IP address or an address with a port (Prometheus kubernetes_sd_config meta labels). */
function isAddressLabel(label: string): boolean {
  return label === ADDRESS || /^__meta_\w*(_ip|_address(_\w+)?)$/.test(label);
}

/** How a relabel rule breaks the target address of an IPv6 target, and the part of the regex that does it. */
export interface HostSplit {
  /** `stopsAtColon`: the host is captured by a class excluding `:`; `unbracketed`: an IP is joined to a port without brackets. */
  readonly kind: 'stopsAtColon' | 'unbracketed';
  /** The capturing group that takes the host, as written (`([^:]+)`). */
  readonly group: string;
  /** The source label that group reads. */
  readonly label: string;
}

/**
 * Judges a `__address__` rule: the replacement's host is a group reference followed by `:` (not in
 * brackets); the group reads the source label whose place (by separators before it) it has. An address
 * label read with a class that stops at `:` cannot hold an IPv6 address (`[fd00::1]:8080`), so the rule
 * does not match and the port it sets is ignored, or cuts the address; an IP label (`__meta_kubernetes_pod_ip`,
 * unbracketed) joined as `$1:$2` makes `fd00::1:9090`, which is no host:port.
 */
export function hostSplit(rule: AddressRelabel): HostSplit | undefined {
  const groups = captureGroups(rule.regex);
  const refs = /\$(?:\{(\w+)\}|(\w+))/g;
  let m: RegExpExecArray | null;
  while ((m = refs.exec(rule.replacement))) {
    const ref = m[1] ?? m[2];
    const end = m.index + m[0].length;
    if (rule.replacement[end] !== ':' || rule.replacement[m.index - 1] === '[') continue;
    const group = /^\d+$/.test(ref) ? groups.find((g) => g.index === Number(ref)) : groups.find((g) => g.name === ref);
    if (!group) continue;
    const before = rule.regex.slice(0, group.start);
    const place = rule.separator === '' ? 0 : before.split(rule.separator).length - 1;
    const label = rule.sourceLabels[Math.min(place, rule.sourceLabels.length - 1)];
    if (label === undefined || !isAddressLabel(label)) continue;
    if (STOPS_AT_COLON.test(group.text)) return { kind: 'stopsAtColon', group: `(${group.text})`, label };
    // __address__ already brackets IPv6 hosts (Go net.JoinHostPort in the service discovery).
    if (label !== ADDRESS && canMatchColon(group.text)) return { kind: 'unbracketed', group: `(${group.text})`, label };
  }
  return undefined;
}
