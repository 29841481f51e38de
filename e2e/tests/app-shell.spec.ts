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

test('a page whose code never reached the device says so when opened offline', async ({ browser, server }) => {
  // No service worker: nothing is precached, as on a phone that lost its connection right after the first load.
  const context = await browser.newContext({ baseURL: server.baseURL, serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByTestId('order-new')).toBeVisible();
    await context.setOffline(true);
    await page.getByTestId('order-new').click();
    await expect(page.getByTestId('page-failed')).toContainText('nu a fost încă descărcată');
    await expect(page).toHaveURL(/\/$/);
    await screenshot(page, test.info().outputPath('page-failed-offline-phone.png'));
    await context.setOffline(false);
    await page.getByTestId('order-new').click();
    await expect(page).toHaveURL(/\/orders\/new/);
    await expect(page.getByTestId('page-failed')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
