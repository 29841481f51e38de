import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { addClient, fillCompanyProfile } from '../support/app';
import { screenshot } from '../support/screens';

/**
 * The README's "Primii pași", done as the owner reads them: company details, a customer, a repair
 * order with its lines, the deviz, the invoice. Its pictures are the README's: with
 * ROAAUTO_DOCS_SCREENSHOTS=1 they are also written to docs/images/ (the README shows those files).
 */
const docsImages = path.join(import.meta.dirname, '..', '..', 'docs', 'images');

async function picture(page: Parameters<typeof screenshot>[0], name: string): Promise<void> {
  const file = test.info().outputPath(name);
  await screenshot(page, file);
  if (process.env.ROAAUTO_DOCS_SCREENSHOTS === '1') {
    fs.mkdirSync(docsImages, { recursive: true });
    fs.copyFileSync(file, path.join(docsImages, name));
  }
}

test.use({ acceptDownloads: true });

test("the README's first steps work as written", async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });

  // 2. Date firmă.
  await fillCompanyProfile(page, {
    nume: 'Service Auto Dealul Mare SRL', cui: 'RO14399840', 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ',
    iban: 'RO49 AAAA 1B31 0075 9384 0000', banca: 'Banca Transilvania',
  });

  // 3. Clienți.
  await addClient(page, 'Ana Pop', '0722 123 456');

  // 4. Comenzi → Comandă nouă: the car, labour and parts; the deviz.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('CJ 12 ANA');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ana Pop');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  const lines: [string, string, string, string][] = [
    ['manopera', 'Înlocuire plăcuțe frână față', '1', '150'],
    ['manopera', 'Schimb ulei și filtre', '0,5', '150'],
    ['material', 'Plăcuțe frână față (set)', '1', '289,90'],
    ['material', 'Ulei motor 5W-30', '4,5', '45,90'],
  ];
  for (const [kind, desc, qty, price] of lines) {
    await page.getByTestId(kind === 'manopera' ? 'order-add-labour' : 'order-add-material').click();
    const line = page.locator(`[data-section="${kind}"] [data-testid="order-line"]`).last();
    await line.getByTestId('line-desc').fill(desc);
    await line.getByTestId('line-qty').fill(qty);
    await line.getByTestId('line-price').fill(price);
  }
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  const [deviz] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-deviz-pdf').click()]);
  expect(deviz.suggestedFilename()).toBe('Deviz-1.pdf');
  // The plan's tip, declined, so the picture shows the order.
  await page.getByRole('button', { name: 'Nu, mulțumesc' }).click();
  // Tall enough for the whole order (a full-page picture would draw the fixed navigation mid-page).
  await page.setViewportSize({ width: 390, height: 1220 });
  await picture(page, 'comanda-telefon.png');
  await page.setViewportSize({ width: 390, height: 844 });

  // 5. Emite factura, from the order.
  await page.getByTestId('order-invoice').click();
  // The form is filled from the order first: a choice made before that would be undone by it.
  await expect(page.getByTestId('buyer-name')).toHaveValue('Ana Pop');
  await page.getByTestId('buyer-pf').check({ force: true });
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  await expect(page.getByText('1 oră ×')).toBeVisible();

  // Home on a computer: the shortcuts and the day's work at a glance (the first steps are all done).
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByTestId('dashboard-today').getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('first-run')).toHaveCount(0);
  await picture(page, 'panou-calculator.png');
});
