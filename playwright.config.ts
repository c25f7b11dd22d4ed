import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real extension in Debian's Chromium (see test/e2e/support). Two
 * workers, one per core: every spec file starts its own browser and servers, so files run side by
 * side without sharing anything, and the suite takes about 7 minutes instead of 9.5 on two cores.
 * Tests inside a file still run in order.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 2,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: { trace: 'off' },
});
