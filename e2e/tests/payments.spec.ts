import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { downloadOf, pdfPagePng } from '../support/pdf';
import { expectAccessible } from '../support/a11y';
import { fillCompanyProfile, type CompanyFields } from '../support/app';
import { screenshot } from '../support/screens';

// A phone, used with one hand.
test.use({ viewport: { width: 390, height: 844 }, acceptDownloads: true });

const shots = path.join(import.meta.dirname, '..', 'test-results');

const seller: CompanyFields = {
  nume: 'Service Auto Someș SRL', cui: 'RO14399840', 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ',
  iban: 'RO49AAAA1B31007593840000', banca: 'Banca Transilvania',
};

test('an invoice paid in two parts, by card then in cash with a receipt (chitanță), and what is left to collect', async ({ page }) => {
  test.setTimeout(180_000);
  await fillCompanyProfile(page, seller);

  // An invoice of 1 210,00 lei (1 000,00 + 21 % VAT) to a person.
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-pf').check({ force: true });
  await page.getByTestId('buyer-name').fill('Ștefan Țurcanu');
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');
  const line = page.getByTestId('invoice-line').first();
  await line.getByTestId('invoice-line-desc').fill('Revizie completă');
  await line.getByTestId('invoice-line-qty').fill('1');
  await line.getByTestId('invoice-line-price').fill('1000');
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  const invoiceUrl = page.url();

  const payments = page.getByTestId('invoice-payments');
  await expect(payments.getByTestId('payment-state')).toHaveText('Neplătită');
  await expect(payments.getByTestId('payment-left')).toContainText('1.210,00');

  // A partial card payment: the amount proposed is what is left; more than that is refused.
  await payments.getByTestId('payment-record').click();
  await expect(payments.getByTestId('payment-amount')).toHaveValue('1210,00');
  await payments.getByTestId('payment-method-card').check();
  await expect(payments.getByTestId('payment-receipt')).toHaveCount(0);
  await payments.getByTestId('payment-amount').fill('1300');
  await payments.getByTestId('payment-save').click();
  await expect(payments.getByText('Suma depășește restul de plată')).toBeVisible();
  await payments.getByTestId('payment-amount').fill('500');
  await payments.getByTestId('payment-reference').fill('POS 4411');
  await expectAccessible(page, 'the invoice page with the payment form');
  await screenshot(page, path.join(shots, 'payment-form-phone.png'), { fullPage: true });
  await payments.getByTestId('payment-save').click();
  await expect(payments.getByTestId('payment-state')).toHaveText('Plătită parțial');
  await expect(payments.getByTestId('payment-left')).toContainText('710,00');

  // What is left is to be collected.
  await page.goto('/receivables');
  await expect(page.getByTestId('receivable')).toHaveCount(1);
  await expect(page.getByTestId('receivables-total')).toContainText('710,00');
  await expect(page.getByTestId('receivable')).toContainText('Plătită parțial');
  await expectAccessible(page, 'the receivables page');
  await screenshot(page, path.join(shots, 'receivables-phone.png'), { fullPage: true });

  // The rest in cash, with a receipt: the invoice is paid.
  await page.goto(invoiceUrl);
  await payments.getByTestId('payment-record').click();
  await expect(payments.getByTestId('payment-amount')).toHaveValue('710,00');
  await payments.getByTestId('payment-method-numerar').check();
  await expect(payments.getByTestId('payment-receipt')).toBeChecked();
  await payments.getByTestId('payment-save').click();
  await expect(payments.getByTestId('payment-state')).toHaveText('Plătită');
  await expect(payments.getByTestId('payment-row')).toHaveCount(2);
  await expect(payments.getByTestId('payment-record')).toHaveCount(0);
  const receiptButton = payments.getByTestId('receipt-pdf');
  await expect(receiptButton).toHaveText('Chitanța CH 1 (PDF)');
  await expectAccessible(page, 'the paid invoice page');
  await screenshot(page, path.join(shots, 'invoice-paid-phone.png'), { fullPage: true });

  // The receipt's PDF, made in the browser; page 1 as a picture.
  const pdf = await downloadOf(page, () => receiptButton.click());
  expect(pdf.name).toBe('Chitanta-CH-1.pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const { text } = await pdfPagePng(page, pdf.bytes, path.join(shots, 'receipt-page1.png'));
  for (const expected of ['CHITANȚĂ', 'Seria CH nr. 1', 'Ștefan Țurcanu', '710,00', 'șapte sute zece lei', 'seria ROA nr. 1']) expect(text).toContain(expected);

  // Nothing left to collect.
  await page.goto('/receivables');
  await expect(page.getByTestId('receivables-empty')).toBeVisible();
});
