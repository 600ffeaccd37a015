import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a 2-core machine the whole suite ran in
    // one worker. The end-to-end tests spend much of their time in the CLI processes they spawn, so a
    // worker per core keeps both cores busy (full suite 141 s → 94 s on 2 cores).
    maxWorkers: availableParallelism(),
  },
});
