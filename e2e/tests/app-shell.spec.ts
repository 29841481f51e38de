import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

test('loads the app; the API health is in Settings, not on the home page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'ROA AUTO', level: 1 })).toBeVisible();
  await expect(page.getByTestId('order-new')).toBeVisible();
  await expect(page.getByTestId('health-db')).toHaveCount(0);
  await screenshot(page, test.info().outputPath('home.png'), { fullPage: true });
  await page.goto('/settings');
  await expect(page.getByTestId('health-ok')).toBeVisible();
  await expect(page.getByTestId('health-db')).toHaveText('sqlite');
});

test('reloads from the service worker after the server is stopped', async ({ page, server }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('health-ok')).toBeVisible();
  // The shell is usable offline only once the worker controls the page and the precache is complete.
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return reg.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
  });

  expect(await server.stop()).toBe(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'ROA AUTO', level: 1 })).toBeVisible();
  await expect(page.getByTestId('health-offline')).toBeVisible();

  // A client-side route that was never visited also loads from the precached shell.
  await page.goto('/some/deep/link');
  await expect(page.getByRole('heading', { name: 'ROA AUTO', level: 1 })).toBeVisible();
});
