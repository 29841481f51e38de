import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { expect, test } from '../support/fixtures';
import { addClient, clientNames, fillCompanyProfile, signUp } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

const webhookSecret = 'whsec_e2e_plan_0123456789';
test.use({
  serverEnv: {
    STRIPE_SECRET_KEY: 'sk_test_e2e', STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_PRICE_BASIC: 'price_basic_e2e', STRIPE_PRICE_PRO: 'price_pro_e2e',
    // Nothing listens here: this walk never opens a Checkout page, and no test may reach the real Stripe.
    STRIPE_API_BASE: 'http://127.0.0.1:9',
  },
});

const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 900 };

test('trial end shown as Free with sync stopped; Stripe webhook upgrades the plan and sync resumes', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signUp(page, `abonament-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Abonament SRL');
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };

  // The trial: Basic, its days left, the limits with this month's use, both ways to pay.
  await page.getByRole('link', { name: 'Abonament' }).first().click();
  await expect(page.getByTestId('plan-name')).toHaveText('Basic');
  await expect(page.getByTestId('plan-state')).toHaveAttribute('data-state', 'trial');
  await expect(page.getByTestId('plan-state')).toContainText('mai aveți 30 de zile');
  await expect(page.getByTestId('plan-usage-users')).toContainText('1 din 1 utilizatori');
  await expect(page.getByTestId('plan-usage-documents')).toContainText('0 documente luna aceasta, fără limită');
  await expect(page.getByTestId('plan-pay-card-pro')).toBeVisible();
  await expect(page.getByTestId('plan-card-free')).toContainText('Facturi, chitanțe, e-Factura');
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath('plan-trial-phone.png'), { fullPage: true });
  await page.setViewportSize(desktop);
  await screenshot(page, test.info().outputPath('plan-trial-desktop.png'), { fullPage: true });

  // The trial ends (the operator moves its end into the past; time passing does the same).
  const api = context.request;
  const op = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const ended = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${op.accessToken}` },
    data: { trialEndsAt: new Date(Date.now() - 60_000).toISOString() },
  });
  expect(ended.status()).toBe(200);

  // The next sync is refused: the app says why, keeps working, and shows the way to the Plan page.
  await page.goto('/clients');
  await addClient(page, 'Maria Ionescu');
  const banner = page.getByTestId('sync-stopped-notice');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toHaveAttribute('data-state', 'trial_ended');
  await expect(banner).toContainText('Perioada de probă s-a încheiat');
  await expect(page.getByTestId('sync-status')).toContainText('nu este inclusă');
  await addClient(page, 'Ion Vasilescu');
  expect(await clientNames(page)).toEqual(expect.arrayContaining(['Maria Ionescu', 'Ion Vasilescu']));
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath('sync-stopped-phone.png'));

  await page.getByTestId('sync-stopped-plan').click();
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByTestId('plan-name')).toHaveText('Free');
  await expect(page.getByTestId('plan-state')).toHaveAttribute('data-state', 'trial_ended');
  await expect(page.getByTestId('plan-retained')).toContainText('Datele de pe server se păstrează până la');
  await screenshot(page, test.info().outputPath('plan-free-phone.png'), { fullPage: true });
  await page.setViewportSize(desktop);
  await screenshot(page, test.info().outputPath('plan-free-desktop.png'), { fullPage: true });

  // Paying by card without a reachable Stripe: a clear error, nothing lost.
  await page.getByTestId('plan-pay-card-pro').click();
  await expect(page.getByRole('alert')).toContainText('Plata cu cardul nu este disponibilă acum', { timeout: 30_000 });

  // Stripe reports the completed Checkout, signed with the endpoint's secret.
  const stripe = new Stripe('sk_test_e2e');
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replace(/-/g, '')}`, object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000),
    data: { object: { id: 'cs_test_e2e', object: 'checkout.session', client_reference_id: session.tenant.id, customer: 'cus_e2e', metadata: { tenantId: session.tenant.id, plan: 'pro' } } },
  });
  const hook = await api.post('/api/billing/stripe/webhook', {
    headers: { 'content-type': 'application/json', 'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret }) },
    data: payload,
  });
  expect(await hook.json()).toEqual({ received: true, status: 'applied' });

  // Back from Stripe: Pro, active, the banner gone, and what was added on Free reaches the server.
  await page.goto('/plan?checkout=done');
  await expect(page.getByTestId('plan-checkout')).toContainText('Plata a fost primită');
  await expect(page.getByTestId('plan-name')).toHaveText('Pro', { timeout: 20_000 });
  await expect(page.getByTestId('plan-state')).toHaveAttribute('data-state', 'active');
  await expect(page.getByTestId('plan-usage-users')).toContainText('1 din 3 utilizatori');
  await page.goto('/clients');
  await expect(page.getByTestId('sync-stopped-notice')).toHaveCount(0);
  await expect(page.getByTestId('sync-status')).toContainText('Sincronizat', { timeout: 60_000 });

  const owner = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string };
  const pulled = await api.get(`/api/sync/pull?clientId=${randomUUID()}&cursor=0`, { headers: { authorization: `Bearer ${owner.accessToken}` } });
  expect(pulled.status()).toBe(200);
  const text = JSON.stringify(await pulled.json());
  expect(text).toContain('Maria Ionescu');
  expect(text).toContain('Ion Vasilescu');
});

test('the monthly document limit shows as it nears and stops issuing before a number is taken', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(phone);
  await page.goto('/');
  await signUp(page, `limita-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Limită SRL');
  await fillCompanyProfile(page, { nume: 'Service Limită SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Sector 6', judet: 'B', 'serie-implicita': 'LIM' });
  await page.getByTestId('series-create').click();
  await expect(page.getByTestId('series-row')).toContainText('LIM');
  await expect(page.getByTestId('series-row')).toContainText('acest dispozitiv');
  await expect(page.getByTestId('sync-status')).toContainText('Sincronizat', { timeout: 30_000 });

  const issue = async (what: string) => {
    await page.goto('/invoices/new');
    await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
    await page.getByTestId('buyer-cui').fill('RO18547290');
    await page.getByTestId('buyer-address').fill('Bd. Unirii 10');
    await page.getByTestId('buyer-city').fill('Sector 3');
    await page.getByTestId('buyer-county').selectOption('B');
    await page.getByTestId('invoice-line-desc').fill(what);
    await page.getByTestId('invoice-line-price').fill('100');
    await expect(page.getByTestId('invoice-issue')).toBeEnabled();
    await page.getByTestId('invoice-issue').click();
    await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  };
  // Without a document limit nothing is said about it.
  await issue('Revizie');
  // The badge may still say "Synced" from before the invoice: wait until the server counts it.
  const api = context.request;
  const owner = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { accessToken: string; tenant: { id: string } };
  const documentsUsed = async () => ((await (await api.get('/api/billing/plan', { headers: { authorization: `Bearer ${owner.accessToken}` } })).json()) as { usage: { documents: { used: number } } }).usage.documents.used;
  await expect.poll(documentsUsed, { timeout: 30_000 }).toBe(1);
  await page.goto('/invoices/new');
  await expect(page.getByTestId('buyer-name')).toBeVisible();
  await expect(page.getByTestId('invoice-doc-limit')).toHaveCount(0);

  // The operator sets the contract's figure: two documents a month.
  const op = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const limited = await api.patch(`/api/admin/tenants/${owner.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${op.accessToken}` }, data: { limits: { maxDocsPerMonth: 2 } },
  });
  expect(limited.status()).toBe(200);
  await page.goto('/plan');
  await expect(page.getByTestId('plan-usage-documents')).toContainText('1 din 2 documente luna aceasta', { timeout: 30_000 });

  await page.goto('/invoices/new');
  await expect(page.getByTestId('invoice-doc-limit')).toContainText('1 din 2 documente luna aceasta');
  await issue('Schimb ulei');
  await expect.poll(documentsUsed, { timeout: 30_000 }).toBe(2);

  // At the limit: said next to the button, which takes no number; the way to a larger plan is there.
  await page.goto('/invoices/new');
  await expect(page.getByTestId('invoice-doc-limit')).toContainText('limita planului este atinsă');
  await expect(page.getByTestId('invoice-issue')).toBeDisabled();
  await screenshot(page, test.info().outputPath('invoice-limit-reached-phone.png'));
  await page.getByTestId('invoice-doc-limit').getByRole('link').click();
  await expect(page).toHaveURL(/\/plan$/);
  await expect(page.getByTestId('plan-usage-documents')).toContainText('2 din 2 documente luna aceasta', { timeout: 30_000 });
  await expect(page.getByTestId('plan-usage-documents')).toContainText('Limita este atinsă');
});
