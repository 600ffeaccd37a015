import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';
import { validateSarif } from '../helpers/sarif-validator.js';

const FILE = 'fixtures/report/kubeadm/cluster-configuration.yaml';
const dir = mkdtempSync(join(tmpdir(), 'dsaudit-cluster-level-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
}

describe('cluster-level findings from manifests', () => {
  it('DS100 is one finding that names the declaring object once, at the line that declares the range', () => {
    const r = dsaudit(['scan', '-f', FILE, '--color', 'never']);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith('DS100'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`ClusterConfiguration prod  ${FILE}:8:3  Cluster service and pod ranges cover only IPv4 (evidence: networking.serviceSubnet 10.96.0.0/12; networking.podSubnet 10.244.0.0/16)`);
  });

  it('SARIF points DS100 and DS203 at networking.serviceSubnet, and the log validates', () => {
    const r = dsaudit(['scan', '-f', FILE, '--external-cidr', '10.96.0.0/16', '-o', 'sarif']);
    const log = JSON.parse(r.stdout) as { runs: { results: SarifResult[] }[] };
    const line = (id: string) => log.runs[0].results.filter((x) => x.ruleId === id).map((x) => x.locations[0].physicalLocation?.region.startLine);
    expect(line('cluster-not-dual-stack')).toEqual([8]);
    expect(line('cluster-range-external-overlap')).toEqual([8]);
    const file = join(dir, 'kubeadm.sarif');
    writeFileSync(file, r.stdout);
    const v = validateSarif(file);
    expect(v.errors, v.output).toEqual([]);
  });
});
