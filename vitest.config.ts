import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: one on a two-core machine. Two take the
    // run there from about 2 minutes to 1.3.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
