import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { logIn } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';
import { expectAccessible } from '../support/a11y';

test('operator creates a company, switches a module off and the owner\'s app hides it without reload', async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const phone = { width: 390, height: 844 };

  // The console asks the operator to sign in, on its own page.
  await page.goto('/operator');
  await expect(page).toHaveURL(/\/operator\/login/);
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath('operator-login-phone.png'));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('operator-email').fill(superAdmin.email);
  await page.getByTestId('operator-password').fill(superAdmin.password);
  await page.getByTestId('operator-login').click();
  await expect(page.getByTestId('operator-new-company')).toBeVisible();

  // A new company with its owner: the console gives the invitation link to pass on.
  const ownerEmail = `patron-${randomUUID().slice(0, 8)}@atelier.ro`;
  await page.getByTestId('operator-new-company').click();
  await page.getByTestId('operator-company-name').fill('Atelier Consolă SRL');
  await page.getByTestId('operator-owner-email').fill(ownerEmail);
  await page.getByTestId('operator-company-create').click();
  const link = await page.getByTestId('operator-invitation-link').inputValue();
  expect(link).toMatch(/\/account\/join#/);
  await screenshot(page, test.info().outputPath('operator-created-desktop.png'), { fullPage: true });

  // The owner accepts the invitation and opens the app in their own browser.
  const token = link.split('#')[1] ?? '';
  const accepted = await page.request.post('/api/auth/accept-invitation', { data: { token, password: 'Patron-Atelier-2026', name: 'Ion' } });
  expect(accepted.status()).toBe(201);
  const ownerContext = await browser.newContext({ baseURL });
  const owner = await ownerContext.newPage();
  await logIn(owner, ownerEmail, 'Patron-Atelier-2026');
  const invoices = owner.getByRole('link', { name: /^(Facturi|Invoices)$/ });
  await expect(invoices.first()).toBeVisible({ timeout: 30_000 });
  // A marker that a reload would wipe.
  await owner.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

  // The operator opens the company and switches accounting off.
  await page.getByTestId('operator-open-created').click();
  await expect(page.getByTestId('operator-company-title')).toHaveText('Atelier Consolă SRL');
  await expect(page.getByTestId('operator-module-accounting')).toBeChecked();
  // A dependency error shows before saving: the client portal needs the workshop.
  await page.getByTestId('operator-module-workshop').uncheck();
  await expect(page.getByTestId('operator-needs-client_portal')).toBeVisible();
  await expect(page.getByTestId('operator-save')).toBeDisabled();
  await page.getByTestId('operator-module-workshop').check();
  await page.getByTestId('operator-module-accounting').uncheck();
  await page.getByTestId('operator-save').click();
  await expect(page.getByTestId('operator-notice')).toBeVisible();
  await expect(page.getByTestId('operator-changes')).toContainText(superAdmin.email);
  await expect(page.getByTestId('operator-changes')).toContainText(/(Contabilitate|Accounting)/);

  // The owner's open app hides invoicing by itself.
  await expect(invoices).toHaveCount(0, { timeout: 30_000 });
  expect(await owner.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  await ownerContext.close();

  await screenshot(page, test.info().outputPath('operator-company-desktop.png'), { fullPage: true });
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath('operator-company-phone.png'), { fullPage: true });

  // Suspend and reactivate, each in the trail with the operator's identity.
  await page.getByTestId('operator-suspend').click();
  await expect(page.getByTestId('operator-reactivate')).toBeVisible();
  await page.getByTestId('operator-reactivate').click();
  await expect(page.getByTestId('operator-suspend')).toBeVisible();

  // The owner paid Pro by bank transfer: the operator marks it from the statement, with its reference.
  await page.getByTestId('operator-payment-plan').selectOption('pro');
  await page.getByTestId('operator-payment-save').click();
  await expect(page.getByTestId('operator-payment')).toContainText(/(Scrieți referința|Write the payment reference)/);
  await page.getByTestId('operator-payment-reference').fill('ROA-7F3A9C21');
  await page.getByTestId('operator-payment-save').click();
  await expect(page.getByTestId('operator-notice')).toContainText('Pro');
  await expect(page.getByTestId('operator-plan')).toHaveValue('pro');
  await expect(page.getByTestId('operator-billing-status')).toHaveValue('active');

  // The companies list, the platform trail and the billing inbox, on a phone and a desktop.
  await page.goto('/operator');
  await page.getByTestId('operator-search').fill('consolă');
  await page.getByTestId('operator-search-submit').click();
  await expect(page.getByTestId('operator-company-row')).toHaveCount(1);
  await screenshot(page, test.info().outputPath('operator-companies-phone.png'), { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await screenshot(page, test.info().outputPath('operator-companies-desktop.png'), { fullPage: true });
  await page.goto('/operator/audit');
  await expect(page.getByTestId('trail-line').first()).toBeVisible();
  await expect(page.getByTestId('trail-lines')).toContainText(/(Firmă suspendată|Company suspended)/);
  await screenshot(page, test.info().outputPath('operator-audit-desktop.png'), { fullPage: true });
  await page.goto('/operator/billing');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.setViewportSize(phone);
  await screenshot(page, test.info().outputPath('operator-billing-phone.png'), { fullPage: true });
  // The background jobs and the backups: the dead ones by default (none in a fresh server), then the done ones.
  await page.goto('/operator/jobs');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Lucrări de fundal|Background jobs/);
  await expect(page.getByTestId('jobs-state')).toHaveValue('dead');
  await expectAccessible(page, 'operator jobs (phone)');
  await screenshot(page, test.info().outputPath('operator-jobs-phone.png'), { fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('jobs-state').selectOption('done');
  await expectAccessible(page, 'operator jobs (desktop)');
});

test('a company account cannot open the console', async ({ page }) => {
  const email = `firma-${randomUUID().slice(0, 8)}@service.ro`;
  const r = await page.request.post('/api/auth/register', { data: { email, password: 'Garaj-Constanta-7', company: { name: 'Service Obișnuit SRL' } } });
  expect(r.status()).toBe(201);
  await page.goto('/operator/login');
  await page.getByTestId('operator-email').fill(email);
  await page.getByTestId('operator-password').fill('Garaj-Constanta-7');
  await page.getByTestId('operator-login').click();
  await expect(page.getByRole('alert')).toContainText(/(operator)/i);
  await expect(page).toHaveURL(/\/operator\/login/);
});
