import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError, loadModels, type InputRequest } from '../../src/sources/load.js';

const dir = mkdtempSync(join(tmpdir(), 'dsaudit-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (files: string[], extra: Partial<InputRequest> = {}): InputRequest => ({
  files, contexts: [], live: {}, cwd: dir, normalize: { target: 'dual', overrides: {} }, ...extra,
});
const service = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80}]\n`;

describe('loading an input request', () => {
  it('opens each file once: a named pipe (readable once) is read whole', async () => {
    const fifo = join(dir, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(join(dir, 'source.txt'), service('from-pipe'));
    // Another process writes the pipe once; a second open for reading would find no writer and wait.
    const writer = spawn('sh', ['-c', 'cat source.txt > pipe.yaml'], { cwd: dir, stdio: 'ignore' });
    const got = await loadModels(request(['pipe.yaml']));
    writer.kill();
    expect(got.inputErrors).toEqual([]);
    expect(got.models.map((m) => m.services.map((s) => s.ref.name))).toEqual([['from-pipe']]);
  });

  it('builds one model for the manifest set, files and stdin together', async () => {
    writeFileSync(join(dir, 'a.yaml'), service('a'));
    const got = await loadModels(request(['a.yaml', '-'], { readStdin: async () => service('b') }));
    expect(got.models).toHaveLength(1);
    expect(got.models[0].services.map((s) => s.ref.name)).toEqual(['a', 'b']);
  });

  it('refuses files with contexts, and range declarations with several clusters', async () => {
    await expect(loadModels(request(['a.yaml'], { contexts: ['prod'] }))).rejects.toBeInstanceOf(LoadError);
    await expect(loadModels(request([], { contexts: ['a', 'b'], normalize: { target: 'dual', overrides: { serviceCidrs: ['10.96.0.0/12'] } } }))).rejects.toThrow(/describe one cluster/);
  });
});
