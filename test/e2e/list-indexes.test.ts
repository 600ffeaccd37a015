import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';

// "" and null entries before the bad one: findings must name the entry by its index as written.
const MANIFEST = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector:
    app: web
  ports:
  - port: 80
  clusterIPs: ["10.96.0.5", "", "", "", "", "", "", "nope"]
  externalIPs:
  - ""
  - ~
  -    "80.15.0.1/32"
`;

interface JsonFinding { ruleId: string; path: string; location: { line: number; column: number } }

describe('locations of list entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dsaudit-lists-'));
  const file = join(dir, 'svc.yaml');
  writeFileSync(file, MANIFEST);

  it('JSON names the entry as written and points at its line and column', () => {
    const r = dsaudit(['scan', '-f', file, '-o', 'json']);
    // The null entry is an input error (exit 2); everything else is still audited.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:14: Service web: spec.externalIPs[1] must be a string, got null`);
    const found = (JSON.parse(r.stdout).findings as JsonFinding[]).filter((f) => f.ruleId === 'cidr-list-invalid');
    expect(found.map((f) => [f.path, f.location.line, f.location.column])).toEqual([
      ['spec.clusterIPs[7]', 11, 53],
      ['spec.externalIPs[0]', 13, 5],
      ['spec.externalIPs[2]', 15, 8],
    ]);
  });

  it('SARIF regions are the same', () => {
    const r = dsaudit(['scan', '-f', file, '-o', 'sarif']);
    const results = JSON.parse(r.stdout).runs[0].results as { ruleId: string; locations: { physicalLocation: { region: unknown } }[] }[];
    expect(results.filter((x) => x.ruleId === 'cidr-list-invalid').map((x) => x.locations[0].physicalLocation.region)).toEqual([
      { startLine: 11, startColumn: 53 },
      { startLine: 13, startColumn: 5 },
      { startLine: 15, startColumn: 8 },
    ]);
  });
});
