import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { fillCompanyProfile, logIn, signUp, waitForServiceWorker } from '../support/app';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

/** The element's box, read once it is on the page. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  expect(box, 'the element is drawn').not.toBeNull();
  return box ?? { x: 0, y: 0, width: 0, height: 0 };
}

/** The text an element's `aria-describedby` points at: what a screen reader says with it. */
async function describedBy(locator: Locator): Promise<string> {
  const ids = (await locator.getAttribute('aria-describedby')) ?? '';
  expect(ids, 'the element names its description').not.toBe('');
  const page = locator.page();
  const texts = await Promise.all(ids.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

test('a second device without an invoice series says so at the top of the invoice, makes ROA2 in one tap and issues ROA2 nr. 1', async ({ page, server, browser }) => {
  test.setTimeout(240_000);
  // The first device (the owner's computer) signs up, fills the company and makes series ROA; it writes and validates an order.
  const first = page;
  await first.setViewportSize(desktop);
  await first.goto('/');
  const email = `doua-${randomUUID().slice(0, 8)}@service.ro`;
  await signUp(first, email, password, 'Service Două Dispozitive SRL');
  await fillCompanyProfile(first, { nume: 'Service Două Dispozitive SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B' });
  await expect(first.getByTestId('series-name')).toHaveValue('ROA');
  await first.getByTestId('series-create').click();
  await expect(first.getByTestId('series-row')).toContainText('ROA');
  await expect(first.getByTestId('series-row')).toContainText('acest dispozitiv');

  await first.goto('/orders/new');
  const vehicle = first.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('B 22 DOI');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('B 22 DOI');
  await first.getByTestId('order-add-labour').click();
  const line = first.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Schimb ulei');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('200');
  await expect(first.getByTestId('order-save-state')).toHaveText('Salvat');
  await first.getByTestId('order-save').click();
  await expect(first).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await first.getByTestId('order-validate').click();
  await expect(first.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await synced(first);

  // The owner's phone: a second device of the same account, with no series of its own.
  const phoneDevice = await browser.newContext({ baseURL: server.baseURL, viewport: phone });
  // Like the fixture's own context: a text no language has would show its key on the phone.
  const missingTexts: string[] = [];
  phoneDevice.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Missing text:')) missingTexts.push(message.text());
  });
  try {
    const second = await phoneDevice.newPage();
    await logIn(second, email, password);
    await second.goto('/orders');
    await synced(second);
    await second.getByTestId('order-row').filter({ hasText: 'B 22 DOI' }).click({ timeout: 30_000 });
    await expect(second.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await second.getByTestId('order-invoice').click();
    await expect(second).toHaveURL(/\/invoices\/new\?order=/);
    await expect(second.getByTestId('buyer-name')).toHaveValue('Ana Pop');

    // At the top, in the first screen: what is missing, why each device has its own series, and the fix.
    const notice = second.getByTestId('invoice-series-prompt');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('Acest telefon sau calculator nu are încă o serie de facturi');
    await expect(notice).toContainText('două dispozitive nu dau niciodată același număr, nici când lucrează fără internet');
    await expect(notice).toContainText('Seria ROA este pe celălalt dispozitiv; acesta primește seria ROA2.');
    const create = second.getByTestId('invoice-create-series');
    await expect(create).toHaveText('Creează seria ROA2');
    await expect(create).toBeEnabled();
    const bar = await boxOf(second.getByTestId('invoice-totals'));
    const noticeBox = await boxOf(notice);
    expect(noticeBox.y, 'the notice starts on the first screen').toBeGreaterThanOrEqual(0);
    expect(noticeBox.y + noticeBox.height, 'the whole notice, its button included, is above the bar at the bottom').toBeLessThanOrEqual(bar.y);
    expect(await second.evaluate(() => window.scrollY), 'nothing was scrolled').toBe(0);
    // Nothing here issues yet: the button says why, next to it.
    const issueButton = second.getByTestId('invoice-issue');
    await expect(issueButton).toBeDisabled();
    await expect(second.getByTestId('invoice-issue-blocked')).toBeVisible();
    expect(await describedBy(issueButton)).toBe('Întâi creați seria acestui dispozitiv, sus pe pagină.');
    await screenshot(second, test.info().outputPath('second-device-notice-phone.png'));
    await test.info().attach('second-device-notice-phone', { path: test.info().outputPath('second-device-notice-phone.png'), contentType: 'image/png' });

    // Offline the one step that needs the server waits, and says why (the app's files are cached first).
    await waitForServiceWorker(second);
    await phoneDevice.setOffline(true);
    await expect(create).toBeDisabled();
    await expect(second.getByTestId('invoice-series-offline')).toBeVisible();
    expect(await describedBy(create)).toContain('Pentru acest singur pas este nevoie de internet');
    await screenshot(second, test.info().outputPath('second-device-offline-phone.png'));
    await phoneDevice.setOffline(false);
    await expect(create).toBeEnabled();
    await expect(second.getByTestId('invoice-series-offline')).toHaveCount(0);

    // One tap: the series is made, the notice goes, the number shows, the invoice is issued.
    await create.click();
    await expect(notice).toHaveCount(0, { timeout: 30_000 });
    await expect(second.getByTestId('invoice-next-number')).toHaveText('Seria ROA2, numărul 1');
    await expect(second.getByTestId('invoice-issue-blocked')).toHaveCount(0);
    await expect(issueButton).toBeEnabled();
    await expect(issueButton).not.toHaveAttribute('aria-describedby');
    await second.getByTestId('buyer-pf').check({ force: true });
    await second.getByTestId('buyer-address').fill('Str. Morilor 3');
    await second.getByTestId('buyer-city').fill('Sector 2');
    await second.getByTestId('buyer-county').selectOption('B');
    await issueButton.click();
    await expect(second).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    await expect(second.getByTestId('invoice-title')).toHaveText('Factura ROA2 1');
    await synced(second);

    // The company page on the phone: ROA is the other device's, ROA2 this one's; offline, making or
    // moving a series waits and says why.
    await second.goto('/company');
    await expect(second.getByTestId('series-row').filter({ hasText: 'ROA2' })).toContainText('acest dispozitiv');
    const firstSeries = second.getByTestId('series-row').filter({ hasNotText: 'ROA2' });
    await expect(firstSeries).toContainText('alt dispozitiv');
    await phoneDevice.setOffline(true);
    await expect(second.getByTestId('series-create')).toBeDisabled();
    await expect(firstSeries.getByTestId('series-claim')).toBeDisabled();
    await expect(second.getByTestId('series-offline')).toBeVisible();
    expect(await describedBy(second.getByTestId('series-create'))).toContain('o serie se creează sau se mută doar cu internet');
    expect(await describedBy(firstSeries.getByTestId('series-claim'))).toContain('o serie se creează sau se mută doar cu internet');
    await phoneDevice.setOffline(false);
    await expect(second.getByTestId('series-create')).toBeEnabled();

    // The first device sees the order invoiced by the phone.
    await first.reload();
    await expect(first.getByTestId('order-status')).toHaveAttribute('data-status', 'FACTURAT', { timeout: 30_000 });
    expect(missingTexts, 'texts missing on the phone').toEqual([]);
  } finally {
    await phoneDevice.close();
  }
});
