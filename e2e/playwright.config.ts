import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';

/**
 * Debian's Chromium, headless, never a downloaded browser. The flags keep it from reaching for the
 * network at start (closed network here) and let it run as root in CI.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // scripts/test.mjs reads the JSON report to print which engines ran.
  reporter: process.env.ROAAUTO_TEST_REPORT_DIR
    ? [['list'], ['json', { outputFile: `${process.env.ROAAUTO_TEST_REPORT_DIR}/e2e.json` }]]
    : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromiumPath(),
      args: chromiumArgs,
    },
  },
});
