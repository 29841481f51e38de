import { randomUUID } from 'node:crypto';
import { expect, test } from '../support/fixtures';
import { addLocation, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { screenshot } from '../support/screens';

/**
 * A count on a phone with a keyboard-wedge scan: 4 tyres received online, then offline a count of the
 * location where a scanner types the EAN three times (10 ms per key, Enter): the line reads 3; finished,
 * the report shows −1; applied, the stock reads 3.
 */
test('a count on a phone with a keyboard-wedge scan', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `inventar-${randomUUID().slice(0, 8)}@service.ro`, 'Inventar-Anvelope-2026', 'Vulcanizare Olt SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'full' });

  await addLocation(page, 'Magazie');
  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-kind').selectOption('anvelopa');
  await page.getByTestId('product-code').fill('NOK-WR');
  await page.getByTestId('product-name').fill('Nokian WR Snowproof');
  await page.getByTestId('product-barcode').fill('5901234123457');
  await page.getByTestId('tyre-size').fill('205/55 R16');
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);
  await page.goto('/warehouse/movements/new');
  await page.getByTestId('movement-kind').selectOption('intrare');
  await page.getByTestId('movement-product-search').fill('NOK-WR');
  await page.getByTestId('movement-product-option').first().click();
  await page.getByTestId('movement-location').selectOption({ label: 'Magazie' });
  await page.getByTestId('movement-quantity').fill('4');
  await page.getByTestId('movement-save').click();
  await expect(page.getByTestId('movement-saved')).toBeVisible();

  await context.setOffline(true);
  await page.goto('/warehouse/counts');
  await page.getByTestId('count-start').click();
  await expect(page).toHaveURL(/\/warehouse\/counts\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('count-status')).toContainText('În lucru');
  for (let i = 1; i <= 3; i++) {
    await page.keyboard.type('5901234123457', { delay: 10 });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('count-line').locator('input')).toHaveValue(String(i));
  }
  await expect(page.getByTestId('count-line')).toHaveCount(1);
  await expectAccessible(page, 'counting (phone)');
  await screenshot(page, test.info().outputPath('warehouse-count-phone.png'), { fullPage: true });

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('count-finish').click();
  await expect(page.getByTestId('count-status')).toContainText('Încheiat');
  await expect(page.getByTestId('count-difference')).toHaveText('-1');
  await expectAccessible(page, 'count report (phone)');
  await page.getByTestId('count-apply').click();
  await expect(page.getByTestId('count-status')).toContainText('Aplicat');
  await expect(page.getByTestId('count-apply')).toHaveCount(0);
  await screenshot(page, test.info().outputPath('warehouse-count-report-phone.png'), { fullPage: true });

  await page.goto('/warehouse/stock');
  await expect(page.getByTestId('stock-row').filter({ hasText: 'Nokian' }).getByTestId('stock-quantity')).toHaveText('3 buc');
  await context.setOffline(false);
});
