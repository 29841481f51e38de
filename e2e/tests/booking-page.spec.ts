import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';
import { superAdmin } from '../support/server';

/**
 * A customer books on the shop's booking page on a phone, with no account, on pages without any script: a service,
 * a free time of the week, the form (a mistake marked, then fixed), the confirmation with the calendar
 * file, and a cancellation from the private link. Each page is checked with axe. The shop's data (hours,
 * bays, a service, its address) is set through the API as its devices would push it.
 */
test('a customer books a time on a phone without an account, on pages without script, then cancels it from the private link', async ({ browser, baseURL, playwright }) => {
  test.setTimeout(120_000);
  const api = await playwright.request.newContext({ baseURL });
  const email = `booking-${randomUUID().slice(0, 8)}@service.ro`;
  const password = 'Garaj-Programari-2026';
  const registered = await api.post('/api/auth/register', { data: { email, password, company: { name: 'Vulcanizare Ștefan SRL' }, seedCatalog: false } });
  expect(registered.status()).toBe(201);
  const tenantId = ((await registered.json()) as { tenant: { id: string } }).tenant.id;
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const patched = await api.patch(`/api/admin/tenants/${tenantId}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data: { plan: 'pro' } });
  expect(patched.status()).toBe(200);
  // The plan includes SMS; this shop books without the code step, so its SMS module is switched off.
  const off = await api.patch(`/api/admin/tenants/${tenantId}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data: { modules: { sms: false } } });
  expect(off.status()).toBe(200);
  const owner = (await (await api.post('/api/auth/login', { data: { email, password } })).json()) as { accessToken: string };
  const auth = { authorization: `Bearer ${owner.accessToken}` };
  const serviceId = randomUUID();
  const rows: { table: string; rowId?: string; data: Record<string, unknown> }[] = [
    { table: 'company_profile', data: { nume: 'Vulcanizare Ștefan SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', telefon: '0722 000 111' } },
    { table: 'appointment_settings', data: { suprapuneri: 'warn', confirmare_auto: 1, rezervari_online: 1, pas_minute: 30, orizont_zile: 21, avans_minute: 0, inchis_sarbatori: 0, reminder_ora: null } },
    ...[1, 2, 3, 4, 5, 6, 7].map((zi) => ({ table: 'appointment_hours', data: { zi, de_la: '08:00', pana_la: '18:00' } })),
    { table: 'appointment_bays', data: { nume: 'Post 1', ordine: 0, activ: 1 } },
    { table: 'appointment_services', rowId: serviceId, data: { nume: 'Schimb anvelope', durata_minute: 60, tip_deviz_id: null, online: 1, activ: 1 } },
  ];
  const pushed = await api.post('/api/sync/push', {
    headers: auth,
    data: { clientId: randomUUID(), schemaVersion: 1, mutations: rows.map((r, i) => ({ id: i + 1, op: 'upsert', table: r.table, rowId: r.rowId ?? randomUUID(), data: r.data })) },
  });
  expect(pushed.status()).toBe(200);
  const slug = `stefan-${randomUUID().slice(0, 6)}`;
  expect((await api.put('/api/appointments/booking-page', { headers: auth, data: { slug } })).status()).toBe(200);

  const customer = await browser.newContext({ baseURL, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const phone = await customer.newPage();
  const first = await phone.goto(`/b/${slug}`);
  expect(first?.status()).toBe(200);
  await expect(phone.getByRole('heading', { name: 'Vulcanizare Ștefan SRL' })).toBeVisible();
  // No script at all: every step is a link or a form (axe below runs through the browser's tooling).
  await expect(phone.locator('script')).toHaveCount(0);
  await expectAccessible(phone, 'booking page: services');
  await phone.getByRole('link', { name: /Schimb anvelope/ }).click();
  await expect(phone.getByRole('heading', { name: 'Alegeți ora' })).toBeVisible();
  await expectAccessible(phone, 'booking page: free times');
  await screenshot(phone, test.info().outputPath('booking-times-phone.png'), { fullPage: true });
  // The second free time of the week (the first may pass while the test runs).
  const time = phone.locator('ul.slots a').nth(1);
  const label = (await time.innerText()).trim();
  await time.click();
  await expect(phone.getByText(new RegExp(`Schimb anvelope: .*ora ${label}`))).toBeVisible();
  await expectAccessible(phone, 'booking page: form');

  await phone.getByLabel('Nume').fill('Ion Ionescu');
  await phone.getByLabel('Telefon').fill('12');
  await phone.getByLabel('Număr de înmatriculare').fill('CJ 12 ABC');
  await phone.getByRole('button', { name: 'Programează' }).click();
  await expect(phone.getByText('Verificați numărul de telefon')).toBeVisible();
  await expectAccessible(phone, 'booking page: form with a mistake');
  await phone.getByLabel('Telefon').fill('0744 123 456');
  await phone.getByRole('button', { name: 'Programează' }).click();
  await expect(phone.getByText('Programarea este confirmată. Vă așteptăm!')).toBeVisible();
  await expect(phone).toHaveURL(new RegExp(`/b/${slug}/a/[A-Za-z0-9_-]{43}`));
  await expect(phone.getByRole('link', { name: 'Adaugă în calendar (.ics)' })).toBeVisible();
  expect(await phone.getByRole('link', { name: 'Scrieți-ne pe WhatsApp' }).getAttribute('href')).toContain('https://wa.me/40722000111');
  await expectAccessible(phone, 'booking page: confirmation');
  await screenshot(phone, test.info().outputPath('booking-confirmed-phone.png'), { fullPage: true });

  await phone.getByRole('button', { name: 'Anulează programarea' }).click();
  await expect(phone.getByText('Programarea a fost anulată.')).toBeVisible();
  await expect(phone.getByText('Anulată', { exact: true })).toBeVisible();
  await customer.close();
  await api.dispose();
});
