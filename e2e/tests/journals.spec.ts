import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { readSheet } from 'read-excel-file/node';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { fillCompanyProfile, setEntitlements, signUp, waitForServiceWorker } from '../support/app';
import { downloadOf, pdfPagePng } from '../support/pdf';
import { screenshot } from '../support/screens';

const shots = path.join(import.meta.dirname, '..', 'test-results');

/**
 * The sales journal on a phone: an invoice issued this month is its one row, with its 21 % base and VAT; the
 * journal downloads as CSV (UTF-8 with BOM, semicolons) and XLSX (numbers as numbers) that read back the same,
 * and prints as an A4 landscape PDF.
 */
test('the sales journal of the month on a phone, as CSV, XLSX and PDF', async ({ page, context }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await signUp(page, `jurnal-${randomUUID().slice(0, 8)}@service.ro`, 'Jurnal-Vanzari-2026', 'Service Auto Someș SRL');
  await waitForServiceWorker(page);
  await setEntitlements(page, context.request, { plan: 'pro' });
  await fillCompanyProfile(page, { nume: 'Service Auto Someș SRL', cui: 'RO14399840', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', 'serie-implicita': 'ROA' });
  // With an account the server makes the series; this device holds it.
  await page.getByTestId('series-create').click();
  await expect(page.getByTestId('series-row')).toContainText('ROA');

  // 1 000,00 lei + 21 % VAT to a person.
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
  const issued = await page.evaluate(() => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Bucharest' }));
  const month = issued.slice(0, 7);

  await page.goto('/reports/sales-journal');
  await expect(page.getByTestId('module-unavailable')).toHaveCount(0, { timeout: 20_000 });
  await page.getByTestId('journal-month').fill(month);
  await expect(page.getByTestId('journal-row')).toHaveCount(1);
  await expect(page.getByTestId('journal-row')).toContainText('ROA 1');
  await expect(page.getByTestId('journal-row')).toContainText('Ștefan Țurcanu');
  await expect(page.getByTestId('journal-totals')).toContainText('1.210,00');
  await expect(page.getByTestId('journal-totals')).toContainText('210,00');
  await expectAccessible(page, 'the sales journal (phone)');
  await screenshot(page, path.join(shots, 'sales-journal-phone.png'), { fullPage: true });

  // CSV: the BOM, a header row and the invoice's row with a decimal comma.
  const csv = await downloadOf(page, () => page.getByTestId('export-csv').click());
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n');
  expect(lines[0]).toContain('Nr. crt.;Data;Nr. document;Beneficiar;CUI/CNP;Total document;Bază 21%;TVA 21%');
  expect(lines[1]).toContain('ROA 1;Ștefan Țurcanu;;1210,00;1000,00;210,00');

  // XLSX: made in a worker, read back with numbers as numbers.
  const xlsx = await downloadOf(page, () => page.getByTestId('export-xlsx').click());
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const sheet = await readSheet(xlsx.bytes);
  expect(sheet[0]?.slice(0, 3)).toEqual(['Nr. crt.', 'Data', 'Nr. document']);
  expect(sheet[1]?.slice(2, 8)).toEqual(['ROA 1', 'Ștefan Țurcanu', null, 1210, 1000, 210]);
  expect(sheet[2]?.[0]).toBe('TOTAL');

  // PDF: A4 landscape, its first page as PNG in the results.
  const pdf = await downloadOf(page, () => page.getByTestId('journal-pdf').click());
  const { text } = await pdfPagePng(page, pdf.bytes, path.join(shots, 'sales-journal-page1.png'));
  expect(text).toContain('JURNAL DE VÂNZĂRI');
  expect(text).toContain('ROA 1');
  expect(text).toContain('1.210,00');
});
