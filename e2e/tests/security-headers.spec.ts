import { expect, test } from '../support/fixtures';
import { cspReportsIn } from '../support/csp';
import { addClient, clientNames, waitForServiceWorker } from '../support/app';
import { startServer } from '../support/server';

// The fixtures fail every test on a policy violation; this one walks through what the policy must allow.
test('the app, its SQLite worker, its service worker and the API docs run under the policy', async ({ page, context, server, cspViolations }) => {
  const shell = await page.goto('/clients');
  const headers = shell?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(headers['x-frame-options']).toBe('DENY');

  // The local database: wa-sqlite's wasm compiled in a module worker, on OPFS.
  await addClient(page, 'Ana Pop', '0722000001');
  await addClient(page, 'Ștefan Țurcanu');
  await waitForServiceWorker(page);

  // Offline, the shell and the data come from the service worker's precache and OPFS.
  await context.setOffline(true);
  await page.reload();
  await expect.poll(() => clientNames(page)).toEqual(['Ana Pop', 'Ștefan Țurcanu']);
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByTestId('client-list').getByText('Ana Pop')).toBeVisible();

  // The API docs page (Swagger UI) renders the document under the same policy.
  await page.goto('/api/docs/');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('API');
  await expect(page.locator('.opblock-tag-section').first()).toBeVisible();

  expect(cspViolations).toEqual([]);
  expect(cspReportsIn(server.output())).toEqual([]);
});

test('a violation is noticed, in the page and by the server', async ({ page, cspViolations }) => {
  // A server of its own, so the reports it receives do not fail this test's fixture.
  const other = await startServer();
  try {
    await page.goto(`${other.baseURL}/`);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations.join('\n')).toMatch(/script-src/);
    expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    await expect.poll(() => cspReportsIn(other.output()).length).toBeGreaterThan(0);
    expect(cspReportsIn(other.output()).join('\n')).toContain('script-src');
  } finally {
    await other.stop();
  }
  // Expected here, and checked above: cleared so that the fixtures' own check passes.
  cspViolations.length = 0;
});
