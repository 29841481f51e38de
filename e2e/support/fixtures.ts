import { test as base, expect } from '@playwright/test';
import { cspReportsIn, recordCspViolations } from './csp';
import { startServer, type RunningServer } from './server';

/**
 * Each test gets its own server process and database; `baseURL` points at it. Every test fails on a
 * Content-Security-Policy violation (one seen in its browser context, or one a browser reported to its
 * server, which also covers workers and contexts a test launches itself) and on a missing text.
 */
export const test = base.extend<{ serverEnv: Record<string, string>; server: RunningServer; cspViolations: string[]; missingTexts: string[] }>({
  // Extra environment for the test's server (`test.use({ serverEnv: {...} })`).
  serverEnv: [{}, { option: true }],
  server: async ({ serverEnv }, use, testInfo) => {
    const server = await startServer(serverEnv);
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
  // A text the app asks for that no language has would show its key to people: the app reports it on
  // the console (app/i18n/index.ts) and every test fails on it.
  missingTexts: [
    async ({ context }, use) => {
      const missing: string[] = [];
      context.on('console', (message) => {
        if (message.type() === 'error' && message.text().startsWith('Missing text:')) missing.push(message.text());
      });
      await use(missing);
      expect(missing, 'texts missing in a language (their keys were shown)').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect } from '@playwright/test';
