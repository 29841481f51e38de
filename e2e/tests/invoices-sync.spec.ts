import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { fillCompanyProfile, logIn, signUp, waitForServiceWorker } from '../support/app';
import { startServer } from '../support/server';
import { screenshot } from '../support/screens';
import { expectAcceptedByAnaf } from '../support/efactura';

const password = 'Garaj-Constanta-7';

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

/** A standalone invoice to a company, one line, issued from the Invoices page. */
async function issue(page: Page, what: string, price: string): Promise<string> {
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Bd. Unirii 10');
  await page.getByTestId('buyer-city').fill('Sector 3');
  await page.getByTestId('buyer-county').selectOption('B');
  await page.getByTestId('invoice-line-desc').fill(what);
  await page.getByTestId('invoice-line-price').fill(price);
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  return (await page.getByTestId('invoice-title').innerText()).trim();
}

test('two devices of one company issue invoices offline at the same time: each in its own series, numbers unique and continuous', async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startServer();
  const deviceA = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 } });
  const deviceB = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 1280, height: 900 } });
  try {
    const a = await deviceA.newPage();
    await a.goto('/');
    const email = `facturi-${randomUUID().slice(0, 8)}@service.ro`;
    await signUp(a, email, password, 'Service Țăranu SRL');
    await fillCompanyProfile(a, { nume: 'Service Țăranu SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B', 'serie-implicita': 'TAR' });
    // With an account the server makes the series (a name once per company); this device holds it.
    await expect(a.getByTestId('series-none')).toBeVisible();
    await expect(a.getByTestId('series-name')).toHaveValue('TAR');
    await a.getByTestId('series-create').click();
    await expect(a.getByTestId('series-row')).toContainText('TAR');
    await expect(a.getByTestId('series-row')).toContainText('acest dispozitiv');
    await synced(a);

    const b = await deviceB.newPage();
    await logIn(b, email, password);
    await b.goto('/company');
    await synced(b);
    await expect(b.getByTestId('company-nume')).toHaveValue('Service Țăranu SRL');
    await expect(b.getByTestId('series-row').filter({ hasText: 'TAR' })).toContainText('alt dispozitiv');
    await expect(b.getByTestId('series-name')).toHaveValue('TAR2');
    await b.getByTestId('series-create').click();
    await expect(b.getByTestId('series-row').filter({ hasText: 'TAR2' })).toContainText('acest dispozitiv');
    await synced(b);

    // Both lose the connection and keep invoicing (the app, PDF engine included, is in the service worker's cache).
    await waitForServiceWorker(b);
    await deviceA.setOffline(true);
    await deviceB.setOffline(true);
    expect(await issue(a, 'Vulcanizare 4 roți', '120')).toBe('Factura TAR 1');
    expect(await issue(b, 'Echilibrare roți', '80')).toBe('Factura TAR2 1');
    expect(await issue(a, 'Schimb anvelope', '200')).toBe('Factura TAR 2');
    expect(await issue(b, 'Depozitare anvelope', '150')).toBe('Factura TAR2 2');
    // A buyer invoiced before comes back with one tap.
    await a.goto('/invoices/new');
    await a.getByTestId('buyer-name').fill('Transp');
    await a.getByTestId('buyer-match').filter({ hasText: 'Transport Rapid SRL' }).click();
    await expect(a.getByTestId('buyer-cui')).toHaveValue('RO18547290');
    await expect(a.getByTestId('buyer-city')).toHaveValue('Sector 3');
    await expect(a.getByTestId('buyer-county')).toHaveValue('B');
    await screenshot(b, test.info().outputPath('invoice-desktop.png'), { fullPage: true });
    const [offlinePdf] = await Promise.all([b.waitForEvent('download'), b.getByTestId('invoice-pdf').click()]);
    expect(offlinePdf.suggestedFilename()).toBe('Factura-TAR2-2.pdf');
    expect((await readFile(await offlinePdf.path())).subarray(0, 5).toString()).toBe('%PDF-');

    await deviceA.setOffline(false);
    await deviceB.setOffline(false);
    for (const page of [a, b]) {
      await page.goto('/invoices');
      await synced(page);
    }
    await a.reload();
    await expect(a.getByTestId('invoice-row')).toHaveCount(4, { timeout: 30_000 });
    await b.reload();
    await expect(b.getByTestId('invoice-row')).toHaveCount(4, { timeout: 30_000 });
    const numbers = (await a.getByTestId('invoice-row').locator('p.font-mono').allInnerTexts()).map((s) => s.trim()).sort();
    expect(numbers).toEqual(['TAR 1', 'TAR 2', 'TAR2 1', 'TAR2 2']);

    // The server serves the same invoice as PDF and XML (Bucharest: SECTOR3 for the buyer, SECTOR6 for the seller).
    await a.getByTestId('invoice-row').filter({ hasText: 'TAR2 2' }).click();
    // The id is read off the address once the invoice page is open, not while the list still shows.
    await expect(a).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    const id = new URL(a.url()).pathname.split('/').pop() ?? '';
    const token = await a.evaluate(() => (JSON.parse(localStorage.getItem('roaauto.session') ?? '{}') as { accessToken?: string }).accessToken ?? '');
    const xml = await a.request.get(`/api/invoices/${id}/efactura.xml`, { headers: { authorization: `Bearer ${token}` } });
    expect(xml.status()).toBe(200);
    const text = await xml.text();
    await expectAcceptedByAnaf(text);
    expect(text).toContain('<cbc:CityName>SECTOR3</cbc:CityName>');
    expect(text).toContain('<cbc:CityName>SECTOR6</cbc:CityName>');
    expect(text).toContain('RO-B');
    const pdf = await a.request.get(`/api/invoices/${id}/pdf`, { headers: { authorization: `Bearer ${token}` } });
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    // The server's print is in the invoice's history on the device.
    await expect(a.getByTestId('invoice-events')).toContainText('server', { timeout: 15_000 });

    // Offline again, both devices reverse all of TAR 1: each credit note was right where it was issued;
    // together they reverse twice the invoice, and its page says so once they have synced.
    await a.goto('/invoices');
    await a.getByTestId('invoice-row').filter({ hasText: 'TAR 1' }).click();
    await expect(a.getByTestId('invoice-title')).toHaveText('Factura TAR 1');
    const tar1 = new URL(a.url()).pathname;
    await b.goto(tar1);
    await expect(b.getByTestId('invoice-title')).toHaveText('Factura TAR 1');
    await deviceA.setOffline(true);
    await deviceB.setOffline(true);
    for (const [page, title] of [[a, 'Factura storno TAR 3'], [b, 'Factura storno TAR2 3']] as const) {
      await page.getByTestId('invoice-storno').click();
      await expect(page.getByTestId('invoice-total')).toHaveText(/-145,20/);
      await page.getByTestId('invoice-issue').click();
      await expect(page.getByTestId('invoice-title')).toHaveText(title);
    }
    await deviceA.setOffline(false);
    await deviceB.setOffline(false);
    await synced(b);
    await a.goto(tar1);
    await synced(a);
    await expect(a.getByTestId('invoice-reversed-by')).toContainText('TAR2 3', { timeout: 30_000 });
    await expect(a.getByTestId('invoice-over-reversed')).toBeVisible();
    await expect(a.getByTestId('invoice-storno')).toHaveCount(0);
    await screenshot(a, test.info().outputPath('invoice-over-reversed.png'));
  } finally {
    await deviceA.close();
    await deviceB.close();
    await server.stop();
  }
});
