import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expectAccessible } from '../support/a11y';
import { addClient, fillCompanyProfile } from '../support/app';
import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

// A phone, in Romanian (the app's language without an account).
test.use({ viewport: { width: 390, height: 844 }, acceptDownloads: true });

/** The text of every page of a PDF, read by pdf.js in Node. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    parts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return parts.join('\n').replace(/\s+/g, ' ');
}

async function openNewVehicle(page: Page): Promise<void> {
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-add').click();
  await expect(page.getByTestId('vehicle-plate')).toBeFocused();
}

test('no account: any make and model, catalog suggestions with one tap, a known customer filled in from their name', async ({ page }) => {
  // Two vehicles, an order, its deviz and two accessibility checks.
  test.setTimeout(120_000);
  // The deviz needs the company's name and CUI in its header.
  await fillCompanyProfile(page, { nume: 'Service Auto Timiș SRL', cui: 'RO14399840', judet: 'TM' });
  await addClient(page, 'Mihai Ionescu', '0745 111 222');

  // A make the starter catalog does not have: no suggestion, and nothing stops it.
  await openNewVehicle(page);
  await page.getByTestId('vehicle-plate').fill('tm 12 lad');
  const make = page.getByTestId('vehicle-make');
  await expect(make).toHaveAttribute('role', 'combobox');
  await make.fill('Lada');
  await expect(page.getByTestId('vehicle-make-option')).toHaveCount(0);
  await expect(make).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('vehicle-model').fill('Niva');
  await expect(page.getByTestId('vehicle-model-option')).toHaveCount(0);

  // The customer: typed without diacritics, picked with one tap; their phone comes with them.
  const owner = page.getByTestId('vehicle-owner');
  await owner.pressSequentially('mihai io');
  const customers = page.getByTestId('vehicle-owner-option');
  await expect(customers).toHaveCount(1);
  await expect(customers).toContainText('Mihai Ionescu');
  await expect(customers).toContainText('0745 111 222');
  await expect(owner).toHaveAttribute('aria-expanded', 'true');
  await screenshot(page, test.info().outputPath('vehicle-form-customer-suggestion.png'), { fullPage: true });
  await expectAccessible(page, 'vehicle form with customer suggestions');
  await customers.click();
  await expect(owner).toHaveValue('Mihai Ionescu');
  await expect(page.getByTestId('vehicle-phone')).toHaveValue('0745 111 222');
  await expect(customers).toHaveCount(0);

  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toContainText('TM 12 LAD');
  const lada = page.getByTestId('vehicle-list').getByTestId('vehicle-row').filter({ hasText: 'TM 12 LAD' });
  await expect(lada).toContainText('Lada Niva');

  // On the vehicle's page, and in an order's deviz made for it.
  await lada.click();
  await expect(page.getByTestId('vehicle-detail-plate')).toHaveText('TM 12 LAD');
  await expect(page.getByText('Lada Niva', { exact: true })).toBeVisible();
  await page.getByTestId('vehicle-new-order').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('order-vehicle')).toContainText('TM 12 LAD');
  await expect(page.getByTestId('order-vehicle')).toContainText('Lada Niva');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-deviz-pdf').click()]);
  const deviz = await pdfText(await readFile(await download.path()));
  expect(deviz).toContain('TM 12 LAD');
  expect(deviz).toContain('Lada Niva');

  // A make of the catalog from its first letters, with one tap; then its models, chosen with the keyboard.
  await openNewVehicle(page);
  await page.getByTestId('vehicle-plate').fill('b 34 vwg');
  await make.fill('Volks');
  const makes = page.getByTestId('vehicle-make-option');
  await expect(makes).toHaveText(['Volkswagen']);
  await screenshot(page, test.info().outputPath('vehicle-form-make-suggestion.png'), { fullPage: true });
  await expectAccessible(page, 'vehicle form with make suggestions');
  await makes.click();
  await expect(make).toHaveValue('Volkswagen');
  const model = page.getByTestId('vehicle-model');
  await model.focus();
  const models = page.getByTestId('vehicle-model-option');
  await expect(models.filter({ hasText: 'Golf' })).toHaveCount(1);
  await expect(models.filter({ hasText: 'Logan' })).toHaveCount(0);
  await model.pressSequentially('pas');
  await expect(models).toHaveText(['Passat']);
  await model.press('ArrowDown');
  await expect(models.first()).toHaveAttribute('aria-selected', 'true');
  await expect(model).toHaveAttribute('aria-activedescendant', (await models.first().getAttribute('id')) ?? '');
  await model.press('Enter');
  await expect(model).toHaveValue('Passat');
  await expect(page.getByTestId('vehicle-form')).toBeVisible();

  // The customer of the first vehicle is the same person as the customer on record: suggested once.
  await owner.pressSequentially('ionescu');
  await expect(customers).toHaveCount(1);
  await owner.press('ArrowDown');
  await owner.press('Enter');
  await expect(page.getByTestId('vehicle-phone')).toHaveValue('0745 111 222');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toContainText('B 34 VWG');
  await expect(page.getByTestId('vehicle-list').getByTestId('vehicle-row').filter({ hasText: 'B 34 VWG' })).toContainText('Volkswagen Passat');

  // Searched by the make typed.
  await page.getByTestId('vehicle-search').fill('lada');
  await expect(page.getByTestId('vehicle-row')).toHaveCount(1);
  await expect(page.getByTestId('vehicle-row')).toContainText('TM 12 LAD');
});
