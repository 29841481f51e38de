import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';
import { superAdmin } from '../support/server';

/**
 * The owner texts a customer that the estimate is ready, from the order's page on a phone: the text comes
 * from the template with the portal's link, the composer counts characters, segments and cost, "without
 * diacritics" turns it into plain GSM text (160 characters a segment instead of 70), and the message is
 * queued, sent by the server at the next sync (the outbox provider) and listed with its status.
 */
test('the estimate-ready SMS from an order: template with the link, segments and cost, without diacritics, sent at sync and listed', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `sms-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Mesaje-2026', 'Service Șoseaua Nouă SRL');
  await waitForServiceWorker(page);
  // A new company tries Basic; SMS come with Pro, which the platform operator gives it.
  const api = context.request;
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };
  const patched = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data: { plan: 'pro' } });
  expect(patched.status()).toBe(200);
  await page.goto('/messages');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('main h2').first()).toHaveText('Mesaje');

  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('CJ 22 SMS');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ștefan Țăranu');
  await vehicle.getByTestId('vehicle-phone').fill('0722 123 456');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('CJ 22 SMS');
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Schimb ulei și filtre');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('250');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);

  const section = page.getByTestId('order-sms');
  await section.getByTestId('order-sms-open').click();
  const composer = section.getByTestId('sms-composer');
  await expect(composer.getByTestId('sms-phone')).toHaveValue('0722 123 456');
  const text = composer.getByTestId('sms-text');
  await expect(text).toHaveValue(/CJ 22 SMS/);
  // The portal's link of the order, made for the message.
  await expect(text).toHaveValue(/\/p\/[A-Za-z0-9_-]{43}/);
  // Romanian diacritics: UCS-2, 70 characters a segment; without them, GSM-7 and fewer segments.
  const meter = composer.getByTestId('sms-meter');
  await expect(meter).toContainText('Cu diacritice');
  const segments = async () => {
    // "… caractere · 3 SMS-uri · …" on the first line; the second says what one SMS holds.
    const count = (await meter.innerText()).split('\n')[0]?.split(' · ')[1] ?? '';
    return count === 'un SMS' ? 1 : Number(/^(\d+) (?:de )?SMS-uri$/.exec(count)?.[1] ?? NaN);
  };
  const before = await segments();
  expect(before).toBeGreaterThanOrEqual(3);
  await expectAccessible(page, 'sms composer (phone)');
  await screenshot(page, test.info().outputPath('sms-composer-phone.png'), { fullPage: true });
  await composer.getByTestId('sms-plain').click();
  await expect(text).not.toHaveValue(/[șțăâîȘȚĂÂÎ]/);
  await expect(meter).toContainText('Fără diacritice');
  expect(await segments()).toBeLessThan(before);

  await composer.getByTestId('sms-send').click();
  await expect(composer.getByTestId('sms-queued')).toBeVisible();
  // Sent by the server when the row syncs (the outbox provider), the status coming back by sync.
  const row = section.getByTestId('sms-row').first();
  await expect(row.getByTestId('sms-status')).toHaveText(/Trimis|Livrat/, { timeout: 30_000 });

  await page.goto('/messages');
  await expect(page.getByTestId('sms-row')).toHaveCount(1);
  await expect(page.getByTestId('sms-row').getByTestId('sms-status')).toHaveText(/Trimis|Livrat/);
  await expectAccessible(page, 'messages (phone)');
  await screenshot(page, test.info().outputPath('messages-phone.png'), { fullPage: true });
  await page.goto('/messages/settings');
  await expect(page.getByTestId('sms-settings')).toBeVisible();
  await expectAccessible(page, 'sms settings (phone)');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(page, 'sms settings (desktop)');
  await page.goto('/messages');
  await expectAccessible(page, 'messages (desktop)');
});
