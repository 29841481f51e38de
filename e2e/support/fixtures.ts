import { test as base, expect } from '@playwright/test';
import { cspReportsIn, recordCspViolations } from './csp';
import { startServer, type RunningServer } from './server';

/**
 * Each test gets its own server process and database; `baseURL` points at it. Every test fails on a
 * Content-Security-Policy violation: one seen in its browser context, or one a browser reported to its
 * server (which also covers workers and contexts a test launches itself).
 */
export const test = base.extend<{ server: RunningServer; cspViolations: string[] }>({
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    await use(server);
    await server.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: server.output(), contentType: 'text/plain' });
    }
    expect(cspReportsIn(server.output()), 'violation reports the server received').toEqual([]);
  },
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
  cspViolations: [
    async ({ context }, use) => {
      const recorder = recordCspViolations(context);
      await recorder.ready;
      await use(recorder.violations);
      expect(recorder.violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
