import { describe, expect, it } from 'vitest';
import { dsaudit } from '../helpers/cli.js';

const APP = 'fixtures/clusters/manifests-app';
const PHASES = ['start', 'read+parse', 'normalize', 'build', 'rules', 'locate', 'findings', 'views', 'report'];

describe('DSAUDIT_PROFILE=1', () => {
  it('prints CPU and heap per phase to stderr, in pipeline order, and leaves the report unchanged', () => {
    const plain = dsaudit(['scan', '-f', APP, '-o', 'json']);
    const profiled = dsaudit(['scan', '-f', APP, '-o', 'json'], { env: { DSAUDIT_PROFILE: '1' } });
    expect(profiled.code).toBe(plain.code);
    expect(profiled.stdout).toBe(plain.stdout);
    const rows = profiled.stderr.split('\n').filter((l) => /^ {2}\S+ +\d+ ms/.test(l)).map((l) => l.trim().split(/\s+/));
    expect(rows.map((r) => r[0])).toEqual([...PHASES, 'total']);
    const total = Number(rows.at(-1)![1]);
    const sum = rows.slice(0, -1).reduce((s, r) => s + Number(r[1]), 0);
    expect(Math.abs(total - sum)).toBeLessThanOrEqual(PHASES.length); // rounding per row
    expect(rows.slice(0, -1).every((r) => r[6] === 'MiB' && Number(r[5]) > 0)).toBe(true);
  });

  it('prints nothing when off', () => {
    expect(dsaudit(['scan', '-f', APP, '-o', 'json']).stderr).not.toContain('dsaudit profile');
    expect(dsaudit(['scan', '-f', APP, '-o', 'json'], { env: { DSAUDIT_PROFILE: '0' } }).stderr).not.toContain('dsaudit profile');
  });
});
