import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { addLocation, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';

/** A product from the warehouse's form: code, name, optional barcode, sale price in lei. */
async function newProduct(page: Page, code: string, name: string, price: string, barcode?: string, minimum?: string): Promise<void> {
  await page.goto('/warehouse/products/new');
  if (minimum) await page.getByTestId('product-min').fill(minimum);
  await page.getByTestId('product-code').fill(code);
  await page.getByTestId('product-name').fill(name);
  if (barcode) await page.getByTestId('product-barcode').fill(barcode);
  await page.getByTestId('product-price').fill(price);
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);
}

/** A receipt of `qty` of the product found by `search`, into the only location. */
async function receive(page: Page, search: string, qty: string): Promise<void> {
  await page.goto('/warehouse/movements/new');
  await page.getByTestId('movement-kind').selectOption('intrare');
  await page.getByTestId('movement-product-search').fill(search);
  await page.getByTestId('movement-product-option').first().click();
  await page.getByTestId('movement-location').selectOption({ label: 'Magazie' });
  await page.getByTestId('movement-quantity').fill(qty);
  await page.getByTestId('movement-cost').fill('50');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-saved')).toBeVisible();
}

/**
 * An order that consumes two parts, on a phone: one picked by searching its code, one by a keyboard-wedge
 * scan of its barcode; the order page shows the stock at hand; validating issues both (the stock drops,
 * the order says so and shows their cost), reopening gives them back.
 */
test('an order that consumes two parts: the stock drops, the order shows it', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `piese-${randomUUID().slice(0, 8)}@service.ro`, 'Piese-Din-Stoc-2026', 'Service Piese SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  await addLocation(page, 'Magazie');
  await newProduct(page, 'FU-100', 'Filtru ulei', '45');
  await newProduct(page, 'PF-200', 'Plăcuțe frână față', '180', '5901234123457', '3');
  await receive(page, 'FU-100', '5');
  await receive(page, 'PF-200', '3');

  // The order, its vehicle made in the picker.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('ms 12 abc');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);

  // A part found by its code: the line takes its name, unit and price.
  await page.getByTestId('order-add-material').click();
  let line = page.locator('[data-section="material"] [data-testid="order-line"]').last();
  await line.getByTestId('material-product-search').fill('FU-100');
  await line.getByTestId('material-product-option').first().click();
  await expect(line.getByTestId('material-product-linked')).toContainText('FU-100');
  await expect(line.getByTestId('line-desc')).toHaveValue('Filtru ulei');
  await expect(line.getByTestId('line-price')).toHaveValue('45,00');
  await line.getByTestId('line-qty').fill('2');
  await expectAccessible(page, 'order line with a product (phone)');

  // A part scanned: a keyboard-wedge scanner types the barcode within milliseconds and ends with Enter
  // (sent as one burst of key events: the test's own typing is too slow on a busy machine to read as one).
  await page.getByTestId('order-add-material').click();
  line = page.locator('[data-section="material"] [data-testid="order-line"]').last();
  await expect(line.getByTestId('line-desc')).toBeFocused();
  await page.evaluate((code) => {
    const target = document.activeElement ?? document.body;
    for (const key of [...Array.from(code), 'Enter']) target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }, '5901234123457');
  await expect(line.getByTestId('material-product-linked')).toContainText('PF-200');
  await expect(line.getByTestId('line-desc')).toHaveValue('Plăcuțe frână față');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderUrl = page.url();

  // The order page: the stock at hand for each part, nothing issued yet.
  const stock = page.getByTestId('order-stock');
  await expect(stock.getByTestId('order-stock-at-hand')).toHaveText(['În stoc: 5 buc', 'În stoc: 3 buc']);
  await expect(stock.getByTestId('order-stock-short')).toHaveCount(0);
  await expectAccessible(page, 'order with parts (phone)');

  // Validated: both parts leave the stock, the order says so and shows what they cost.
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await expect(stock.getByTestId('order-stock-at-hand')).toHaveText(['În stoc: 3 buc', 'În stoc: 2 buc']);
  await expect(stock.getByTestId('order-stock-issued')).toBeVisible();
  await expect(stock.getByTestId('order-stock-cost')).toContainText('150,00');
  await expectAccessible(page, 'validated order with parts (phone)');
  await screenshot(page, test.info().outputPath('warehouse-order-phone.png'), { fullPage: true });

  await page.goto('/warehouse/stock');
  await expect(page.getByTestId('stock-quantity')).toHaveText(['3 buc', '2 buc']);

  // The pads are now under their minimum of 3: on the reorder list (no supplier yet) and the home card.
  await page.goto('/warehouse/reorder');
  await expect(page.getByTestId('reorder-line')).toHaveCount(1);
  await expect(page.getByTestId('reorder-qty')).toHaveText('De comandat: 1 buc');
  await expectAccessible(page, 'reorder list (phone)');
  const download = page.waitForEvent('download');
  await page.getByTestId('reorder-export').click();
  const csv = await (await download).createReadStream().then(async (stream) => {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  });
  expect(csv.startsWith('\uFEFFFurnizor;CUI;Cod;')).toBe(true);
  expect(csv).toContain('Fără furnizor;;PF-200;;Plăcuțe frână față;buc;2;3;1');
  await page.goto('/');
  await expect(page.getByTestId('count-reorder')).toHaveText('1');

  // Reopened: the parts come back.
  await page.goto(orderUrl);
  await page.getByTestId('order-reopen').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'DRAFT');
  await expect(stock.getByTestId('order-stock-at-hand')).toHaveText(['În stoc: 5 buc', 'În stoc: 3 buc']);
});
