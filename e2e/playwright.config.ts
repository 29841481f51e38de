import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';

/**
 * Debian's Chromium, headless, never a downloaded browser. The flags keep it from reaching for the
 * network at start (closed network here) and let it run as root in CI.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Each spec file starts its own server on a free port with its own data folder, so files run side by
  // side: two workers (one per core here) take the suite from about 30 to about 20 minutes.
  // E2E_WORKERS=1 runs them one at a time.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
