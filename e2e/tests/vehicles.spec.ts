import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

// A phone: the form must work (and be readable) at 390 px.
test.use({ viewport: { width: 390, height: 844 } });

const vin = 'WVWZZZ1JZXW000001'; // a European VIN: its 9th character is not a North American check digit
const badCnp = '1800101221145'; // the right check digit would be 4

test('no account: a vehicle is added with helpful warnings, found without diacritics and opened', async ({ page }) => {
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-add').click();
  const form = page.getByTestId('vehicle-form');
  await expect(page.getByTestId('vehicle-plate')).toBeFocused();

  // Typed as people type: lower case, spaces, dots. Each field is tidied when it is left.
  await page.getByTestId('vehicle-plate').fill('b 123 abc');
  await page.getByTestId('vehicle-plate').blur();
  await expect(page.getByTestId('vehicle-plate')).toHaveValue('B 123 ABC');
  await expect(form.getByText(/Nu pare un număr românesc/)).toHaveCount(0);

  await page.getByTestId('vehicle-vin').fill(vin.toLowerCase());
  await page.getByTestId('vehicle-vin').blur();
  await expect(page.getByTestId('vehicle-vin')).toHaveValue(vin);
  const vinWarning = form.getByText(/în afara Americii de Nord/);
  await expect(vinWarning).toBeVisible();
  await expect(vinWarning).toHaveClass(/text-amber-800/);
  await expect(page.getByTestId('vehicle-vin')).not.toHaveAttribute('aria-invalid', 'true');

  // Make, then the make's models (the starter catalog of a browser without an account) as suggestions; engine type.
  await page.getByTestId('vehicle-make').fill('dac');
  await page.getByTestId('vehicle-make-option').filter({ hasText: 'Dacia' }).click();
  await expect(page.getByTestId('vehicle-make')).toHaveValue('Dacia');
  await page.getByTestId('vehicle-model').focus();
  await expect(page.getByTestId('vehicle-model-option').filter({ hasText: 'Duster' })).toHaveCount(1);
  await expect(page.getByTestId('vehicle-model-option').filter({ hasText: 'Golf' })).toHaveCount(0);
  await page.getByTestId('vehicle-model-option').filter({ hasText: 'Logan' }).click();
  await expect(page.getByTestId('vehicle-model')).toHaveValue('Logan');
  await page.getByTestId('vehicle-engine').selectOption({ label: 'Motorină' });
  await page.getByTestId('vehicle-year').fill('2015');
  await expect(page.getByTestId('vehicle-year')).toHaveAttribute('inputmode', 'numeric');
  await page.getByTestId('vehicle-owner').fill('Ștefan Popescu');
  await page.getByTestId('vehicle-phone').fill('0722.123.456');
  await page.getByTestId('vehicle-phone').blur();
  await expect(page.getByTestId('vehicle-phone')).toHaveValue('0722 123 456');
  await expect(page.getByTestId('vehicle-phone')).toHaveAttribute('type', 'tel');

  await page.getByTestId('vehicle-fiscal').fill(badCnp);
  await page.getByTestId('vehicle-fiscal').blur();
  const cnpWarning = form.getByText(/CNP-ul nu trece verificarea/);
  await expect(cnpWarning).toBeVisible();
  await expect(cnpWarning).toHaveClass(/text-amber-800/);

  await page.getByTestId('vehicle-email').fill('stefan@exemplu');
  await page.getByTestId('vehicle-email').blur();
  await expect(form.getByText(/e-mail pare greșită/)).toBeVisible();
  await page.getByTestId('vehicle-email').fill('stefan@exemplu.ro');
  await page.getByTestId('vehicle-email').blur();
  await expect(form.getByText(/e-mail pare greșită/)).toHaveCount(0);

  await form.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, path.join(import.meta.dirname, '..', 'test-results', 'vehicle-form-phone.png'));
  await screenshot(page, test.info().outputPath('vehicle-form-full.png'), { fullPage: true });

  // Warnings do not block: the vehicle is saved.
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toContainText('B 123 ABC');
  await expect(page.getByTestId('vehicle-form')).toHaveCount(0);
  await expect(page.getByTestId('vehicle-list').getByText('B 123 ABC')).toBeVisible();

  // Only a missing plate blocks.
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-owner').fill('Fără Număr');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-form').getByText(/Numărul de înmatriculare este obligatoriu/)).toBeVisible();
  await expect(page.getByTestId('vehicle-plate')).toBeFocused();
  // A plate of no known Romanian format: an amber warning, and it is saved all the same.
  await page.getByTestId('vehicle-plate').fill('m ab 1234');
  await page.getByTestId('vehicle-plate').blur();
  await expect(page.getByTestId('vehicle-form').getByText(/Nu pare un număr românesc/)).toHaveClass(/text-amber-800/);
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toContainText('M AB 1234');

  // Search as you type, without diacritics, by plate without spaces, by phone digits.
  const rows = page.getByTestId('vehicle-list').getByTestId('vehicle-row');
  await expect(rows).toHaveCount(2);
  for (const typed of ['stefan', 'popescu ștefan', 'b123abc', '0722123456', '+40 722 123', 'wvwzzz']) {
    await page.getByTestId('vehicle-search').fill(typed);
    await expect(rows, typed).toHaveCount(1);
    await expect(rows.first(), typed).toContainText('B 123 ABC');
    await expect(rows.first(), typed).toContainText('Ștefan Popescu');
  }
  await page.getByTestId('vehicle-search').fill('nimeni');
  await expect(page.getByText('Niciun vehicul nu se potrivește cu „nimeni”.')).toBeVisible();
  await page.getByTestId('vehicle-search').fill('stefan');
  await rows.first().click();

  // The detail page: its data, no orders yet, a new order for it.
  await expect(page).toHaveURL(/\/vehicles\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').at(-1) ?? '';
  await expect(page.getByTestId('vehicle-detail-plate')).toHaveText('B 123 ABC');
  await expect(page.getByText('Dacia Logan', { exact: true })).toBeVisible();
  const details = page.getByTestId('vehicle-details');
  await expect(details).toContainText('Ștefan Popescu');
  await expect(details).toContainText(vin);
  await expect(details).toContainText('2015');
  await expect(details).toContainText('Motorină');
  await expect(details.getByRole('link', { name: '0722 123 456' })).toHaveAttribute('href', 'tel:+40722123456');
  await expect(page.getByTestId('vehicle-history-empty')).toBeVisible();
  await expect(page.getByTestId('vehicle-new-order')).toHaveAttribute('href', `/orders/new?vehicle=${id}`);

  // Edited through the same form; the saved values come back after a reload.
  await page.getByTestId('vehicle-edit').click();
  await expect(page.getByTestId('vehicle-plate')).toHaveValue('B 123 ABC');
  await expect(page.getByTestId('vehicle-fiscal')).toHaveValue(badCnp);
  await page.getByTestId('vehicle-year').fill('2016');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-form')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('vehicle-details')).toContainText('2016');
  await screenshot(page, test.info().outputPath('vehicle-detail-phone.png'), { fullPage: true });
});

async function addVehicle(page: Page, plate: string, owner: string, phone = ''): Promise<void> {
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-plate').fill(plate);
  await page.getByTestId('vehicle-owner').fill(owner);
  if (phone) await page.getByTestId('vehicle-phone').fill(phone);
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toBeVisible();
}

test('the vehicle picker: keyboard, a new vehicle inline with the typed text in its place, and the order in its history', async ({ page }) => {
  await addVehicle(page, 'B 123 ABC', 'Ștefan Popescu', '0722 123 456');
  await addVehicle(page, 'B 124 ABC', 'Ana Pop');

  await page.goto('/orders/new');
  const input = page.getByTestId('vehicle-picker-input');
  const options = page.getByTestId('vehicle-picker-option');
  await expect(input).toHaveAttribute('role', 'combobox');
  await input.fill('b 12');
  await expect(options).toHaveCount(2);
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(input).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? '');
  await input.press('ArrowDown');
  await expect(page.getByTestId('vehicle-picker-new')).toHaveAttribute('aria-selected', 'true');
  await input.press('ArrowUp');
  await input.press('ArrowUp');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await input.press('Escape');
  await expect(input).toHaveValue('');
  await expect(input).toHaveAttribute('aria-expanded', 'false');

  // Digits go to the phone of a new vehicle; cancelling comes back to the search.
  await input.fill('0733 000 111');
  await expect(options).toHaveCount(0);
  await input.press('Enter');
  await expect(page.getByTestId('vehicle-phone')).toHaveValue('0733 000 111');
  await expect(page.getByTestId('vehicle-plate')).toBeFocused();
  await page.getByTestId('vehicle-cancel').click();
  await expect(input).toBeFocused();

  // Typed without diacritics and picked with Enter.
  await input.fill('stefan');
  await expect(options).toHaveCount(1);
  await input.press('Enter');
  const chosen = page.getByTestId('vehicle-picker-chosen');
  await expect(chosen).toContainText('B 123 ABC');
  await expect(chosen).toContainText('Ștefan Popescu');

  // Changed to a vehicle that does not exist yet: its plate is what was typed.
  await page.getByTestId('vehicle-picker-change').click();
  await expect(input).toBeFocused();
  await input.fill('ct10xyz');
  await expect(page.getByTestId('vehicle-picker-new')).toBeVisible();
  await expect(options).toHaveCount(0);
  await page.getByTestId('vehicle-picker-new').click();
  await expect(page.getByTestId('vehicle-plate')).toHaveValue('CT 10 XYZ');
  await expect(page.getByTestId('vehicle-owner')).toBeFocused();
  await page.getByTestId('vehicle-owner').fill('Ioana Țurcanu');
  await page.getByTestId('vehicle-save').click();
  await expect(chosen).toContainText('CT 10 XYZ');
  await expect(chosen).toContainText('Ioana Țurcanu');
  await screenshot(page, test.info().outputPath('picker-chosen-phone.png'), { fullPage: true });

  // The order (saved by the order page once it has a vehicle) is in the vehicle's history.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-search').fill('turcanu');
  // The list filters as the search settles: wait for the one match before opening it.
  await expect(page.getByTestId('vehicle-row')).toHaveCount(1);
  await page.getByTestId('vehicle-row').click();
  const history = page.getByTestId('vehicle-order');
  await expect(history).toHaveCount(1);
  await expect(history).toHaveAttribute('href', `/orders/${orderId}`);
  await expect(history).toContainText('Ciornă');
  await screenshot(page, test.info().outputPath('vehicle-history-phone.png'), { fullPage: true });
});
