import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { addLocation, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';

/**
 * A NIR from a supplier invoice typed in, on a 390 px phone: a location and a part, then a NIR of 5 at
 * 20.50 lei; the NIR gets number 1 of the device's NIR series, its PDF is made, and the stock shows 5.
 * (A NIR from a received e-Factura invoice is covered by the unit and server tests, not here.)
 */
test('a NIR from a supplier invoice typed in raises the stock', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `nir-${randomUUID().slice(0, 8)}@service.ro`, 'Receptie-Piese-2026', 'Service Recepție SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  await addLocation(page, 'Magazie piese');

  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-code').fill('FU-200');
  await page.getByTestId('product-name').fill('Filtru ulei Mann');
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);

  await page.goto('/warehouse/receipts');
  await page.getByTestId('receipt-new').click();
  await page.getByTestId('receipt-supplier').fill('Piese Auto Ștefănești SRL');
  await page.getByTestId('receipt-supplier-cui').fill('RO18547290');
  await page.getByTestId('receipt-invoice-number').fill('PAS 1207');
  await page.getByTestId('receipt-location').selectOption({ label: 'Magazie piese' });
  await page.getByTestId('receipt-product-search').fill('FU-200');
  await page.getByTestId('receipt-product-option').first().click();
  await expect(page.getByTestId('receipt-line')).toHaveCount(1);
  await page.getByTestId('receipt-line-qty-doc').fill('5');
  await page.getByTestId('receipt-line-qty').fill('5');
  await page.getByTestId('receipt-line-price').fill('20,50');
  await expectAccessible(page, 'new NIR (phone)');
  await page.getByTestId('receipt-issue').click();

  await expect(page).toHaveURL(/\/warehouse\/receipts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('receipt-title')).toHaveText('NIR NIR 1');
  // 5 × 20,50 = 102,50 + 21 % VAT = 124,03 lei.
  await expect(page.getByTestId('receipt-total')).toContainText('124,03');
  await page.getByTestId('receipt-pdf').click();
  await expect(page.getByTestId('receipt-pdf-link')).toBeVisible();
  await expectAccessible(page, 'NIR (phone)');

  await page.goto('/warehouse/products');
  await page.getByTestId('product-search').fill('FU-200');
  await expect(page.getByTestId('product-stock')).toContainText('5 buc');
});
