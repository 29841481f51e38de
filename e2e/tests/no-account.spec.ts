import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../support/chromium';
import { expect, test } from '../support/fixtures';
import { addClient, clientNames, waitForServiceWorker } from '../support/app';
import { screenshot } from '../support/screens';

test('no account: data survives a reload, a browser restart and a stopped server', async ({ server }) => {
  // Two browser launches and a server stop: near the default minute on a busy 2-core machine.
  test.setTimeout(120_000);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: chromiumArgs, headless: true, baseURL: server.baseURL });
  try {
    let browser = await launch();
    let page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto('/clients');
    await expect(page.getByTestId('no-account-notice')).toBeVisible();
    await addClient(page, 'Ana Pop', '0722000001');
    await addClient(page, 'Ștefan Țurcanu');
    await page.reload();
    await expect.poll(() => clientNames(page)).toEqual(['Ana Pop', 'Ștefan Țurcanu']);
    await waitForServiceWorker(page);
    await browser.close();

    browser = await launch();
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto('/clients');
    await expect(page.getByTestId('client-list').getByText('Ana Pop')).toBeVisible();

    expect(await server.stop()).toBe(0);
    await page.reload();
    await expect(page.getByTestId('client-list').getByText('Ștefan Țurcanu')).toBeVisible();
    await addClient(page, 'Fără Server SRL');
    await page.goto('/');
    await expect(page.getByTestId('count-clients')).toHaveText('3');
    await screenshot(page, test.info().outputPath('offline-home.png'));
    await browser.close();
  } finally {
    // Chromium's helper processes may still be writing to the profile for a moment after close.
    await new Promise((r) => setTimeout(r, 500));
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    } catch {
      // a temporary folder; the OS cleans it
    }
  }
});

test('three tabs write at once and the leader tab closes: nothing is lost', async ({ context }) => {
  const tabs = [await context.newPage(), await context.newPage(), await context.newPage()];
  for (const tab of tabs) await tab.goto('/clients');
  await Promise.all(tabs.map(async (tab, i) => {
    for (let k = 1; k <= 4; k++) await addClient(tab, `Tab ${i + 1} client ${k}`);
  }));
  // The first tab opened the database: it is the leader. Another takes over when it closes.
  await tabs[0]?.close();
  const [second, third] = [tabs[1], tabs[2]];
  if (!second || !third) throw new Error('tabs');
  await addClient(second, 'After the leader left');
  await third.reload();
  await expect.poll(async () => (await clientNames(third)).length, { timeout: 15_000 }).toBe(13);
  await expect.poll(() => clientNames(second)).toContain('Tab 1 client 4');
});
