import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { fillCompanyProfile, logIn, signUp } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';
const mechanicPassword = 'Cheie-Franceza-12';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

/** The signed-in session this browser keeps (tokens, company). */
async function sessionOf(page: Page): Promise<{ accessToken: string; tenant: { id: string } }> {
  return JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string; tenant: { id: string } };
}

/**
 * A mechanic joins the company the way an invited person does: the platform operator gives the
 * company a second seat, the owner invites, the mechanic accepts with a password.
 */
async function inviteMechanic(api: APIRequestContext, owner: Page, email: string, name: string): Promise<void> {
  const session = await sessionOf(owner);
  const operator = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const seats = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${operator.accessToken}` },
    data: { limits: { maxUsers: 5 } },
  });
  expect(seats.status()).toBe(200);
  const invited = await api.post('/api/users/invitations', { headers: { authorization: `Bearer ${session.accessToken}` }, data: { email, role: 'mechanic' } });
  expect(invited.status()).toBe(201);
  const { token } = (await invited.json()) as { token: string };
  const accepted = await api.post('/api/auth/accept-invitation', { data: { token, password: mechanicPassword, name } });
  expect(accepted.status()).toBe(201);
}

/** The row of the catalog's mechanics list named `name`. */
function mechanicItem(page: Page, name: string): Locator {
  return page.getByTestId('catalog-section-mecanici').getByTestId('catalog-item').filter({ has: page.getByTestId('catalog-item-name').getByText(name, { exact: true }) });
}

async function addMechanic(page: Page, nume: string, prenume: string): Promise<void> {
  const section = page.getByTestId('catalog-section-mecanici');
  if (!(await section.getByTestId('catalog-add-form').isVisible())) await section.getByTestId('catalog-add').click();
  const form = section.getByTestId('catalog-add-form');
  await form.getByTestId('catalog-field-nume').fill(nume);
  await form.getByTestId('catalog-field-prenume').fill(prenume);
  await form.getByTestId('catalog-add-save').click();
  await expect(mechanicItem(page, `${nume} ${prenume}`)).toBeVisible();
}

/** A new order for a new vehicle, with one labour line, assigned to `mechanic` (none: unassigned); ends on the order's page. */
async function newOrder(page: Page, plate: string, owner: string, mechanic: string | null): Promise<void> {
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill(plate);
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill(owner);
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText(plate);
  if (mechanic) await page.getByTestId('order-mechanic').selectOption({ label: mechanic });
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Diagnoză');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

const rowOf = (page: Page, plate: string) => page.getByTestId('order-row').filter({ hasText: plate });

test("a mechanic's device holds the orders assigned to them: linked in the catalog, assigned on the order, gone when reassigned; no invoices", async ({ page, server, browser }) => {
  test.setTimeout(300_000);
  const owner = page;
  await owner.setViewportSize(desktop);
  await owner.goto('/');
  await signUp(owner, `patron-${randomUUID().slice(0, 8)}@service.ro`, password, 'Service Mecanica Fină SRL');
  const mechanicEmail = `ana-${randomUUID().slice(0, 8)}@service.ro`;
  await inviteMechanic(owner.request, owner, mechanicEmail, 'Ana Pop');

  // The owner puts two mechanics in the catalog; neither is linked to an account yet.
  await owner.goto('/catalog?tab=mecanici');
  await addMechanic(owner, 'Pop', 'Ana');
  await addMechanic(owner, 'Dinu', 'Dan');
  await synced(owner);

  // The mechanic signs in on their own phone. Not linked yet: a new order says so, and can still be made.
  const mechanicDevice = await browser.newContext({ baseURL: server.baseURL, viewport: phone });
  // Like the fixture's own context: a text no language has would show its key on the mechanic's phone.
  const missingTexts: string[] = [];
  mechanicDevice.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Missing text:')) missingTexts.push(message.text());
  });
  try {
    const mech = await mechanicDevice.newPage();
    await logIn(mech, mechanicEmail, mechanicPassword);
    await mech.goto('/orders/new');
    await synced(mech);
    await expect(mech.getByTestId('order-unlinked-mechanic')).toContainText('Contul dumneavoastră nu e legat de un mecanic din catalog');
    await expect(mech.getByTestId('order-mechanic-name')).toHaveText('Nealocată');
    await expect(mech.getByTestId('order-mechanic')).toHaveCount(0);
    await screenshot(mech, test.info().outputPath('mechanic-unlinked-phone.png'));

    // The owner links "Pop Ana" to the mechanic's account, in the catalog.
    const ana = mechanicItem(owner, 'Pop Ana');
    await ana.getByTestId('catalog-item-edit').click();
    const account = ana.getByTestId('catalog-field-user_id');
    await expect(account.locator('option', { hasText: mechanicEmail })).toHaveCount(1);
    await account.selectOption({ label: `Ana Pop (${mechanicEmail})` });
    await screenshot(owner, test.info().outputPath('catalog-link-account.png'));
    await ana.getByTestId('catalog-save').click();
    await expect(ana.getByTestId('catalog-item-details')).toHaveText(`Cont: Ana Pop (${mechanicEmail})`);
    // The other mechanic cannot take the same account.
    const dan = mechanicItem(owner, 'Dinu Dan');
    await dan.getByTestId('catalog-item-edit').click();
    await expect(dan.getByTestId('catalog-field-user_id').locator('option', { hasText: mechanicEmail })).toBeDisabled();
    await dan.getByTestId('catalog-item-edit').click();
    await synced(owner);

    // On the mechanic's phone the link arrives by itself: their new order is theirs from the start.
    await expect(mech.getByTestId('order-unlinked-mechanic')).toHaveCount(0, { timeout: 30_000 });
    await expect(mech.getByTestId('order-mechanic-name')).toHaveText('Pop Ana');

    // The owner writes two orders and gives one to Ana.
    await newOrder(owner, 'B 11 MEC', 'Client Alocat', 'Pop Ana');
    await expect(owner.getByTestId('order-mechanic')).toHaveValue(/[0-9a-f-]{36}/);
    await newOrder(owner, 'B 22 ALT', 'Client Nealocat', null);
    await owner.goto('/orders');
    await expect(rowOf(owner, 'B 11 MEC').getByTestId('order-row-mechanic')).toHaveText('Mecanic: Pop Ana');
    await expect(rowOf(owner, 'B 22 ALT').getByTestId('order-row-mechanic')).toHaveCount(0);
    await owner.getByTestId('order-filter-mechanic').selectOption({ label: 'Pop Ana' });
    await expect(owner.getByTestId('order-row')).toHaveCount(1);
    await expect(rowOf(owner, 'B 11 MEC')).toBeVisible();
    await owner.getByTestId('order-filter-mechanic').selectOption({ label: 'Nealocate' });
    await expect(owner.getByTestId('order-row')).toHaveCount(1);
    await expect(rowOf(owner, 'B 22 ALT')).toBeVisible();
    await owner.getByTestId('order-filter-mechanic').selectOption({ label: 'Toți mecanicii' });
    await expect(owner.getByTestId('order-row')).toHaveCount(2);
    await owner.setViewportSize(phone);
    await screenshot(owner, test.info().outputPath('owner-orders-phone.png'));
    await owner.setViewportSize(desktop);
    await synced(owner);

    // The mechanic sees only the order assigned to them, and nothing of invoices.
    await mech.goto('/orders');
    await expect(mech.getByTestId('orders-title')).toHaveText('Comenzile mele');
    await expect(rowOf(mech, 'B 11 MEC')).toBeVisible({ timeout: 30_000 });
    await expect(mech.getByTestId('order-row')).toHaveCount(1, { timeout: 30_000 });
    await expect(mech.getByTestId('order-filter-mechanic')).toHaveCount(0);
    await screenshot(mech, test.info().outputPath('mechanic-orders-phone.png'));
    await mech.getByTestId('nav-more').click();
    await expect(mech.locator('a[href="/invoices"]')).toHaveCount(0);
    await mech.getByTestId('nav-more').click();
    await mech.setViewportSize(desktop);
    await expect(mech.getByRole('link', { name: 'Catalog' }).first()).toBeVisible();
    await expect(mech.locator('a[href="/invoices"]')).toHaveCount(0);
    await screenshot(mech, test.info().outputPath('mechanic-orders-desktop.png'));
    await rowOf(mech, 'B 11 MEC').click();
    await expect(mech.getByTestId('order-mechanic-name')).toHaveText('Pop Ana');
    await expect(mech.getByTestId('order-invoice')).toHaveCount(0);
    await mech.goto('/');
    await expect(mech.locator('a[href="/invoices"]')).toHaveCount(0);
    await mech.goto('/company');
    await expect(mech.getByTestId('series-none')).toHaveCount(0);
    await mech.setViewportSize(phone);
    await mech.goto('/orders');

    // The owner validates the order and gives it to Dan: a validated order's mechanic can still change.
    await owner.goto('/orders');
    await rowOf(owner, 'B 11 MEC').click();
    await owner.getByTestId('order-validate').click();
    await expect(owner.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await owner.getByTestId('order-mechanic').selectOption({ label: 'Dinu Dan' });
    await expect(owner.getByTestId('order-assignment-error')).toHaveCount(0);
    await synced(owner);
    await owner.reload();
    await expect(owner.getByTestId('order-mechanic').locator('option:checked')).toHaveText('Dinu Dan');

    // The mechanic's phone loses it (the server takes it out of what they read).
    await expect(rowOf(mech, 'B 11 MEC')).toHaveCount(0, { timeout: 30_000 });
    await expect(mech.getByTestId('order-list-empty')).toBeVisible();

    // An invoiced order of Ana's names an invoice her device does not have: its page still works.
    await fillCompanyProfile(owner, { nume: 'Service Mecanica Fină SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B', 'serie-implicita': 'MEC' });
    await owner.getByTestId('series-create').click();
    await expect(owner.getByTestId('series-row')).toContainText('MEC');
    await owner.goto('/orders');
    await rowOf(owner, 'B 22 ALT').click();
    await owner.getByTestId('order-mechanic').selectOption({ label: 'Pop Ana' });
    await owner.getByTestId('order-validate').click();
    await expect(owner.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
    await owner.getByTestId('order-invoice').click();
    // The form is filled from the order first: a choice made before that would be undone by it.
    await expect(owner.getByTestId('buyer-name')).toHaveValue('Client Nealocat');
    await owner.getByTestId('buyer-pf').check({ force: true });
    await owner.getByTestId('buyer-address').fill('Str. Morilor 3');
    await owner.getByTestId('buyer-city').fill('Sector 2');
    await owner.getByTestId('buyer-county').selectOption('B');
    await owner.getByTestId('invoice-issue').click();
    await expect(owner).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
    await synced(owner);

    await rowOf(mech, 'B 22 ALT').click({ timeout: 30_000 });
    await expect(mech.getByTestId('order-status')).toHaveAttribute('data-status', 'FACTURAT', { timeout: 30_000 });
    await expect(mech.getByTestId('order-mechanic-name')).toHaveText('Pop Ana');
    await expect(mech.getByTestId('order-view-invoice')).toHaveCount(0);
    await expect(mech.getByTestId('order-invoice')).toHaveCount(0);
    await expect(mech.getByTestId('order-deviz-pdf')).toBeEnabled();
    await screenshot(mech, test.info().outputPath('mechanic-invoiced-order-phone.png'));
    await mech.setViewportSize(desktop);
    await expectAccessible(mech, 'invoiced order of a mechanic (desktop)');
    expect(missingTexts, "texts missing on the mechanic's device").toEqual([]);
  } finally {
    await mechanicDevice.close();
  }
});
