import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { fillCompanyProfile } from '../support/app';
import { screenshot } from '../support/screens';

// A phone, in Romanian: numbers are shown and typed with a decimal comma (a dot is still read), and each
// field says exactly what is wrong with it alone.
test.use({ viewport: { width: 390, height: 844 } });

const shots = path.join(import.meta.dirname, '..', 'test-results');

/** An amount as the app shows it in Romanian: "1.234,50 RON" (the space may be a no-break one). */
function lei(amount: string): RegExp {
  return new RegExp(`^\\s*${amount.replace(/\./g, '\\.')}\\s+RON\\s*$`);
}

function lastLine(page: Page, section: 'manopera' | 'material') {
  return page.locator(`[data-section="${section}"] [data-testid="order-line"]`).last();
}

test('no account: an order line shows the catalog rate as "150,00", takes "1,5" hours, and a negative price is said alone', async ({ page }) => {
  // The starter catalog's hour rate, in Romanian.
  await page.goto('/catalog?tab=preturi');
  await expect(page.getByTestId('catalog-item').filter({ hasText: /150,00\s+RON \/ oră/ }).first()).toBeVisible();
  await page.goto('/orders/new');

  // A labour line: the catalog's hour rate, written with a comma; "1,5" hours read exactly.
  await page.getByTestId('order-add-labour').click();
  const labour = lastLine(page, 'manopera');
  await labour.getByTestId('line-desc').fill('Diagnoză computerizată');
  await expect(labour.getByTestId('line-price')).toHaveValue('150,00');
  await labour.getByTestId('line-qty').fill('1,5');
  await expect(labour.getByTestId('line-total')).toHaveText(lei('225,00'));

  // A standard labour time is offered with its hours in Romanian ("3,5 h") and fills them so.
  await page.getByTestId('order-add-labour').click();
  const norm = lastLine(page, 'manopera');
  await norm.getByTestId('line-desc').pressSequentially('distributie');
  const option = page.getByTestId('norm-option').filter({ hasText: 'Înlocuire distribuție' });
  await expect(option).toContainText('3,5 h');
  await option.click();
  await expect(norm.getByTestId('line-qty')).toHaveValue('3,5');
  await expect(norm.getByTestId('line-total')).toHaveText(lei('525,00'));
  // 225,00 + 525,00.
  await expect(page.getByTestId('order-total-labour')).toHaveText(lei('750,00'));

  // A material with a negative price: the price says it is negative, the right quantity is not marked.
  await page.getByTestId('order-add-material').click();
  const oil = lastLine(page, 'material');
  await oil.getByTestId('line-desc').fill('Ulei motor 5W30');
  await oil.getByTestId('line-qty').fill('2,5');
  await oil.getByTestId('line-price').fill('-45,90');
  await oil.getByTestId('line-price').blur();
  await expect(oil.getByTestId('line-price-error')).toHaveText('Prețul nu poate fi negativ.');
  await expect(oil.getByTestId('line-price')).toHaveAttribute('aria-invalid', 'true');
  await expect(oil.getByTestId('line-qty')).not.toHaveAttribute('aria-invalid');
  await expect(oil.getByTestId('line-qty-error')).toHaveCount(0);
  await oil.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, path.join(shots, 'number-inputs-negative-price-phone.png'));
  // The other way round: a quantity that is not a number never marks the right price.
  await oil.getByTestId('line-price').fill('45,90');
  await oil.getByTestId('line-qty').fill('doi');
  await oil.getByTestId('line-qty').blur();
  await expect(oil.getByTestId('line-qty-error')).toHaveText('Cantitatea trebuie să fie un număr (ex. 2 sau 2,5).');
  await expect(oil.getByTestId('line-price')).not.toHaveAttribute('aria-invalid');
  await expect(oil.getByTestId('line-price-error')).toHaveCount(0);
  // Thousands separators are refused with that reason, never read as 1,234.
  await oil.getByTestId('line-qty').fill('2.5');
  await oil.getByTestId('line-price').fill('1.234,50');
  await expect(oil.getByTestId('line-price-error')).toHaveText('Scrieți prețul fără separator de mii (ex. 1250 sau 45,90).');
  await oil.getByTestId('line-price').fill(' 45,90 ');
  await expect(oil.getByTestId('line-price-error')).toHaveCount(0);
  // 2.5 × 45,90 = 114,75; the dot is still read.
  await expect(oil.getByTestId('line-total')).toHaveText(lei('114,75'));
  await expect(page.getByTestId('order-total')).toHaveText(lei('864,75'));
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');

  // Opened again, the stored lines show the Romanian decimals.
  await page.reload();
  await expect(page.getByTestId('order-total')).toHaveText(lei('864,75'));
  await page.locator('[data-section="manopera"] [data-testid="line-open"]').first().click();
  const reopened = page.locator('[data-section="manopera"] [data-testid="order-line"]').first();
  await expect(reopened.getByTestId('line-qty')).toHaveValue('1,5');
  await expect(reopened.getByTestId('line-price')).toHaveValue('150,00');
  await page.locator('[data-section="material"] [data-testid="line-open"]').click();
  await expect(lastLine(page, 'material').getByTestId('line-qty')).toHaveValue('2,5');
  await expect(lastLine(page, 'material').getByTestId('line-price')).toHaveValue('45,90');

  // The orders list says its amounts are before VAT (the order's total without VAT).
  await page.goto('/orders');
  await expect(page.getByTestId('order-row')).toContainText('864,75');
  await expect(page.getByTestId('order-list-no-vat')).toHaveText('Sume fără TVA');
});

test('no account: a credit note line above what is left says why, and the credit note is not issued smaller', async ({ page }) => {
  await fillCompanyProfile(page, {
    nume: 'Service Auto Someș SRL', cui: 'RO14399840', 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ',
  });

  // An invoice of 1,5 hours at 100 lei.
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Ana Pop');
  await page.getByTestId('buyer-pf').check({ force: true });
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');
  await page.getByTestId('invoice-line-desc').fill('Manoperă');
  await page.getByTestId('invoice-line-um').fill('ore');
  await page.getByTestId('invoice-line-qty').fill('1,5');
  await page.getByTestId('invoice-line-price').fill('100');
  await expect(page.getByTestId('invoice-line-value')).toHaveText(lei('150,00'));
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');

  // Its credit note offers what is left, with a comma.
  await page.getByTestId('invoice-storno').click();
  const qty = page.getByTestId('invoice-line-qty');
  await expect(qty).toHaveValue('1,5');
  await expect(page.getByText('Cantitate stornată (rămas 1,5)')).toBeVisible();
  await expect(page.getByTestId('invoice-line-price')).toHaveValue('100,00');

  // More than is left: the field says why, the line says it is not in the total, the total says so too.
  await qty.fill('3');
  await expect(page.getByText('Rândul 1: se pot storna cel mult 1,5.')).toBeVisible();
  await expect(qty).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('invoice-line-price')).not.toHaveAttribute('aria-invalid');
  await expect(page.getByTestId('invoice-line-left-out')).toHaveText('Rândul nu intră în total până nu îl corectați.');
  await expect(page.getByTestId('invoice-left-out')).toHaveText('Fără un rând greșit');
  await page.getByTestId('invoice-line').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await screenshot(page, path.join(shots, 'number-inputs-credit-note-over-phone.png'));
  // The button explains instead of issuing a smaller document.
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-error')).toHaveText('Rândul 1: se pot storna cel mult 1,5. Un rând pe care nu îl stornați rămâne cu cantitatea 0.');
  await expect(page).toHaveURL(/\/invoices\/new\?storno=/);
  // Not a number, or emptied: said too.
  await qty.fill('x');
  await expect(page.getByText('Rândul 1: cantitatea trebuie să fie un număr (ex. 2 sau 1,5).')).toBeVisible();
  await qty.fill('');
  await expect(page.getByTestId('invoice-line-left-out')).toHaveText('Rândul 1: scrieți cantitatea. Rândul nu intră în total până nu îl corectați.');

  // Right: the whole 1,5 hours are reversed.
  await qty.fill('1,5');
  await expect(page.getByTestId('invoice-left-out')).toHaveCount(0);
  // 1,5 × 100,00 = 150,00 + VAT 21 % = 181,50, reversed.
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('-181,50'));
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura storno ROA 2');
  await expect(page.getByText('-1,5 ore')).toBeVisible();
});
