import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { screenshot } from '../support/screens';

// A phone, used with one hand.
test.use({ viewport: { width: 390, height: 844 } });

const shots = path.join(import.meta.dirname, '..', 'test-results');

/** An amount as the app shows it in Romanian: "1.813,14 RON" (the space may be a no-break one). */
function lei(amount: string): RegExp {
  return new RegExp(`^\\s*${amount.replace(/\./g, '\\.')}\\s+RON\\s*$`);
}

/** Today in the browser's calendar, YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function addLine(page: Page, kind: 'labour' | 'material', desc: string, qty: string | null, price: string | null, um?: string): Promise<Locator> {
  await page.getByTestId(kind === 'labour' ? 'order-add-labour' : 'order-add-material').click();
  const line = page.locator(`[data-section="${kind === 'labour' ? 'manopera' : 'material'}"] [data-testid="order-line"]`).last();
  // The new line's description has the focus: type straight away.
  await expect(line.getByTestId('line-desc')).toBeFocused();
  await line.getByTestId('line-desc').fill(desc);
  if (um !== undefined) await line.getByTestId('line-um').fill(um);
  if (qty !== null) await line.getByTestId('line-qty').fill(qty);
  if (price !== null) await line.getByTestId('line-price').fill(price);
  return line;
}

test('no account: an order with labour and material lines, exact totals, validated and reopened', async ({ page }) => {
  // A long walk (two lines, search, dashboard, pictures): near a minute on a busy 2-core machine.
  test.setTimeout(180_000);
  await page.goto('/orders');
  await expect(page.getByTestId('order-list-empty')).toBeVisible();
  await page.getByTestId('order-new').click();
  await expect(page).toHaveURL(/\/orders\/new$/);
  await expect(page.getByTestId('order-number')).toHaveText('Comandă nouă');

  // The vehicle, created from the picker's inline form.
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('cj 10 roa');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await expect(vehicle.getByTestId('vehicle-plate')).toHaveValue('CJ 10 ROA');
  // Typed whole, without picking a suggestion: still the catalog's make and model.
  await vehicle.getByTestId('vehicle-make').fill('dacia');
  await vehicle.getByTestId('vehicle-model').fill('logan');
  await vehicle.getByTestId('vehicle-owner').fill('Ion Țăranu');
  await vehicle.getByTestId('vehicle-phone').fill('0744 111 222');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(vehicle.getByTestId('vehicle-picker-chosen')).toContainText('CJ 10 ROA');
  // Choosing the vehicle saves the order: it gets the first number and its own address.
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/edit$/);

  await expect(page.getByTestId('order-km')).toHaveAttribute('inputmode', 'numeric');
  await page.getByTestId('order-km').fill('123456');

  // Labour: one from the standard times (3.5 h), two typed freely; the catalog's hour rate is 150 lei.
  await page.getByTestId('order-add-labour').click();
  const first = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await first.getByTestId('line-desc').pressSequentially('distributie');
  await page.getByTestId('norm-option').filter({ hasText: 'Înlocuire distribuție' }).click();
  await expect(first.getByTestId('line-desc')).toHaveValue('Înlocuire distribuție (kit curea și pompă apă)');
  await expect(first.getByTestId('line-qty')).toHaveValue('3,5');
  await expect(first.getByTestId('line-qty')).toHaveAttribute('inputmode', 'decimal');
  await expect(first.getByTestId('line-price')).toHaveValue('150,00');
  await expect(first.getByTestId('line-total')).toHaveText(lei('525,00'));

  const second = await addLine(page, 'labour', 'Diagnoză computerizată', '0,5', '200');
  await expect(second.getByTestId('line-total')).toHaveText(lei('100,00'));
  const third = await addLine(page, 'labour', 'Reglaj geometrie roți', '1.25', null);
  await expect(third.getByTestId('line-total')).toHaveText(lei('187,50'));

  // Materials: 2.5 litres of oil among them.
  const kit = await addLine(page, 'material', 'Kit distribuție', null, '845,90');
  await expect(kit.getByTestId('line-total')).toHaveText(lei('845,90'));
  const oil = await addLine(page, 'material', 'Ulei motor 5W30', '2,5', '45.90', 'l');
  await expect(oil.getByTestId('line-total')).toHaveText(lei('114,75'));
  const filter = await addLine(page, 'material', 'Filtru ulei', '1', '39.99');
  await expect(filter.getByTestId('line-total')).toHaveText(lei('39,99'));

  // By hand: labour 525 + 100 + 187.50 = 812.50; materials 845.90 + 2.5 × 45.90 (114.75) + 39.99 = 1000.64;
  // total 1813.14; VAT 21 % (from 2025-08-01; 19 % before) = 380.7594 → 380.76, with VAT 2193.90.
  const vat21 = today() >= '2025-08-01';
  const expectTotals = async () => {
    await expect(page.getByTestId('order-total-labour')).toHaveText(lei('812,50'));
    await expect(page.getByTestId('order-total-materials')).toHaveText(lei('1.000,64'));
    await expect(page.getByTestId('order-total')).toHaveText(lei('1.813,14'));
    await expect(page.getByTestId('order-vat')).toHaveText(lei(vat21 ? '380,76' : '344,50'));
    await expect(page.getByTestId('order-total-vat')).toHaveText(lei(vat21 ? '2.193,90' : '2.157,64'));
  };
  await expectTotals();
  await expect(page.getByText(vat21 ? 'TVA 21%' : 'TVA 19%')).toBeVisible();

  // Reorder: the third labour line goes up one place.
  await third.getByTestId('line-up').click();
  const labourDescs = page.locator('[data-section="manopera"] [data-testid="line-desc"]');
  // Only the line being edited shows its fields; the others show a summary, one tap away.
  await expect(labourDescs).toHaveText(['Înlocuire distribuție (kit curea și pompă apă)', 'Reglaj geometrie roți', 'Diagnoză computerizată']);
  await expect(page.locator('[data-section="manopera"] [data-testid="order-line"]').first()).toContainText('3,5 h × 150,00 RON');
  // A tap opens a line again: 3.5 h becomes 4 h, then back.
  await page.locator('[data-section="manopera"] [data-testid="line-open"]').first().click();
  const reopened = page.locator('[data-section="manopera"] [data-testid="order-line"]').first();
  await expect(reopened.getByTestId('line-desc')).toBeFocused();
  await reopened.getByTestId('line-qty').fill('4');
  await expect(page.getByTestId('order-total-labour')).toHaveText(lei('887,50'));
  // A typed "-4" is refused with the reason, not read as 4.
  await reopened.getByTestId('line-qty').fill('-4');
  await reopened.getByTestId('line-qty').blur();
  await expect(reopened.getByRole('status')).toHaveText('Orele nu pot fi negative.');
  await reopened.getByTestId('line-qty').fill('3,5');

  // A deleted line comes back with "Anulează".
  await filter.getByTestId('line-remove').click();
  await expect(page.getByTestId('order-total-materials')).toHaveText(lei('960,65'));
  await page.getByTestId('line-undo').click();
  await expectTotals();

  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.locator('[data-section="manopera"]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, path.join(shots, 'order-edit-phone.png'));

  // Done: the order as stored.
  await page.getByTestId('order-save').click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const detailUrl = page.url();
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'DRAFT');
  await expect(page.getByTestId('order-vehicle')).toContainText('CJ 10 ROA');
  await expect(page.getByTestId('order-vehicle')).toContainText('Dacia Logan');
  await expect(page.getByTestId('order-km')).toContainText('123.456');
  await expect(page.getByTestId('order-customer')).toContainText('Ion Țăranu');
  await expect(page.locator('[data-testid="labour-lines"] [data-testid="line-desc"]')).toHaveText([
    'Înlocuire distribuție (kit curea și pompă apă)', 'Reglaj geometrie roți', 'Diagnoză computerizată',
  ]);
  await expect(page.locator('[data-testid="material-lines"] [data-testid="line-total"]')).toHaveText([lei('845,90'), lei('114,75'), lei('39,99')]);
  await expectTotals();
  await screenshot(page, path.join(shots, 'order-detail-phone.png'));
  await screenshot(page, test.info().outputPath('order-detail-full.png'), { fullPage: true });

  // Validated: no more editing, only reopening.
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');
  await expect(page.getByTestId('order-edit')).toHaveCount(0);
  await expect(page.getByTestId('order-delete')).toHaveCount(0);
  await expect(page.getByTestId('order-validate')).toHaveCount(0);
  await expect(page.getByTestId('order-reopen')).toBeVisible();
  // The edit address of a validated order only says so.
  await page.goto(`${detailUrl}/edit`);
  await expect(page.getByTestId('order-readonly')).toBeVisible();
  await expect(page.getByTestId('order-add-labour')).toHaveCount(0);

  await page.goto(detailUrl);
  await page.getByTestId('order-reopen').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'DRAFT');
  await expect(page.getByTestId('order-edit')).toBeVisible();
  await expect(page.getByTestId('order-validate')).toBeVisible();

  // The list: found by plate without spaces and by phone digits, not by something else.
  await page.goto('/orders');
  const rows = page.getByTestId('order-list').getByTestId('order-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('CJ 10 ROA');
  await expect(rows.first()).toContainText('1.813,14');
  for (const typed of ['cj10roa', '0744111222', 'taranu', '1']) {
    await page.getByTestId('order-search').fill(typed);
    await expect(rows, typed).toHaveCount(1);
  }
  await page.getByTestId('order-search').fill('');
  await screenshot(page, test.info().outputPath('order-list.png'));
  await page.getByTestId('order-search').fill('zzz');
  await expect(page.getByTestId('order-list-empty')).toBeVisible();

  // The dashboard counts it among today's and the open orders.
  await page.goto('/dashboard');
  await expect(page.getByTestId('count-orders-today')).toHaveText('1');
  await expect(page.getByTestId('dashboard-open-count')).toHaveText('1');
  await expect(page.getByTestId('dashboard-month-total')).toHaveText(lei('1.813,14'));
  await screenshot(page, test.info().outputPath('dashboard.png'), { fullPage: true });
});

test('an order of 30 lines: every line counted in the totals and saved', async ({ page }) => {
  await page.goto('/orders/new');
  for (let i = 1; i <= 30; i++) await addLine(page, i % 2 ? 'material' : 'labour', `Linia ${i}`, '1', '10');
  await expect(page.locator('[data-testid="order-line"]')).toHaveCount(30);
  await expect(page.getByTestId('order-total')).toHaveText(lei('300,00'));
  await expect(page.getByTestId('order-total-labour')).toHaveText(lei('150,00'));
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  // The time each added line costs is measured by `npm run bench:web` (bench/src/orders-web.bench.ts).
  await page.reload();
  await expect(page.locator('[data-testid="order-line"]')).toHaveCount(30);
  await expect(page.getByTestId('order-total')).toHaveText(lei('300,00'));
});

test('Free plan: a soft suggestion on the dashboard, gone for good after "Nu, mulțumesc"', async ({ page }) => {
  // The app has been used on this device for a little over 3 months.
  await page.addInitScript(() => localStorage.setItem('roaauto.firstUseAt', new Date(Date.now() - 100 * 86_400_000).toISOString()));
  await page.goto('/dashboard');
  const suggestion = page.getByTestId('suggestion');
  await expect(suggestion).toHaveAttribute('data-suggestion', 'months3');
  // It speaks to the owner as "dumneavoastră", like every other text.
  await expect(suggestion).toContainText('Folosiți ROA AUTO de 3 luni. Vă mulțumim!');
  await expect(suggestion.getByRole('link', { name: 'Creează cont' })).toHaveAttribute('href', '/account/signup');
  // Never in the way: the big "new order" stays usable, and the suggestion stays for the rest of the day.
  await expect(page.getByTestId('order-new')).toBeVisible();
  await screenshot(page, test.info().outputPath('dashboard-suggestion.png'));
  await page.reload();
  await expect(suggestion).toBeVisible();

  await suggestion.getByTestId('suggestion-dismiss').click();
  await expect(suggestion).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('dashboard-open-count')).toHaveText('0');
  await expect(suggestion).toHaveCount(0);
});

test('a draft without a vehicle cannot be validated, and is deleted with its lines', async ({ page }) => {
  await page.goto('/orders/new');
  await addLine(page, 'labour', 'Vulcanizare', '1', '80');
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();

  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'DRAFT');
  await expect(page.getByTestId('order-validate')).toBeDisabled();
  await expect(page.getByTestId('order-total')).toHaveText(lei('80,00'));
  await page.getByTestId('order-delete').click();
  await page.getByTestId('order-delete-confirm').click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByTestId('order-list-empty')).toBeVisible();
});
