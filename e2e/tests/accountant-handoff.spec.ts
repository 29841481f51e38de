import { randomUUID } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { expect, test } from '../support/fixtures';
import { expectAccessible } from '../support/a11y';
import { fillCompanyProfile, setEntitlements, signUp } from '../support/app';
import { downloadOf } from '../support/pdf';
import { screenshot } from '../support/screens';

// A phone, used with one hand.
test.use({ viewport: { width: 390, height: 844 }, acceptDownloads: true, serverEnv: { MAIL_OUTBOX_ROUTE: '1' } });

/** Today in the shop's time zone, YYYY-MM-DD (the invoice's date). */
function shopToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(new Date());
}

test('the month\'s package for the accountant: a ZIP with the SAGA files, the PDF and the e-Factura XML, sent by e-mail', async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, `contabil-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Constanta-7', 'Service Contabil SRL');
  await setEntitlements(page, page.request, { plan: 'pro', billingStatus: 'active' });
  await fillCompanyProfile(page, { nume: 'Service Contabil SRL', cui: 'RO14399840', adresa: 'Str. Fabricii 5', localitate: 'Cluj-Napoca', judet: 'CJ', 'serie-implicita': 'CTB' });
  await page.getByTestId('series-create').click();
  await expect(page.getByTestId('series-row')).toContainText('CTB');

  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Bd. Unirii 10');
  await page.getByTestId('buyer-city').fill('Sector 3');
  await page.getByTestId('buyer-county').selectOption('B');
  await page.getByTestId('invoice-line-desc').fill('Înlocuire plăcuțe frână');
  await page.getByTestId('invoice-line-price').fill('250');
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);

  const today = shopToday();
  const [y, m, d] = today.split('-');
  await page.goto('/reports/accountant');
  await page.getByTestId('accountant-month').fill(`${y}-${m}`);
  await expect(page.getByTestId('accountant-counts')).toContainText(/Facturi emise: 1\b/);
  await expectAccessible(page, 'the accountant\'s page');
  await screenshot(page, test.info().outputPath('accountant-phone.png'), { fullPage: true });

  // The ZIP: the invoice in SAGA's import format, its PDF, its e-Factura XML and a README.
  const zip = await downloadOf(page, () => page.getByTestId('accountant-zip').click());
  expect(zip.name).toBe(`contabilitate-${y}-${m}.zip`);
  const entries = unzipSync(new Uint8Array(zip.bytes));
  const sagaName = `saga/iesiri/F_14399840_CTB1_${d}-${m}-${y}.xml`;
  expect(Object.keys(entries).sort()).toEqual([
    sagaName, 'CITESTE-MA.txt', 'efactura/Factura-CTB-1.xml', 'facturi/Factura-CTB-1.pdf', `jurnale/jurnal-cumparari-${y}-${m}.csv`, `jurnale/jurnal-vanzari-${y}-${m}.csv`,
  ].sort());
  // The month's sales journal lists the invoice.
  expect(strFromU8(entries[`jurnale/jurnal-vanzari-${y}-${m}.csv`] ?? new Uint8Array())).toContain('CTB');
  const saga = strFromU8(entries[sagaName] ?? new Uint8Array());
  for (const expected of ['<FurnizorCIF>RO14399840</FurnizorCIF>', '<ClientNume>Transport Rapid SRL</ClientNume>', '<FacturaNumar>CTB1</FacturaNumar>', `<FacturaData>${d}.${m}.${y}</FacturaData>`, '<Valoare>250.00</Valoare>', '<TVA>52.50</TVA>']) {
    expect(saga).toContain(expected);
  }
  expect(strFromU8((entries['facturi/Factura-CTB-1.pdf'] ?? new Uint8Array()).subarray(0, 5))).toBe('%PDF-');
  expect(strFromU8(entries['efactura/Factura-CTB-1.xml'] ?? new Uint8Array())).toContain('<cbc:ID>CTB1</cbc:ID>');

  // The SAGA files alone.
  const sagaOnly = await downloadOf(page, () => page.getByTestId('accountant-saga').click());
  expect(Object.keys(unzipSync(new Uint8Array(sagaOnly.bytes)))).toEqual([sagaName]);

  // Sent to the accountant: the address is remembered, the ZIP arrives as an attachment.
  await page.getByTestId('accountant-email').fill('contabil@cabinet-exemplu.ro');
  await page.getByTestId('accountant-send').click();
  await expect(page.getByTestId('accountant-info')).toContainText('contabil@cabinet-exemplu.ro');
  const outbox = (await (await page.request.get('/api/dev/outbox?to=contabil%40cabinet-exemplu.ro')).json()) as {
    messages: { subject: string; attachments: { filename: string; contentType: string }[] }[];
  };
  expect(outbox.messages.map((msg) => msg.attachments.map((a) => [a.filename, a.contentType]))).toEqual([[[`contabilitate-${y}-${m}.zip`, 'application/zip']]]);
  await page.reload();
  await expect(page.getByTestId('accountant-email')).toHaveValue('contabil@cabinet-exemplu.ro');
});
