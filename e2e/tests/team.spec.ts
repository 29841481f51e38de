import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { signUp } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

const password = 'Garaj-Constanta-7';
const mechanicPassword = 'Cheie-Franceza-12';
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };
const company = 'Service Echipa Unită SRL';

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

async function sessionOf(page: Page): Promise<{ accessToken: string; tenant: { id: string } }> {
  return JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string; tenant: { id: string } };
}

/**
 * The platform operator sets the company's seat limit (what a plan change would do), and the app takes
 * new tokens for it at its next sync. Waiting for them matters: a page reloaded while that refresh is in
 * flight loses the rotated token, and the spent one it still holds then ends the sign-in.
 */
async function setSeats(page: Page, maxUsers: number): Promise<void> {
  const refreshed = page.waitForResponse((r) => r.url().endsWith('/api/auth/refresh') && r.request().method() === 'POST', { timeout: 30_000 });
  const session = await sessionOf(page);
  const operator = (await (await page.request.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const changed = await page.request.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${operator.accessToken}` },
    data: { limits: { maxUsers } },
  });
  expect(changed.status()).toBe(200);
  expect((await refreshed).status()).toBe(200);
}

const userRow = (page: Page, email: string): Locator => page.locator(`[data-testid="team-user"][data-email="${email}"]`);
const rowOf = (page: Page, plate: string) => page.getByTestId('order-row').filter({ hasText: plate });

/** A new order for a new vehicle with one labour line, assigned to `mechanic` (none: unassigned). */
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
  await line.getByTestId('line-desc').fill('Schimb ulei');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('120');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
}

test('the owner invites a mechanic by link; the mechanic joins on a phone, sees only their orders, and is shut out once deactivated', async ({ page, server, browser }) => {
  // Two browsers, a sign-up, a join and two orders: minutes on a busy 2-core machine.
  test.setTimeout(420_000);
  const owner = page;
  await owner.setViewportSize(desktop);
  const ownerEmail = `patron-${randomUUID().slice(0, 8)}@service.ro`;
  await owner.goto('/account/signup');
  await owner.getByTestId('signup-company').fill(company);
  await owner.getByTestId('signup-name').fill('Maria Popescu');
  await owner.getByTestId('signup-email').fill(ownerEmail);
  await owner.getByTestId('signup-password').fill(password);
  await owner.getByTestId('signup-submit').click();
  await expect(owner.getByTestId('signup-done')).toBeVisible({ timeout: 30_000 });

  // The trial's plan has one seat, taken by the owner: the page says so and names the plan with more.
  await owner.getByRole('link', { name: 'Echipă' }).first().click();
  await expect(owner).toHaveURL(/\/team$/);
  await expect(owner.getByTestId('team-seat-count')).toHaveText('1 din 1 utilizator');
  await expect(owner.getByTestId('team-seats-full')).toContainText('Ați ajuns la limita planului');
  await expect(owner.getByTestId('team-more-plan')).toHaveText('Planul Pro permite 3 utilizatori.');
  await expect(owner.getByTestId('team-see-plans')).toHaveAttribute('href', '/plan');
  await expect(owner.getByTestId('team-invite-send')).toBeDisabled();
  const me = userRow(owner, ownerEmail);
  await expect(me.getByTestId('team-user-name')).toContainText('Maria Popescu');
  await expect(me.getByTestId('team-user-role')).toHaveText('Proprietar');
  await expect(me.getByTestId('team-user-deactivate')).toHaveCount(0);
  await screenshot(owner, test.info().outputPath('team-full-desktop.png'), { fullPage: true });
  await owner.setViewportSize(phone);
  await screenshot(owner, test.info().outputPath('team-full-phone.png'), { fullPage: true });
  await owner.setViewportSize(desktop);

  // With a second seat the owner invites a mechanic and gets the link.
  await setSeats(owner, 2);
  await owner.reload();
  await expect(owner.getByTestId('team-seat-count')).toHaveText('1 din 2 utilizatori');
  const mechanicEmail = `ana-${randomUUID().slice(0, 8)}@service.ro`;
  await owner.getByTestId('team-invite-email').fill(mechanicEmail);
  await owner.getByTestId('team-invite-role').selectOption('mechanic');
  await owner.getByTestId('team-invite-send').click();
  await expect(owner.getByTestId('team-notice')).toContainText(mechanicEmail);
  const link = await owner.getByTestId('team-link-url').inputValue();
  expect(link).toMatch(new RegExp(`^${server.baseURL}/account/join#[A-Za-z0-9_-]{20,}$`));
  const whatsapp = await owner.getByTestId('team-link-whatsapp').getAttribute('href');
  expect(new URL(whatsapp ?? '').searchParams.get('text')).toContain(link);
  await owner.getByTestId('team-link-qr').click();
  await expect(owner.getByTestId('team-link-qr-code').locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect(owner.getByTestId('team-seat-count')).toHaveText('2 din 2 utilizatori');
  await expect(owner.getByTestId('team-seats-full')).toBeVisible();
  await expect(owner.locator(`[data-testid="team-invitation"][data-email="${mechanicEmail}"]`)).toContainText('Mecanic');
  await screenshot(owner, test.info().outputPath('team-link-desktop.png'), { fullPage: true });
  await owner.setViewportSize(phone);
  await screenshot(owner, test.info().outputPath('team-link-phone.png'), { fullPage: true });
  await owner.setViewportSize(desktop);
  // The token is never in what the server is asked for: only in the hash.
  expect(server.output()).not.toContain(new URL(link).hash.slice(1));

  const mechanicDevice = await browser.newContext({ baseURL: server.baseURL, viewport: phone });
  const missingTexts: string[] = [];
  mechanicDevice.on('console', (message) => {
    if (message.type() === 'error' && message.text().startsWith('Missing text:')) missingTexts.push(message.text());
  });
  try {
    // The mechanic opens the link on their own phone: company and role, a name and a password.
    const mech = await mechanicDevice.newPage();
    await mech.goto(link);
    await expect(mech.getByTestId('join-invited')).toHaveText(`Ați fost invitat în firma ${company} ca Mecanic.`);
    await expect(mech.getByTestId('join-email')).toContainText(mechanicEmail);
    await mech.getByTestId('join-name').fill('Ana Pop');
    await mech.getByTestId('join-password').fill('ana12');
    await expect(mech.getByText('Cel puțin 10 caractere.')).toBeVisible();
    await screenshot(mech, test.info().outputPath('join-phone.png'), { fullPage: true });
    await mech.setViewportSize(desktop);
    await screenshot(mech, test.info().outputPath('join-desktop.png'), { fullPage: true });
    await mech.setViewportSize(phone);
    await mech.getByTestId('join-password').fill(mechanicPassword);
    await mech.getByTestId('join-submit').click();
    await mech.waitForURL((url) => url.pathname === '/', { timeout: 30_000 });
    await synced(mech);
    // A mechanic has no team page.
    await expect(mech.locator('a[href="/team"]')).toHaveCount(0);

    // The link is spent: opened again, it says so.
    const again = await owner.context().newPage();
    await again.goto(link);
    await expect(again.getByTestId('join-refused')).toContainText('Invitația a fost deja folosită');
    await expectAccessible(again, 'a used invitation link');
    await again.close();

    // The owner sees Ana in the team, links her to a mechanic of the catalog and gives her one of two orders.
    await owner.reload();
    const ana = userRow(owner, mechanicEmail);
    await expect(ana.getByTestId('team-user-name')).toContainText('Ana Pop');
    await expect(ana.getByTestId('team-user-role')).toHaveText('Mecanic');
    await expect(ana.getByTestId('team-user-state')).toHaveText('Activ');
    await expect(owner.getByTestId('team-seat-count')).toHaveText('2 din 2 utilizatori');
    await owner.goto('/catalog?tab=mecanici');
    const section = owner.getByTestId('catalog-section-mecanici');
    if (!(await section.getByTestId('catalog-add-form').isVisible())) await section.getByTestId('catalog-add').click();
    const form = section.getByTestId('catalog-add-form');
    await form.getByTestId('catalog-field-nume').fill('Pop');
    await form.getByTestId('catalog-field-prenume').fill('Ana');
    await form.getByTestId('catalog-add-save').click();
    const item = section.getByTestId('catalog-item').filter({ has: owner.getByTestId('catalog-item-name').getByText('Pop Ana', { exact: true }) });
    await item.getByTestId('catalog-item-edit').click();
    await item.getByTestId('catalog-field-user_id').selectOption({ label: `Ana Pop (${mechanicEmail})` });
    await item.getByTestId('catalog-save').click();
    await expect(item.getByTestId('catalog-item-details')).toHaveText(`Cont: Ana Pop (${mechanicEmail})`);
    await newOrder(owner, 'CT 11 ANA', 'Client Ana', 'Pop Ana');
    await newOrder(owner, 'CT 22 ALT', 'Client Altul', null);
    await synced(owner);

    await mech.goto('/orders');
    await expect(mech.getByTestId('orders-title')).toHaveText('Comenzile mele');
    await expect(rowOf(mech, 'CT 11 ANA')).toBeVisible({ timeout: 30_000 });
    await expect(mech.getByTestId('order-row')).toHaveCount(1);

    // The mechanic's day, on the home page: their orders, and from the phone a line and a note on one.
    await mech.goto('/');
    await expect(mech.getByTestId('my-orders-title')).toHaveText('Comenzile mele');
    await expect(mech.getByTestId('dashboard-month-total')).toHaveCount(0);
    await expect(mech.getByTestId('dashboard-open').getByTestId('order-row')).toHaveCount(1);
    await screenshot(mech, test.info().outputPath('my-orders-phone.png'), { fullPage: true });
    await mech.getByTestId('dashboard-open').getByTestId('order-row').filter({ hasText: 'CT 11 ANA' }).click();
    await mech.getByTestId('order-edit').click();
    await mech.getByTestId('order-notes').fill('Filtrul de aer e și el de schimbat.');
    await mech.getByTestId('order-add-labour').click();
    const line = mech.locator('[data-section="manopera"] [data-testid="order-line"]').last();
    await line.getByTestId('line-desc').fill('Schimb filtru aer');
    await line.getByTestId('line-qty').fill('1');
    await line.getByTestId('line-price').fill('40');
    await expect(mech.getByTestId('order-save-state')).toHaveText('Salvat');
    await mech.getByTestId('order-save').click();
    await expect(mech.getByTestId('order-notes')).toHaveText('Filtrul de aer e și el de schimbat.');
    await synced(mech);
    await owner.goto('/orders');
    await rowOf(owner, 'CT 11 ANA').click();
    await expect(owner.getByTestId('order-notes')).toHaveText('Filtrul de aer e și el de schimbat.', { timeout: 30_000 });
    await expect(owner.getByText('Schimb filtru aer', { exact: true })).toBeVisible();

    // Ana forgot her password: the owner sends her a new-password link, shown here too to hand over.
    await owner.goto('/team');
    await userRow(owner, mechanicEmail).getByTestId('team-user-reset-password').click();
    await expect(owner.getByTestId('team-notice')).toContainText(`I-am trimis lui Ana Pop pe e-mail (${mechanicEmail})`);
    await expect(owner.getByTestId('team-link')).toContainText('Link pentru parola nouă');
    await expect(owner.getByTestId('team-link-url')).toHaveValue(/\/account\/reset#[\w-]{20,}$/);
    await expect(owner.getByTestId('team-link-whatsapp')).toHaveAttribute('href', /wa\.me\/\?text=Alege%C8%9Bi%20o%20parol%C4%83%20nou%C4%83/);
    await expect(userRow(owner, ownerEmail).getByTestId('team-user-reset-password')).toHaveCount(0);

    // The owner deactivates Ana: her next request is refused, and her seat is free again.
    await userRow(owner, mechanicEmail).getByTestId('team-user-deactivate').click();
    await owner.getByTestId('team-user-deactivate-confirm').click();
    await expect(owner.getByTestId('team-notice')).toHaveText('Ana Pop a fost dezactivat.');
    await expect(userRow(owner, mechanicEmail).getByTestId('team-user-state')).toHaveText('Dezactivat');
    await expect(userRow(owner, mechanicEmail).getByTestId('team-user-reactivate')).toBeVisible();
    await expect(owner.getByTestId('team-seat-count')).toHaveText('1 din 2 utilizatori');
    const token = (await sessionOf(mech)).accessToken;
    const refused = await mech.evaluate(async (bearer) => (await fetch('/api/me', { headers: { authorization: `Bearer ${bearer}` } })).status, token);
    expect(refused).toBe(401);
    expect(missingTexts, "texts missing on the mechanic's device").toEqual([]);
  } finally {
    await mechanicDevice.close();
  }

  // An invitation withdrawn: its link says so.
  await owner.getByTestId('team-invite-email').fill(`dispecer-${randomUUID().slice(0, 8)}@service.ro`);
  await owner.getByTestId('team-invite-role').selectOption('dispatcher');
  await owner.getByTestId('team-invite-send').click();
  // The box held the reset link a moment ago: wait for the invitation's own link.
  await expect(owner.getByTestId('team-link-url')).toHaveValue(/\/account\/join#[\w-]{20,}$/);
  const withdrawnLink = await owner.getByTestId('team-link-url').inputValue();
  await owner.getByTestId('team-invitation-withdraw').click();
  await owner.getByTestId('team-invitation-withdraw-confirm').click();
  await expect(owner.getByTestId('team-notice')).toContainText('a fost retrasă');
  await expect(owner.getByTestId('team-link')).toHaveCount(0);
  await expect(owner.getByTestId('team-invitation')).toHaveCount(0);
  const gone = await owner.context().newPage();
  await gone.goto(withdrawnLink);
  await expect(gone.getByTestId('join-refused')).toContainText('Invitația a fost retrasă');
  await gone.close();
});

test('in English: without an account the Team page asks for one, a link without a token or with an unknown one says so, the seat limit names the plan', async ({ page }) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => localStorage.setItem('roaauto.locale', 'en'));
  await page.setViewportSize(phone);
  await page.goto('/team');
  await expect(page.getByText('A team needs an account: create one, then invite your colleagues.')).toBeVisible();
  await screenshot(page, test.info().outputPath('team-no-account-phone.png'));
  await page.goto('/account/join');
  await expect(page.getByTestId('join-refused')).toHaveText('The link is incomplete. Open the link you received again, or ask for a new one.');
  await page.goto('/account/join#no-such-invitation-token');
  await expect(page.getByTestId('join-refused')).toContainText('This link is not valid');
  await screenshot(page, test.info().outputPath('join-unknown-phone.png'));

  await signUp(page, `owner-${randomUUID().slice(0, 8)}@service.ro`, password, 'English Garage SRL');
  await page.setViewportSize(desktop);
  await page.goto('/team');
  await expect(page.getByTestId('team-seat-count')).toHaveText('1 of 1 user');
  await expect(page.getByTestId('team-more-plan')).toHaveText('The Pro plan allows 3 users.');
  await expect(page.getByTestId('team-user-role')).toHaveText('Owner');
  await screenshot(page, test.info().outputPath('team-english-desktop.png'));
});
