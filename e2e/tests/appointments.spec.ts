import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';
import { superAdmin } from '../support/server';

/** The next Monday after today, in the shop's calendar (a working day for the grid). */
function nextMonday(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1); while (d.getUTCDay() !== 1);
  return d.toISOString().slice(0, 10);
}

async function proCompany(page: Page): Promise<void> {
  await page.goto('/');
  await signUp(page, `programari-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Programari-2026', 'Vulcanizare Programări SRL');
  await waitForServiceWorker(page);
  // Appointments come with Pro, which the platform operator gives the new company.
  const api = page.context().request;
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };
  const patched = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data: { plan: 'pro' } });
  expect(patched.status()).toBe(200);
  await page.goto('/appointments');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('appointments-page')).toBeVisible();
}

/**
 * The owner sets the shop's week, a bay, a service and a tyre campaign; books a customer by tapping the
 * day view; drags the appointment to another hour on a desktop; a second booking on the same bay shows as
 * a conflict on both; "Start the order" makes the draft order with the customer and plate; on a phone the
 * day view creates and opens appointments by taps.
 */
test('appointments: settings, tap to book, drag to move, conflicts, start the order, phone and desktop', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await proCompany(page);
  const monday = nextMonday();

  // Settings: Monday 08–12 and 13–17 (a lunch break), copied to the working week; two bays; a service; a campaign.
  await page.getByTestId('appointments-settings-link').click();
  const hours = page.getByTestId('settings-hours');
  await hours.getByTestId('hours-day-1').getByTestId('hours-add').click();
  await hours.getByTestId('hours-day-1').getByTestId('hours-add').click();
  await expect(hours.getByTestId('hours-day-1').getByTestId('hours-interval')).toHaveCount(2);
  await hours.getByTestId('hours-copy-monday').click();
  await expect(hours.getByTestId('hours-day-5').getByTestId('hours-interval')).toHaveCount(2);
  await hours.getByTestId('hours-save').click();
  await expect(hours.getByTestId('hours-saved')).toBeVisible();
  const bays = page.getByTestId('settings-bays');
  for (const name of ['Post 1', 'Post 2']) {
    await bays.getByTestId('bay-new-name').fill(name);
    await bays.getByTestId('bay-add').click();
    await expect(bays.getByTestId('bay')).toHaveCount(name === 'Post 1' ? 1 : 2);
  }
  const services = page.getByTestId('settings-services');
  await services.getByTestId('service-name').fill('Schimb anvelope');
  await services.getByTestId('service-duration').fill('40');
  await services.getByTestId('service-add').click();
  await expect(services.getByTestId('service')).toHaveCount(1);
  const campaigns = page.getByTestId('settings-campaigns');
  await campaigns.getByTestId('campaign-new').click();
  await campaigns.getByTestId('campaign-name').fill('Anvelope de iarnă');
  await campaigns.getByTestId('campaign-slot').fill('20');
  await campaigns.getByTestId('campaign-bay').first().check();
  await campaigns.getByTestId('campaign-save').click();
  await expect(campaigns.getByTestId('campaign')).toContainText('Anvelope de iarnă · Schimb anvelope');
  await expect(page.getByTestId('next-holidays').locator('li').first()).toBeVisible();
  await expectAccessible(page, 'appointment settings (desktop)');

  // The day view of next Monday: a tap on 09:00 of the first bay opens a new appointment there.
  await page.goto(`/appointments?date=${monday}`);
  await page.getByTestId('calendar-view-day').click();
  await expect(page.getByTestId('calendar-column-head').first()).toHaveText('Post 1');
  await page.getByTestId('calendar-column-0').getByTestId('calendar-free-09:00').click();
  await expect(page).toHaveURL(/\/appointments\/new\?/);
  const editor = page.getByTestId('appointment-editor');
  await expect(editor.getByTestId('appointment-start')).toHaveValue('09:00');
  await editor.getByTestId('appointment-name').fill('Ion Popescu');
  await editor.getByTestId('appointment-phone').fill('0722 111 222');
  await editor.getByTestId('appointment-plate').fill('b 123 abc');
  await editor.getByTestId('appointment-service').selectOption({ label: 'Schimb anvelope (40 min)' });
  await expect(editor.getByTestId('appointment-end')).toHaveValue('09:40');
  await expectAccessible(page, 'appointment editor (desktop)');
  await editor.getByTestId('appointment-save').click();
  await expect(page).toHaveURL(/\/appointments\?date=/);
  const first = page.getByTestId('calendar-appointment').filter({ hasText: 'Ion Popescu' });
  await expect(first).toContainText('09:00–09:40');

  // Drag it an hour down on the desktop (96 px an hour), snapped to 5 minutes.
  const box = await first.boundingBox();
  if (!box) throw new Error('no appointment box');
  await page.mouse.move(box.x + box.width / 2, box.y + 10);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 60, { steps: 5 });
  await page.mouse.move(box.x + box.width / 2, box.y + 10 + 96, { steps: 5 });
  await page.mouse.up();
  await expect(first).toContainText('10:00–10:40');
  await expect(page.getByTestId('calendar-message')).toHaveText('Programarea a fost mutată.');
  // Its bottom edge dragged 20 minutes down: it ends at 11:00 (snapped to 15 minutes of length).
  const moved = await first.boundingBox();
  if (!moved) throw new Error('no appointment box');
  await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height - 3);
  await page.mouse.down();
  await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height - 3 + 32, { steps: 5 });
  await page.mouse.up();
  await expect(first).toContainText('10:00–11:00');

  // A second appointment on the same bay at an overlapping time: warned, saved anyway, shown as a conflict on both.
  await page.getByTestId('calendar-column-0').getByTestId('calendar-free-11:00').click();
  await editor.getByTestId('appointment-start').fill('10:15');
  await editor.getByTestId('appointment-end').fill('11:00');
  await editor.getByTestId('appointment-name').fill('Maria Ionescu');
  await expect(editor.getByTestId('appointment-clash')).toContainText('Ion Popescu');
  await editor.getByTestId('appointment-save').click();
  await expect(editor.getByTestId('appointment-save')).toHaveText('Salvează oricum');
  await editor.getByTestId('appointment-save').click();
  await expect(page.getByTestId('calendar-conflict')).toHaveCount(1);
  await expect(page.locator('[data-testid="calendar-appointment"][data-conflict="1"]')).toHaveCount(2);
  await expectAccessible(page, 'calendar with a conflict (desktop)');
  await screenshot(page, test.info().outputPath('appointments-calendar-desktop.png'), { fullPage: true });

  // Start the order from the first appointment: a draft with the customer and plate; the appointment arrived and links to it.
  await first.click();
  await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
  await page.getByTestId('appointment-start-order').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);
  await page.goto('/orders');
  const order = page.getByTestId('order-row').filter({ hasText: 'B 123 ABC' });
  await expect(order).toContainText('Ion Popescu');
  await page.goto(`/appointments?date=${monday}`);
  await page.getByTestId('calendar-view-day').click();
  await first.click();
  await expect(page.getByTestId('appointment-status-value')).toHaveText('Sosit');
  await expect(page.getByTestId('appointment-order-link')).toContainText('Ciornă');

  // On a phone: the day view; a tap on free time creates, a tap on an appointment opens it.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/appointments?date=${monday}`);
  await expect(page.getByTestId('calendar-view-day')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('calendar-column-1').getByTestId('calendar-free-14:00').click();
  await editor.getByTestId('appointment-name').fill('Andrei Pop');
  await editor.getByTestId('appointment-save').click();
  const third = page.getByTestId('calendar-appointment').filter({ hasText: 'Andrei Pop' });
  await expect(third).toContainText('14:00–15:00');
  await expectAccessible(page, 'calendar (phone)');
  await screenshot(page, test.info().outputPath('appointments-calendar-phone.png'), { fullPage: true });
  await third.tap().catch(async () => third.click());
  await expect(editor.getByTestId('appointment-name')).toHaveValue('Andrei Pop');
});
