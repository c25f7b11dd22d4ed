import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the Firefox build in Debian's Firefox ESR (see test/e2e-firefox/support).
 * Playwright is the runner only: its own Firefox is a patched build, so the browser is driven
 * through WebDriver BiDi by puppeteer-core. One worker, one browser for the whole file.
 */
export default defineConfig({
  testDir: 'test/e2e-firefox',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: 'list',
  outputDir: 'test-results/firefox',
  use: { trace: 'off' },
});
