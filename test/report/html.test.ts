import { describe, expect, it } from 'vitest';
import { escapeHtml, formatHtml } from '../../src/report/html.js';
import { FORMATTERS, VIEW_FORMATTERS } from '../../src/report/index.js';
import { canonical } from '../helpers/report-fixtures.js';

describe('html formatter', () => {
  it('matches the golden file', async () => {
    await expect(formatHtml(canonical, { color: false })).toMatchFileSnapshot('../../fixtures/report/expected.html');
  });

  it('is registered for scan and for the address map alone', () => {
    expect(FORMATTERS.html).toBe(formatHtml);
    expect(typeof VIEW_FORMATTERS.addressPlan.html).toBe('function');
  });

  it('lists every active finding once, grouped by severity then owner or namespace, and none hidden', () => {
    const out = formatHtml(canonical, { color: false });
    const active = canonical.findings.filter((f) => !f.suppressed && !f.baselined);
    const shown = [...out.matchAll(/data-fingerprint="([0-9a-f]+)"/g)].map((m) => m[1]);
    expect(shown.sort()).toEqual(active.map((f) => f.fingerprint).sort());
    expect(out.indexOf('data-severity="error"')).toBeLessThan(out.indexOf('data-severity="warning"'));
    expect(out).toMatch(/<h4>Argo CD Application ingress-nginx[^<]*\(1\)<\/h4>/);
  });

  it('puts coverage and rules not assessed in one panel', () => {
    const panel = /<section id="coverage" class="panel">([\s\S]*?)<\/section>/.exec(formatHtml(canonical, { color: false }))?.[1] ?? '';
    expect(panel).toContain('Coverage: <b>incomplete</b> (1 API not served)');
    expect(panel).toContain('Not served by this version (1)');
    expect(panel).toContain('1 rule not assessed');
  });

  it('escapes everything that came from the input', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    const hostile = { ...canonical, findings: canonical.findings.map((f, i) => (i === 0 ? { ...f, message: '<img src=x onerror=alert(1)>' } : f)) };
    const out = formatHtml(hostile, { color: false });
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('html address map of several clusters', () => {
  it('sets the clusters side by side, each under its name', async () => {
    const { buildAddressPlan } = await import('../../src/plan/address-plan.js');
    const { normalize } = await import('../../src/model/normalize.js');
    const { kubeadmConfigMap } = await import('../helpers/builders.js');
    const { rawObjects } = await import('../helpers/rule-tester.js');
    const model = (cluster: string, pods: string) => normalize(rawObjects([kubeadmConfigMap(pods, '10.96.0.0/16')]), { target: 'dual', cluster }).model;
    const html = VIEW_FORMATTERS.addressPlan.html(buildAddressPlan([model('east', '10.244.0.0/16'), model('west', '10.245.0.0/16')]), { color: false });
    const row = /<div class="clusters">\n<div class="cluster-map" data-cluster="east">[\s\S]*<h3>Cluster east<\/h3>[\s\S]*<div class="cluster-map" data-cluster="west">/;
    expect(html).toMatch(row);
  });
});
