import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { addLocation, fillCompanyProfile, logIn, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';
import { superAdmin } from '../support/server';

const password = 'Garaj-Panou-2026';
const mechanicPassword = 'Cheie-Franceza-12';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

/** The shop's day (Bucharest), `days` from today, as YYYY-MM-DD. */
function shopDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date());
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

/** A new order for a new vehicle with one labour line, saved; ends on the order's page. */
async function newOrder(page: Page, plate: string, owner: string): Promise<void> {
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill(plate);
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill(owner);
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText(plate);
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Diagnoză');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

/** A standalone invoice of `price` lei (before VAT) to a company, dated `date`, due `due`. */
async function issue(page: Page, price: string, date: string, due: string): Promise<void> {
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Bd. Unirii 10');
  await page.getByTestId('buyer-city').fill('Sector 3');
  await page.getByTestId('buyer-county').selectOption('B');
  await page.getByTestId('invoice-date').fill(date);
  await page.getByTestId('invoice-supply-date').fill(date);
  await page.getByTestId('invoice-due-date').fill(due);
  await page.getByTestId('invoice-line-desc').fill('Reparație');
  await page.getByTestId('invoice-line-price').fill(price);
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
}

/** An appointment today at `hour`:00 (no bay, no mechanic: it clashes with nothing), for `name`, booked from the editor. */
async function book(page: Page, hour: number, name: string): Promise<void> {
  await page.goto(`/appointments/new?date=${shopDay()}&start=${hour * 60}`);
  const editor = page.getByTestId('appointment-editor');
  await editor.getByTestId('appointment-name').fill(name);
  await editor.getByTestId('appointment-save').click();
  await expect(page).toHaveURL(/\/appointments\?date=/);
}

/** A mechanic joins the company: a second seat from the platform operator, the owner's invitation, accepted. */
async function inviteMechanic(api: APIRequestContext, owner: Page, email: string): Promise<void> {
  const session = JSON.parse((await owner.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string; tenant: { id: string } };
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const seats = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, { headers: { authorization: `Bearer ${operator.accessToken}` }, data: { limits: { maxUsers: 5 } } });
  expect(seats.status()).toBe(200);
  const invited = await api.post('/api/users/invitations', { headers: { authorization: `Bearer ${session.accessToken}` }, data: { email, role: 'mechanic' } });
  expect(invited.status()).toBe(201);
  const { token } = (await invited.json()) as { token: string };
  const accepted = await api.post('/api/auth/accept-invitation', { data: { token, password: mechanicPassword, name: 'Ana Pop' } });
  expect(accepted.status()).toBe(201);
}

/** Goes home and opens the figure `id`; the list it opens is checked by the caller. */
async function openFigure(page: Page, id: string): Promise<void> {
  await page.goto('/');
  await page.getByTestId(`home-${id}`).click();
}

/**
 * The home page shows the day's figures, each a link to its filtered list: today's appointments, today's
 * orders and those awaiting approval, unpaid and overdue invoices, low stock. On a phone they sit two a row;
 * each list opens with as many rows as its figure said. A mechanic sees only what their role reads.
 */
test("the home page's figures of the day: the right numbers, each opening its list; a mechanic sees only theirs", async ({ page, context, browser, server }) => {
  test.setTimeout(480_000);
  await page.setViewportSize(phone);
  await page.goto('/');
  await signUp(page, `panou-${randomUUID().slice(0, 8)}@service.ro`, password, 'Service Panou SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  // The seller on invoices, and the device's invoice series.
  await fillCompanyProfile(page, { nume: 'Service Panou SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B', 'serie-implicita': 'PAN' });
  await page.getByTestId('series-create').click();
  await expect(page.getByTestId('series-row')).toContainText('PAN');

  // Two appointments today; two orders today, one of them validated (no longer awaiting approval).
  await book(page, 10, 'Ion Popescu');
  await book(page, 11, 'Maria Ionescu');
  await newOrder(page, 'B 11 PAN', 'Client Unu');
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await newOrder(page, 'B 22 PAN', 'Client Doi');

  // Two unpaid invoices, one of them past its due date.
  await issue(page, '1000', shopDay(-20), shopDay(-10));
  await issue(page, '500', shopDay(), shopDay(15));

  // A product with a minimum of 2 and nothing in stock.
  await addLocation(page, 'Magazie');
  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-min').fill('2');
  await page.getByTestId('product-code').fill('FU-100');
  await page.getByTestId('product-name').fill('Filtru ulei');
  await page.getByTestId('product-price').fill('45');
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);

  // The home page on a phone: the figures, two a row.
  await page.goto('/');
  const figures = page.getByTestId('home-figures');
  await expect(page.getByTestId('count-appointments')).toHaveText('2');
  await expect(page.getByTestId('hint-appointments')).toContainText('10:00');
  await expect(page.getByTestId('count-orders-today')).toHaveText('2');
  await expect(page.getByTestId('count-orders-awaiting')).toHaveText('1');
  await expect(page.getByTestId('count-unpaid')).toHaveText('2');
  // 1 000 + 500 lei and 21 % VAT: 1 815,00 lei, of which the first invoice's 1 210,00 lei is overdue.
  await expect(page.getByTestId('hint-unpaid')).toContainText('1.815,00');
  await expect(page.getByTestId('count-overdue')).toHaveText('1');
  await expect(page.getByTestId('hint-overdue')).toContainText('1.210,00');
  await expect(page.getByTestId('count-reorder')).toHaveText('1');
  const tiles = figures.locator('a');
  await expect(tiles).toHaveCount(6);
  const [first, second, third] = await Promise.all([0, 1, 2].map((i) => tiles.nth(i).boundingBox()));
  expect(first?.y).toBe(second?.y);
  expect(third?.y ?? 0).toBeGreaterThan(first?.y ?? 0);
  await screenshot(page, test.info().outputPath('dashboard-phone.png'), { fullPage: true });

  // Each figure opens its list, filtered to what it counted.
  await openFigure(page, 'orders-today');
  await expect(page).toHaveURL(/\/orders\?period=today$/);
  await expect(page.getByTestId('order-row')).toHaveCount(2);
  await openFigure(page, 'orders-awaiting');
  await expect(page).toHaveURL(/\/orders\?status=DRAFT$/);
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText('B 22 PAN');
  await expect(page.locator('[data-testid="order-filter-status"][data-value="DRAFT"]')).toHaveAttribute('aria-pressed', 'true');
  await openFigure(page, 'unpaid');
  await expect(page).toHaveURL(/\/receivables$/);
  await expect(page.getByTestId('receivable')).toHaveCount(2);
  await expect(page.getByTestId('receivables-total')).toContainText('1.815,00');
  await openFigure(page, 'overdue');
  await expect(page).toHaveURL(/\/receivables\?overdue=1$/);
  await expect(page.getByTestId('receivables-overdue')).toBeChecked();
  await expect(page.getByTestId('receivable')).toHaveCount(1);
  await openFigure(page, 'appointments');
  await expect(page).toHaveURL(new RegExp(`/appointments\\?date=${shopDay()}$`));
  await page.getByTestId('calendar-view-day').click();
  await expect(page.getByTestId('calendar-appointment')).toHaveCount(2);
  await openFigure(page, 'reorder');
  await expect(page).toHaveURL(/\/warehouse\/reorder$/);
  await expect(page.getByTestId('reorder-line')).toHaveCount(1);

  // On a desktop the figures sit four a row.
  await page.setViewportSize(desktop);
  await page.goto('/');
  await expect(page.getByTestId('count-orders-today')).toHaveText('2');
  await screenshot(page, test.info().outputPath('dashboard-desktop.png'));
  await synced(page);

  // A mechanic on their phone: the calendar and the stock, their own orders (none given to them yet), no invoices.
  const mechanicEmail = `ana-${randomUUID().slice(0, 8)}@service.ro`;
  await inviteMechanic(page.request, page, mechanicEmail);
  const mechanicDevice = await browser.newContext({ baseURL: server.baseURL, viewport: phone });
  const missingTexts: string[] = [];
  mechanicDevice.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Missing text:')) missingTexts.push(message.text());
  });
  try {
    const mech = await mechanicDevice.newPage();
    await logIn(mech, mechanicEmail, mechanicPassword);
    await synced(mech);
    await expect(mech.getByTestId('count-appointments')).toHaveText('2');
    await expect(mech.getByTestId('count-reorder')).toHaveText('1');
    await expect(mech.getByTestId('count-orders-today')).toHaveText('0');
    await expect(mech.getByTestId('count-orders-awaiting')).toHaveText('0');
    await expect(mech.getByTestId('home-unpaid')).toHaveCount(0);
    await expect(mech.getByTestId('home-overdue')).toHaveCount(0);
    await expectAccessible(mech, "the mechanic's home page");
    await screenshot(mech, test.info().outputPath('dashboard-mechanic-phone.png'), { fullPage: true });
  } finally {
    await mechanicDevice.close();
  }
  expect(missingTexts).toEqual([]);
});
