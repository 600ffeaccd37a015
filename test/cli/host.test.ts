import { describe, expect, it } from 'vitest';
import { LARGE_YOUNG_GENERATION_MIN_MEMORY, YOUNG_GENERATION_MB, youngGenerationMb } from '../../src/cli/host.js';

describe("the CLI worker's young generation", () => {
  it('is large where memory allows it', () => {
    expect(youngGenerationMb(24 * 1024 ** 3)).toBe(YOUNG_GENERATION_MB);
    expect(youngGenerationMb(LARGE_YOUNG_GENERATION_MIN_MEMORY)).toBe(YOUNG_GENERATION_MB);
  });

  it("is V8's default under a small limit, such as the CronJob's 512 MiB", () => {
    expect(youngGenerationMb(512 * 1024 ** 2)).toBeUndefined();
    expect(youngGenerationMb(LARGE_YOUNG_GENERATION_MIN_MEMORY - 1)).toBeUndefined();
  });
});
