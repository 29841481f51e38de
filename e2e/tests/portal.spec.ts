import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { recordCspViolations } from '../support/csp';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';
const lei = (amount: string) => new RegExp(`^\\s*${amount.replace(/\./g, '\\.')}\\s+RON\\s*$`);

async function addLine(page: Page, kind: 'labour' | 'material', desc: string, qty: string, price: string): Promise<void> {
  await page.getByTestId(kind === 'labour' ? 'order-add-labour' : 'order-add-material').click();
  const line = page.locator(`[data-section="${kind === 'labour' ? 'manopera' : 'material'}"] [data-testid="order-line"]`).last();
  await line.getByTestId('line-desc').fill(desc);
  await line.getByTestId('line-qty').fill(qty);
  await line.getByTestId('line-price').fill(price);
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

test('the owner makes an order and its link offline; the customer approves one line and declines the other on their phone; the owner\'s page follows without a reload', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signUp(page, `portal-${randomUUID().slice(0, 8)}@service.ro`, password, 'Service Țăranu SRL');
  await waitForServiceWorker(page);
  await page.goto('/orders');
  await synced(page);

  // Offline: the order with two lines, and a link for the customer.
  await context.setOffline(true);
  await page.getByTestId('order-new').click();
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('ct 10 abc');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ion Ionescu');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('CT 10 ABC');
  await addLine(page, 'labour', 'Schimb plăcuțe frână', '2', '150');
  await addLine(page, 'material', 'Plăcuțe frână față', '1', '400');
  await expect(page.getByTestId('order-total')).toHaveText(lei('700,00'));
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  const links = page.getByTestId('portal-links');
  await links.getByTestId('portal-link-create').click();
  await expect(links.getByTestId('portal-link')).toHaveAttribute('data-state', 'pending');

  // Online: the order and the link reach the server; the link works.
  await context.setOffline(false);
  await synced(page);
  await expect(links.getByTestId('portal-link')).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
  const url = (await links.getByTestId('portal-link-url').innerText()).trim();
  expect(url).toMatch(/\/p\/[A-Za-z0-9_-]{43}$/);
  const whatsapp = await links.getByTestId('portal-link-whatsapp').getAttribute('href');
  expect(whatsapp).toContain('https://wa.me/');
  expect(decodeURIComponent(whatsapp ?? '')).toContain(url);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, test.info().outputPath('owner-order-link.png'), { fullPage: true });

  // The customer: a phone, no account, only the link.
  const customer = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const violations = recordCspViolations(customer);
  await violations.ready;
  try {
    const phone = await customer.newPage();
    const response = await phone.goto(new URL(url).pathname);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['x-robots-tag']).toContain('noindex');
    expect((await response?.body())?.length ?? 0).toBeLessThan(50 * 1024);
    await expect(phone.getByRole('heading', { name: 'Service Țăranu SRL' })).toBeVisible();
    await expect(phone.getByText('CT 10 ABC')).toBeVisible();
    await expectAccessible(phone, 'portal page');
    await screenshot(phone, test.info().outputPath('portal-phone.png'), { fullPage: true });

    const labour = phone.locator('li.line', { hasText: 'Schimb plăcuțe frână' });
    const part = phone.locator('li.line', { hasText: 'Plăcuțe frână față' });
    await labour.getByLabel('Aprob').check();
    await part.getByLabel('Refuz').check();
    await phone.getByLabel('Numele dumneavoastră').fill('Ion Ionescu');
    await phone.getByRole('button', { name: 'Confirm decizia' }).click();
    await expect(phone.getByRole('status')).toContainText('Decizia dumneavoastră a fost înregistrată');
    await expect(part.getByText('Refuzat')).toBeVisible();
    await expect(labour.getByText('Aprobat')).toBeVisible();
    await expectAccessible(phone, 'portal page after the decision');
    await screenshot(phone, test.info().outputPath('portal-phone-decided.png'), { fullPage: true });
    expect(violations.violations, 'the portal page\'s Content-Security-Policy violations').toEqual([]);
  } finally {
    await customer.close();
  }

  // The owner's page follows by itself: the marks, the decision and the totals without the declined part.
  await expect(page.locator('[data-testid="line-decision"][data-decision="respins"]')).toHaveCount(1, { timeout: 15_000 });
  await expect(page.locator('[data-testid="line-decision"][data-decision="aprobat"]')).toHaveCount(1);
  await expect(page.getByTestId('order-total')).toHaveText(lei('300,00'));
  await expect(page.getByTestId('portal-decision')).toContainText('Ion Ionescu');
  await expect(page.getByTestId('portal-decision-declined')).toContainText('Plăcuțe frână față');
  await screenshot(page, test.info().outputPath('owner-order-decided.png'), { fullPage: true });
});
