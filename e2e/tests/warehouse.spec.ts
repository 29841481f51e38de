import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { addLocation, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';

/**
 * The warehouse on a phone: a location, a tyre typed "205/55r16" and a part, a receipt of 4 tyres and an
 * issue of 1; the tyre is found as "2055516" with 3 at hand, and the stock page shows 3. Then, with negative
 * stock refused, an issue beyond the stock is refused and one within it is recorded through the server.
 */
test('products, a receipt and an issue on a phone: the tyre found by "2055516" with 3 in stock', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `gestiune-${randomUUID().slice(0, 8)}@service.ro`, 'Gestiune-Anvelope-2026', 'Vulcanizare Mureș SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  await addLocation(page, 'Magazie centrală');

  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-kind').selectOption('anvelopa');
  await page.getByTestId('product-code').fill('MICH-ALPIN6');
  await page.getByTestId('product-name').fill('Michelin Alpin 6');
  await page.getByTestId('product-barcode').fill('5901234123457');
  await page.getByTestId('product-price').fill('450');
  await page.getByTestId('tyre-size').fill('205/55r16');
  await expectAccessible(page, 'new tyre (phone)');
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('tyre-size')).toHaveValue('205/55 R16');
  const tyrePage = new URL(page.url()).pathname;

  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-code').fill('FU-100');
  await page.getByTestId('product-name').fill('Filtru ulei');
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);

  await page.goto('/warehouse/movements/new');
  const pick = async (text: string) => {
    await page.getByTestId('movement-product-search').fill(text);
    await page.getByTestId('movement-product-option').first().click();
    await expect(page.getByTestId('movement-product')).toContainText('Michelin Alpin 6');
  };
  await page.getByTestId('movement-kind').selectOption('intrare');
  await pick('2055516');
  await page.getByTestId('movement-location').selectOption({ label: 'Magazie centrală' });
  await page.getByTestId('movement-quantity').fill('4');
  await page.getByTestId('movement-cost').fill('300');
  await expectAccessible(page, 'receipt (phone)');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-saved')).toBeVisible();

  await page.getByTestId('movement-kind').selectOption('iesire');
  // A keyboard-wedge scanner types the barcode and Enter: the product is picked.
  await page.getByTestId('movement-product-search').fill('5901234123457');
  await page.getByTestId('movement-product-search').press('Enter');
  await expect(page.getByTestId('movement-product')).toContainText('Michelin Alpin 6');
  await page.getByTestId('movement-quantity').fill('1');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-saved')).toBeVisible();

  await page.goto('/warehouse/products');
  await page.getByTestId('product-search').fill('2055516');
  await expect(page.getByTestId('product-row')).toHaveCount(1);
  await expect(page.getByTestId('product-stock')).toContainText('3 buc');
  await expectAccessible(page, 'products (phone)');
  await screenshot(page, test.info().outputPath('warehouse-products-phone.png'), { fullPage: true });

  await page.goto('/warehouse/stock');
  const row = page.getByTestId('stock-row').filter({ hasText: 'Michelin Alpin 6' });
  await expect(row.getByTestId('stock-quantity')).toHaveText('3 buc');
  await expect(page.getByTestId('stock-value-head')).toBeVisible();
  await expect(page.getByTestId('negative-stock')).toHaveCount(0);
  await expectAccessible(page, 'stock (phone)');
  await screenshot(page, test.info().outputPath('warehouse-stock-phone.png'), { fullPage: true });

  // The company refuses negative stock: online, an issue beyond the stock is refused; one within it goes
  // through the server (which sums the stock) and comes back by sync.
  await page.goto('/warehouse/settings');
  await page.getByTestId('negative-refuse').check();
  await expect(page.getByTestId('warehouse-settings-saved')).toBeVisible();
  await expect(page.getByTestId('negative-refuse')).toBeChecked();
  await page.goto('/warehouse/movements/new');
  await page.getByTestId('movement-kind').selectOption('iesire');
  await pick('2055516');
  await page.getByTestId('movement-location').selectOption({ label: 'Magazie centrală' });
  await page.getByTestId('movement-quantity').fill('5');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-error')).toContainText('Stoc insuficient');
  await page.getByTestId('movement-quantity').fill('1');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-saved')).toBeVisible();
  await page.goto('/warehouse/stock');
  await expect(page.getByTestId('stock-row').filter({ hasText: 'Michelin Alpin 6' }).getByTestId('stock-quantity')).toHaveText('2 buc');

  // A minimum at the location: the reorder list, filtered to it, asks for what brings it back.
  await page.goto(tyrePage);
  const minimum = page.getByTestId('product-minimums').getByTestId('product-minimum').first();
  await minimum.fill('5');
  await page.getByTestId('product-minimums-save').click();
  await expect(page.getByTestId('product-minimums-saved')).toBeVisible();
  await page.goto('/warehouse/reorder');
  await page.getByTestId('reorder-location').selectOption({ label: 'Magazie centrală' });
  const line = page.getByTestId('reorder-line').filter({ hasText: 'Michelin Alpin 6' });
  await expect(line.getByTestId('reorder-qty')).toContainText('3');
  await expectAccessible(page, 'reorder list by location (phone)');
  await screenshot(page, test.info().outputPath('warehouse-reorder-location-phone.png'), { fullPage: true });

  // The tyre hotel's season-change windows, the company's own: a date that does not exist is refused.
  await page.goto('/warehouse/settings');
  const windows = page.getByTestId('season-windows');
  await windows.getByTestId('winter-from').fill('15.10');
  await windows.getByTestId('winter-to').fill('31.02');
  await windows.getByTestId('summer-from').fill('15.03');
  await windows.getByTestId('summer-to').fill('30.04');
  await page.getByTestId('season-windows-save').click();
  await expect(page.getByTestId('season-windows-saved')).toHaveCount(0);
  await windows.getByTestId('winter-to').fill('30.11');
  await page.getByTestId('season-windows-save').click();
  await expect(page.getByTestId('season-windows-saved')).toBeVisible();
  await expect(windows.getByTestId('winter-to')).toHaveValue('30.11');
  // Saved on the company's one settings row (the negative stock policy's), so it stays after a reload.
  await page.reload();
  await expect(page.getByTestId('negative-refuse')).toBeChecked();
  await expect(windows.getByTestId('winter-from')).toHaveValue('15.10');
  await expect(windows.getByTestId('winter-to')).toHaveValue('30.11');
  await expectAccessible(page, 'warehouse settings with season windows (phone)');
});
