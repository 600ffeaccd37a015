/**
 * The rows of `npm run bench`, as data. bench/run.js generates each row's input once per scale
 * (cached in bench/out/<id>/<scale>/ while `version` is unchanged), then runs the floor and the scan
 * alternately `--repeat` times and compares the medians of CPU (user+sys of the child) and peak RSS.
 *
 * A row:
 *   id        short name, used by `--rows` and as the cache folder
 *   title     one line for the table
 *   version   bump when `generate` writes different files (invalidates the cache)
 *   scales    the scales it runs at (a subset of `--scales`; 1 = full size)
 *   default   false: only with `--rows <id>` (or `--rows all`)
 *   generate  async (scale, dir) => counts — writes the input into dir (an empty folder), returns
 *             object counts ({ total, … }); deterministic for a scale
 *   input     optional (dir) => path given to floor and scan (default: dir itself)
 *   floor     (path) => node argv of the floor (the cheapest program reading the same input)
 *   scan      (path) => node argv of the scan (default: dsaudit scan -f <path> -o json)
 *   goal      (scale) => { cpu, rss } — the largest scan/floor ratios that pass
 * Rows of another area (YAML, snapshots) are added as entries here; nothing else needs to change.
 */
import { join } from 'node:path';
import { generate } from './generate.js';
import { nodesInPodRange, nodesWithPolicies } from './gen-nodes.js';

export const STREAMED_FLOOR = (path) => ['bench/floor-stream.js', path];
export const WHOLE_FILE_FLOOR = (path) => ['bench/floor.js', path];
export const SCAN_JSON = (path) => ['bin/dsaudit.js', 'scan', '-f', path, '-o', 'json'];

export const ROWS = [
  {
    id: 'lean',
    title: 'lean kubectl dump (5k nodes, 150k pods, 10k Services, 15k slices; no managedFields)',
    version: 1,
    scales: [0.1, 1 / 3, 1],
    default: true,
    generate: (scale, dir) => generate(scale, dir, { lean: true }),
    floor: STREAMED_FLOOR,
    goal: (scale) => (scale < 0.2 ? { cpu: 2, rss: 2 } : { cpu: 1.5, rss: 1.5 }),
  },
  {
    id: 'managed-fields',
    title: 'the original dump (managedFields on 30% of objects), whole-file floor: history',
    version: 3,
    scales: [0.1, 0.25, 0.5, 1],
    default: false,
    generate: (scale, dir) => generate(scale, dir),
    floor: WHOLE_FILE_FLOOR,
    goal: () => ({ cpu: 1.5, rss: 1.5 }),
  },
  {
    id: 'pods-file',
    title: 'one `kubectl get pods -A -o json` file over 256 MiB (30k pods, 4-space indent)',
    version: 1,
    scales: [1],
    default: true,
    // 1/5 of the lean cluster with its pods in one file; only that file is read.
    generate: (_scale, dir) => generate(0.2, dir, { lean: true, podFiles: 1 }),
    input: (dir) => join(dir, 'pods-000.json'),
    floor: STREAMED_FLOOR,
    goal: () => ({ cpu: 1.5, rss: 1.5 }),
  },
  {
    id: 'nodes-in-range',
    title: 'nodes whose InternalIPs lie in the pod range (DS202 hits; full = 30k, 1/3 = 10k nodes)',
    version: 1,
    scales: [1 / 3, 1],
    default: true,
    generate: (scale, dir) => nodesInPodRange(Math.round(30_000 * scale), dir),
    floor: STREAMED_FLOOR,
    goal: () => ({ cpu: 2, rss: 2 }),
  },
  {
    id: 'nodes-policies',
    title: 'dual-stack nodes + NetworkPolicies with 10 ipBlocks (full = 100k nodes, 1/10 = 10k)',
    version: 1,
    scales: [0.1, 1],
    default: true,
    generate: (scale, dir) => nodesWithPolicies(Math.round(100_000 * scale), dir),
    floor: STREAMED_FLOOR,
    goal: () => ({ cpu: 2, rss: 2 }),
  },
];
