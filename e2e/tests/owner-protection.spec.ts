import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

// On a phone, in Romanian: what the owner types wrong or twice is said before it is saved, and nothing is
// deleted at one tap.
test.use({ viewport: { width: 390, height: 844 } });

test('no account: a customer phone that is not a number is said before it is saved; deleting a customer asks first', async ({ page }) => {
  await page.goto('/clients');
  await page.getByTestId('client-name').fill('Ion  Pop');
  await page.getByTestId('client-phone').fill('12ab');
  await page.getByTestId('client-phone').blur();
  await expect(page.getByText(/Număr de telefon nerecunoscut/)).toBeVisible();
  // The first try saves nothing; the warning says how to save it anyway.
  await page.getByTestId('client-name').fill('Ana Pop');
  await page.getByTestId('client-phone').fill('0722123456');
  await page.getByTestId('client-phone').blur();
  await expect(page.getByTestId('client-phone')).toHaveValue('0722 123 456');
  await expect(page.getByText('Mobil', { exact: true })).toBeVisible();
  await page.getByTestId('client-add').click();
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('0722 123 456');

  await page.getByTestId('client-name').fill('Ion Pop');
  await page.getByTestId('client-phone').fill('12ab');
  await page.getByTestId('client-add').click();
  await expect(page.getByText(/Număr de telefon nerecunoscut/)).toBeVisible();
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.getByTestId('client-add').click();
  await expect(page.getByTestId('client-row')).toHaveCount(2);

  // Delete asks, on the customer's row; "Renunță" keeps the customer.
  const ana = page.getByTestId('client-row').filter({ hasText: 'Ana Pop' });
  await ana.getByTestId('client-delete').click();
  await expect(ana.getByText('Ștergeți clientul Ana Pop? Nu se poate anula.')).toBeVisible();
  await screenshot(page, test.info().outputPath('client-delete-confirm-phone.png'));
  await ana.getByTestId('client-delete-cancel').click();
  await expect(page.getByTestId('client-row')).toHaveCount(2);
  await ana.getByTestId('client-delete').click();
  await ana.getByTestId('client-delete-confirm').click();
  await expect(page.getByTestId('client-notice')).toHaveText('Clientul Ana Pop a fost șters.');
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId('client-row')).toHaveCount(1);
  await expect(page.getByTestId('client-row')).toContainText('Ion Pop');

  // The company's phone, printed on every document, is checked the same way.
  await page.goto('/company');
  await page.getByTestId('company-telefon').fill('12ab');
  await page.getByTestId('company-telefon').blur();
  await expect(page.getByText(/Număr de telefon nerecunoscut .* Apare așa pe devize și facturi\./)).toBeVisible();
  await page.getByTestId('company-telefon').fill('0264 123 456');
  await expect(page.getByText(/Apare așa pe devize și facturi/)).toHaveCount(0);
});

test('no account: a plate already saved is said with its customer and a way to it; a year after next is refused', async ({ page }) => {
  await page.goto('/vehicles');
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-plate').fill('CT 10 ABC');
  await page.getByTestId('vehicle-owner').fill('Ion Pop');
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-saved')).toBeVisible();

  // The same plate, typed another way, for another customer.
  await page.getByTestId('vehicle-add').click();
  await page.getByTestId('vehicle-plate').fill('ct10abc');
  const duplicate = page.getByTestId('vehicle-duplicate');
  await expect(duplicate).toContainText('Numărul CT 10 ABC există deja, la vehiculul clientului Ion Pop.');
  await page.getByTestId('vehicle-owner').fill('Ana Pop');

  // A year after next year: said under the field, nothing saved.
  const next = new Date().getFullYear() + 1;
  await page.getByTestId('vehicle-year').fill(String(next + 4));
  await page.getByTestId('vehicle-year').blur();
  await expect(page.getByText(`Anul de fabricație este între 1900 și ${next}.`)).toBeVisible();
  await page.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('vehicle-year')).toBeFocused();
  await expect(page.getByTestId('vehicle-form')).toBeVisible();
  await screenshot(page, test.info().outputPath('vehicle-duplicate-phone.png'), { fullPage: true });

  await duplicate.getByTestId('vehicle-duplicate-open').click();
  await expect(page).toHaveURL(/\/vehicles\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('vehicle-detail-plate')).toHaveText('CT 10 ABC');
  await expect(page.getByTestId('vehicle-details')).toContainText('Ion Pop');
});
