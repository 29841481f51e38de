import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';
import { superAdmin } from '../support/server';

/** The shop's calendar day (Europe/Bucharest) of an instant. */
const shopDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date(iso));

/**
 * A new company on the Pro plan (appointments come with it), its SMS module switched off by the platform
 * operator so online bookings need no SMS code; the owner is left on the calendar.
 */
async function proCompany(page: Page): Promise<void> {
  await page.goto('/');
  await signUp(page, `online-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Programari-2026', 'Vulcanizare Online SRL');
  await waitForServiceWorker(page);
  const api = page.context().request;
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };
  const headers = { authorization: `Bearer ${operator.accessToken}` };
  const patched = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers, data: { plan: 'pro' } });
  expect(patched.status()).toBe(200);
  const off = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers, data: { modules: { sms: false } } });
  expect(off.status()).toBe(200);
  await page.goto('/appointments');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('appointments-page')).toBeVisible();
}

/**
 * The owner sets the week, a bay, an online service and a campaign, turns online bookings on, chooses
 * the booking page's address and makes the shop's calendar feed in the settings; a customer on a phone,
 * with no account, books on the page; the booking shows in the owner's open calendar without a reload;
 * the owner starts the order from it.
 */
test('online booking: the owner sets the page and the feed, a customer books on a phone, the shop sees it live and starts the order', async ({ page, browser, baseURL }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await proCompany(page);

  // Settings through the UI: Monday 08–12 and 13–17 copied to the working week, the weekend 08–12.
  await page.getByTestId('appointments-settings-link').click();
  const hours = page.getByTestId('settings-hours');
  await hours.getByTestId('hours-day-1').getByTestId('hours-add').click();
  await hours.getByTestId('hours-day-1').getByTestId('hours-add').click();
  await hours.getByTestId('hours-copy-monday').click();
  await hours.getByTestId('hours-day-6').getByTestId('hours-add').click();
  await hours.getByTestId('hours-day-7').getByTestId('hours-add').click();
  await hours.getByTestId('hours-save').click();
  await expect(hours.getByTestId('hours-saved')).toBeVisible();
  const bays = page.getByTestId('settings-bays');
  await bays.getByTestId('bay-new-name').fill('Post 1');
  await bays.getByTestId('bay-add').click();
  await expect(bays.getByTestId('bay')).toHaveCount(1);
  const services = page.getByTestId('settings-services');
  await services.getByTestId('service-name').fill('Schimb anvelope');
  await services.getByTestId('service-duration').fill('40');
  await expect(services.getByTestId('service-online')).toBeChecked();
  await services.getByTestId('service-add').click();
  await expect(services.getByTestId('service')).toHaveCount(1);
  const campaigns = page.getByTestId('settings-campaigns');
  await campaigns.getByTestId('campaign-new').click();
  await campaigns.getByTestId('campaign-name').fill('Anvelope de iarnă');
  await campaigns.getByTestId('campaign-slot').fill('20');
  await campaigns.getByTestId('campaign-save').click();
  await expect(campaigns.getByTestId('campaign')).toContainText('Anvelope de iarnă · Schimb anvelope');

  // The new section: online bookings still off, so the page is said to be closed.
  const online = page.getByTestId('settings-online');
  await expect(online.getByTestId('online-closed')).toBeVisible();
  const general = page.getByTestId('settings-general');
  await general.getByTestId('online-bookings').check();
  await general.getByTestId('setting-notice').fill('0');
  await general.getByTestId('general-save').click();
  await expect(general.getByTestId('general-saved')).toBeVisible();
  await expect(online.getByTestId('online-closed')).toHaveCount(0);

  // The address: typed loosely, sent as a slug; its full link with Open and Copy.
  const slug = `atelier-${randomUUID().slice(0, 6)}`;
  await expect(online.getByTestId('online-slug')).not.toHaveValue('');
  await online.getByTestId('online-slug').fill(` ${slug.toUpperCase()} `);
  await expect(online.getByTestId('online-slug-preview')).toContainText(slug);
  await online.getByTestId('online-slug-save').click();
  await expect(online.getByTestId('online-slug-saved')).toBeVisible();
  await expect(online.getByTestId('online-slug')).toHaveValue(slug);
  await expect(online.getByTestId('online-link')).toHaveText(`${new URL(baseURL ?? page.url()).origin}/b/${slug}`);
  await expect(online.getByTestId('online-open')).toHaveAttribute('href', new RegExp(`/b/${slug}$`));
  // A wrong address is explained before anything is sent.
  await online.getByTestId('online-slug').fill('ab');
  await online.getByTestId('online-slug-save').click();
  await expect(online.getByText('Adresa are cel puțin 3 caractere.')).toBeVisible();
  await online.getByTestId('online-slug').fill(slug);

  // The shop's calendar feed: its address shown once, answering a calendar.
  const shopFeed = online.getByTestId('online-feed').first();
  await shopFeed.getByTestId('online-feed-create').click();
  const feedUrl = (await shopFeed.getByTestId('online-feed-url').innerText()).trim();
  expect(feedUrl).toMatch(/\/api\/public\/calendar\/.+\.ics$/);
  await expect(shopFeed.getByText('Adaugă calendar → Din URL')).toBeVisible();
  await expect(shopFeed.getByTestId('online-feed-rotate')).toBeVisible();
  const feed = await page.request.get(feedUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  await expectAccessible(page, 'appointment settings with the online section (desktop)');

  // A customer on a phone, no account: the page opens once the settings have reached the server by sync.
  const customer = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await customer.newPage();
  await expect(async () => {
    const opened = await phone.goto(`/b/${slug}`);
    expect(opened?.status()).toBe(200);
    await expect(phone.getByRole('link', { name: /Schimb anvelope/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await phone.getByRole('link', { name: /Schimb anvelope/ }).click();
  await expect(phone.getByRole('heading', { name: 'Alegeți ora' })).toBeVisible();
  // The second free time of the week (the first may pass while the test runs): its day is the one the owner watches.
  const time = phone.locator('ul.slots a').nth(1);
  const href = (await time.getAttribute('href')) ?? '';
  const start = new URL(href, baseURL).searchParams.get('start') ?? '';
  expect(start).not.toBe('');
  const day = shopDay(start);

  await page.goto(`/appointments?date=${day}`);
  await page.getByTestId('calendar-view-day').click();
  await expect(page.getByTestId('calendar-column-head').first()).toHaveText('Post 1');

  await time.click();
  await phone.getByLabel('Nume').fill('Elena Dumitrescu');
  await phone.getByLabel('Telefon').fill('0744 123 456');
  await phone.getByLabel('Număr de înmatriculare').fill('CJ 12 ABC');
  await phone.getByRole('button', { name: 'Programează' }).click();
  await expect(phone.getByText('Programarea este confirmată. Vă așteptăm!')).toBeVisible();
  await customer.close();

  // The owner's calendar, left open on that day, shows the booking without a reload.
  const booked = page.getByTestId('calendar-appointment').filter({ hasText: 'Elena Dumitrescu' });
  await expect(booked).toBeVisible({ timeout: 30_000 });
  // The feed carries it too.
  await expect.poll(async () => (await page.request.get(feedUrl)).text()).toContain('Elena Dumitrescu');

  // One tap to the order: a draft with the customer and the plate.
  await booked.click();
  await expect(page).toHaveURL(/\/appointments\/[0-9a-f-]{36}$/);
  await page.getByTestId('appointment-start-order').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);
  await page.goto('/orders');
  const order = page.getByTestId('order-row').filter({ hasText: /CJ ?12 ?ABC/ });
  await expect(order).toContainText('Elena Dumitrescu');

  // A new address for the feed: the old one stops answering.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto('/appointments/settings');
  const section = page.getByTestId('settings-online');
  await section.getByTestId('online-feed').first().getByTestId('online-feed-rotate').click();
  const rotated = (await section.getByTestId('online-feed-url').innerText()).trim();
  expect(rotated).not.toBe(feedUrl);
  expect((await page.request.get(feedUrl)).status()).toBe(404);
  expect((await page.request.get(rotated)).status()).toBe(200);

  // The section on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await section.scrollIntoViewIfNeeded();
  await expectAccessible(page, 'online section (phone)');
  await screenshot(page, test.info().outputPath('appointments-online-settings-phone.png'), { fullPage: true });
  await section.screenshot({ path: test.info().outputPath('appointments-online-section-phone.png') });

  // Stopping the feed: its address answers 404 and the section offers to make one again.
  await section.getByTestId('online-feed').first().getByTestId('online-feed-revoke').click();
  await expect(section.getByTestId('online-feed').first().getByTestId('online-feed-create')).toBeVisible();
  expect((await page.request.get(rotated)).status()).toBe(404);
});
