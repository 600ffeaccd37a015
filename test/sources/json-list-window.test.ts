import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamInputs } from '../../src/sources/manifests.js';

// A file of its own: vitest runs it in a process of its own, without other tests' garbage in the external memory measured.
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dsaudit-window-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pod = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels: { app: 'web' } },
  spec: { containers: [{ name: 'app', image: 'app:1' }], nodeName: 'node-1' },
  status: { podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }, { ip: 'fd00::1' }] },
});

const list = (items: unknown[]): string => `${JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)}\n`;

describe('a large JSON List read item by item', () => {
  it('hold no buffer of the whole file while its items are read', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => pod(`web-${i}`));
    // Written in pieces, so that no buffer of the whole text is left behind.
    const text = list(items);
    const fd = openSync(join(dir, 'large.json'), 'w');
    for (let i = 0; i < text.length; i += 65536) writeSync(fd, text.slice(i, i + 65536));
    closeSync(fd);
    const s = await streamInputs(['large.json'], { cwd: dir });
    let count = 0;
    // The least external memory seen while reading: garbage left by other tests can only raise it for a while.
    let least = Infinity;
    for await (const input of s.inputs) {
      if (input.kind !== 'objects') continue;
      for (const _ of input.objects) if (count++ % 500 === 0) least = Math.min(least, process.memoryUsage().arrayBuffers);
    }
    expect(count).toBe(20_000);
    // The file is 17 MiB, the window 1 MiB.
    expect(least).toBeLessThan(8 * 1024 * 1024);
  });

});
