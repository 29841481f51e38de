import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { logIn, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

const shots = path.join(import.meta.dirname, '..', 'test-results');
const password = 'Rapoarte-Lunare-2026';
const mechanicPassword = 'Cheie-Tubulara-15';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** A mechanic (no `reports.read`) joins the company: a second seat from the operator, an invitation, accepted. */
async function inviteMechanic(api: APIRequestContext, owner: Page, email: string): Promise<void> {
  const session = JSON.parse((await owner.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string; tenant: { id: string } };
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const seats = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${operator.accessToken}` }, data: { limits: { maxUsers: 5 } },
  });
  expect(seats.status()).toBe(200);
  const invited = await api.post('/api/users/invitations', { headers: { authorization: `Bearer ${session.accessToken}` }, data: { email, role: 'mechanic' } });
  expect(invited.status()).toBe(201);
  const { token } = (await invited.json()) as { token: string };
  const accepted = await api.post('/api/auth/accept-invitation', { data: { token, password: mechanicPassword, name: 'Radu Mecanic' } });
  expect(accepted.status()).toBe(201);
}

/**
 * The month at a glance: the owner validates an order with one labour line and sees it in this month's
 * figures, chart and tables, on a phone and on a desktop; a mechanic has no reports.
 */
test('the owner sees the month at a glance on a phone and a desktop; a mechanic does not see reports', async ({ page, context, browser, server }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(phone);
  await page.goto('/');
  await signUp(page, `rapoarte-${randomUUID().slice(0, 8)}@service.ro`, password, 'Service Rapoarte SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  // One order, 2 hours at 150 lei, validated.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('B 21 RAP');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ioana Rapcea');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('B 21 RAP');
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Revizie');
  await line.getByTestId('line-qty').fill('2');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');

  await page.goto('/reports');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  const revenue = page.getByTestId('figure-revenue');
  await expect(page.getByTestId('figure-ordersValidated').getByTestId('figure-value')).toHaveText('1', { timeout: 20_000 });
  await expect(page.getByTestId('figure-labour').getByTestId('figure-value')).toContainText('300,00');
  await expect(revenue).toBeVisible();
  await expect(page.getByTestId('revenue-basis')).toBeVisible();
  await expect(page.getByTestId('chart-revenue').locator('canvas')).toBeVisible();
  await page.getByTestId('chart-split').locator('summary').click();
  await expect(page.getByTestId('chart-split-table')).toContainText('300,00');
  await screenshot(page, path.join(shots, 'reports-phone.png'), { fullPage: true });

  // The month before: nothing, and back.
  await page.getByTestId('period-previous').click();
  await expect(page.getByTestId('figure-ordersValidated').getByTestId('figure-value')).toHaveText('0');
  await page.getByTestId('period-this-month').click();
  await expect(page.getByTestId('figure-ordersValidated').getByTestId('figure-value')).toHaveText('1');

  await page.setViewportSize(desktop);
  await screenshot(page, path.join(shots, 'reports-desktop.png'), { fullPage: true });

  // A mechanic: no navigation entry, and the page refuses.
  const mechanicEmail = `mecanic-${randomUUID().slice(0, 8)}@service.ro`;
  await inviteMechanic(page.request, page, mechanicEmail);
  const mechanicDevice = await browser.newContext({ baseURL: server.baseURL, viewport: desktop });
  try {
    const mech = await mechanicDevice.newPage();
    await logIn(mech, mechanicEmail, mechanicPassword);
    await expect(mech.locator('a[href="/orders"]').first()).toBeVisible({ timeout: 20_000 });
    await expect(mech.locator('a[href="/reports"]')).toHaveCount(0);
    await mech.goto('/reports');
    await expect(mech.getByTestId('reports-forbidden')).toBeVisible({ timeout: 20_000 });
    await expect(mech.getByTestId('figure-revenue')).toHaveCount(0);
    await screenshot(mech, test.info().outputPath('reports-mechanic.png'));
  } finally {
    await mechanicDevice.close();
  }
});
