import { expect, test } from '@playwright/test';
import { startServer } from '../support/server';

// Process-level behaviour of the built server; no browser needed.
test('answers the API as JSON and shuts down cleanly on SIGTERM', async () => {
  const server = await startServer();
  try {
    const health = await fetch(`${server.baseURL}/api/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
    expect(await health.json()).toMatchObject({ status: 'ok', db: 'sqlite' });

    const missing = await fetch(`${server.baseURL}/api/nope`, { headers: { accept: 'text/html' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });

    const docs = await fetch(`${server.baseURL}/api/docs/json`);
    expect((await docs.json()) as { paths: Record<string, unknown> }).toHaveProperty(['paths', '/api/health']);
  } finally {
    expect(await server.stop('SIGTERM')).toBe(0);
  }
  expect(server.output()).toContain('server closed, database closed');
});
