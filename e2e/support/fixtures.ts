import { test as base } from '@playwright/test';
import { startServer, type RunningServer } from './server';

/** Each test gets its own server process and database; `baseURL` points at it. */
export const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use, testInfo) => {
    const server = await startServer();
    await use(server);
    await server.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('server.log', { body: server.output(), contentType: 'text/plain' });
    }
  },
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
});

export { expect } from '@playwright/test';
