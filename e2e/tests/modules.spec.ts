import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '../support/fixtures';
import { addClient, fillCompanyProfile, signUp } from '../support/app';
import { superAdmin } from '../support/server';
import { screenshot } from '../support/screens';

test.use({ acceptDownloads: true });

test('a company without accounting keeps its company page and prints a deviz; invoicing an order comes and goes with accounting', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await signUp(page, `fara-facturi-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Fără Facturi SRL');
  await fillCompanyProfile(page, { nume: 'Service Fără Facturi SRL', cui: 'RO14399840', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ' });
  await expect(page.getByTestId('series-section')).toBeVisible();

  // A validated order: with accounting on, its page offers the invoice (the order_invoicing bridge).
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('cj 33 mod');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
  await vehicle.getByTestId('vehicle-save').click();
  await page.getByTestId('order-add-labour').click();
  const line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Revizie');
  await line.getByTestId('line-qty').fill('2');
  await line.getByTestId('line-price').fill('150');
  await expect(page.getByTestId('order-save-state')).toHaveText(/Salvat|Saved/);
  await page.getByTestId('order-save').click();
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await expect(page.getByTestId('order-invoice')).toBeVisible();
  const orderUrl = page.url();

  // The platform operator switches accounting off for this company; the next sync brings it.
  const api = context.request;
  const op = (await (await api.post('/api/auth/login', { data: superAdmin })).json()) as { accessToken: string };
  const session = JSON.parse((await page.evaluate(() => localStorage.getItem('roaauto.session'))) ?? '{}') as { tenant: { id: string } };
  const patched = await api.patch(`/api/admin/tenants/${session.tenant.id}/entitlements`, {
    headers: { authorization: `Bearer ${op.accessToken}` },
    data: { modules: { accounting: false } },
  });
  expect(patched.status()).toBe(200);
  await addClient(page, 'Declanșează sincronizarea');
  await expect(page.getByRole('link', { name: /^(Facturi|Invoices)$/ })).toHaveCount(0, { timeout: 20_000 });

  // The order page: no invoice action, the deviz still prints.
  await page.goto(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await expect(page.getByTestId('order-deviz-pdf')).toBeVisible();
  await expect(page.getByTestId('order-invoice')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-deviz-pdf').click()]);
  expect((await readFile(await download.path())).subarray(0, 5).toString()).toBe('%PDF-');

  // The company page is core's: still there and editable, without the invoice series.
  await page.goto('/company');
  await expect(page.getByTestId('company-form')).toBeVisible();
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0);
  await expect(page.getByTestId('series-section')).toHaveCount(0);
  // The form fills from the local database: type once it holds the stored profile.
  await expect(page.getByTestId('company-nume')).toHaveValue('Service Fără Facturi SRL');
  await page.getByTestId('company-telefon').fill('0264 000 111');
  await page.getByTestId('company-save').click();
  await expect(page.getByTestId('company-saved')).toBeVisible();
  await screenshot(page, test.info().outputPath('company-without-accounting.png'), { fullPage: true });

  // Accounting's own pages say they are not in the plan.
  await page.goto('/invoices');
  await expect(page.getByTestId('module-unavailable')).toBeVisible();
  await page.goto(`/invoices/new?order=${orderUrl.split('/').pop() ?? ''}`);
  await expect(page.getByTestId('module-unavailable')).toBeVisible();
});
