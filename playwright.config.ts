import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real extension in Debian's Chromium (see test/e2e/support). One
 * worker: the machine has two cores, and every test starts its own browser and servers.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: { trace: 'off' },
});
