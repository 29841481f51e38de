import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { invoiceTotals, type InvoiceDocument, type InvoiceLine, type Party } from '@roaauto/shared';
import { efacturaXml } from '@roaauto/shared/efactura';
import { expect, test } from '../support/fixtures';
import { addLocation, fillCompanyProfile, setEntitlements, signUp } from '../support/app';
import { serverWithFakeAnaf } from '../support/efactura';
import { downloadOf, pdfPagePng } from '../support/pdf';
import { screenshot } from '../support/screens';

/**
 * A NIR from a received e-Factura invoice, on a 390 px phone: the supplier's invoice reaches the inbox
 * through the fake ANAF, the NIR is prefilled from it, its two lines are matched to products by hand (the
 * supplier's codes are remembered), the stock rises and the NIR's PDF page 1 is kept as a PNG; the same
 * supplier's next invoice has its lines matched by those codes, with nothing picked by hand.
 */

const shots = path.join(import.meta.dirname, '..', 'test-results');
const cui = '14399840';
const supplier = 'Piese Auto Mureș SRL';

/** Two parts as the supplier calls them: its item code (BT-155), name, quantity and unit price in bani. */
const parts = [
  { code: 'PAM-PF-204', name: 'Plăcuțe frână față', qty: '2', price: 18_550 },
  { code: 'PAM-UL-530', name: 'Ulei motor 5W-30', qty: '5', price: 4_200 },
] as const;

/** The supplier's invoice to the company as its software sends it through ANAF, with its item codes. */
function supplierInvoiceXml(numar: number, qty: (i: number) => string): string {
  const party = (p: Partial<Party>): Party => ({
    tip: 'pj', nume: '', codFiscal: null, cnp: null, regCom: null, adresa: '', localitate: '', judet: '', codPostal: null, tara: 'RO',
    iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true, ...p,
  });
  const linii: InvoiceLine[] = parts.map((p, i) => ({
    descriere: p.name, um: 'buc', cantitate: qty(i), pretUnitar: p.price, categorie: 'S', cota: '21', motivScutire: null, valoare: p.price * Number(qty(i)),
  }));
  const doc: InvoiceDocument = {
    tip: 'factura', serie: 'PAM', numar, data: '2026-12-01', dataLivrare: '2026-12-01', dataScadenta: '2026-12-31', modalitatePlata: 'ordin_plata', moneda: 'RON',
    furnizor: party({ nume: supplier, codFiscal: 'RO18547290', regCom: 'J26/88/2004', adresa: 'Str. Țebei 3', localitate: 'Târgu Mureș', judet: 'MS', iban: 'RO49AAAA1B31007593840000' }),
    cumparator: party({ nume: 'Service Auto Someș SRL', codFiscal: `RO${cui}`, adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ' }),
    tvaLaIncasare: false, linii, totals: invoiceTotals(linii), stornoDe: null, comanda: null, observatii: null, emitent: null,
  };
  // The app's own invoices carry no item codes; a supplier's software writes them after the item's name.
  let xml = efacturaXml(doc);
  for (const p of parts) {
    const name = `<cbc:Name>${p.name}</cbc:Name>`;
    expect(xml.split(name)).toHaveLength(2);
    xml = xml.replace(name, `${name}<cac:SellersItemIdentification><cbc:ID>${p.code}</cbc:ID></cac:SellersItemIdentification>`);
  }
  return xml;
}

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

async function addPart(page: Page, code: string, name: string): Promise<void> {
  await page.goto('/warehouse/products/new');
  await page.getByTestId('product-code').fill(code);
  await page.getByTestId('product-name').fill(name);
  await page.getByTestId('product-save').click();
  await expect(page).toHaveURL(/\/warehouse\/products\/[0-9a-f-]{36}$/);
}

/** The products page's stock line of each code, one search after the other. */
async function stocksOf(page: Page, codes: readonly string[]): Promise<string[]> {
  await page.goto('/warehouse/products');
  const out: string[] = [];
  for (const code of codes) {
    await page.getByTestId('product-search').fill(code);
    const rows = page.getByTestId('product-row');
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(code);
    out.push(((await rows.getByTestId('product-stock').textContent()) ?? '').trim());
  }
  return out;
}

/** Opens the inbox's invoice `numar` in a new NIR and waits for its lines. */
async function receiptFrom(page: Page, numar: string): Promise<void> {
  await page.goto('/warehouse/receipts/new');
  const pick = page.getByTestId('receipt-from-invoice');
  await expect(pick.locator('option', { hasText: numar })).toHaveCount(1, { timeout: 30_000 });
  const value = await pick.locator('option', { hasText: numar }).getAttribute('value');
  await pick.selectOption(value ?? '');
  await expect(page.getByTestId('receipt-line')).toHaveCount(parts.length);
  await expect(page.getByTestId('receipt-supplier')).toHaveValue(supplier);
  await page.getByTestId('receipt-location').selectOption({ label: 'Magazie piese' });
}

test('a NIR from a received e-Factura invoice: lines matched by hand, remembered for the next invoice; stock rises; PDF page 1', async ({ browser }) => {
  test.setTimeout(300_000);
  const { fake, server, stop } = await serverWithFakeAnaf();
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 }, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signUp(page, `nir-spv-${randomUUID().slice(0, 8)}@service.ro`, 'Receptie-Spv-2026', 'Service Auto Someș SRL');
    await setEntitlements(page, context.request, { plan: 'full' });
    await fillCompanyProfile(page, { nume: 'Service Auto Someș SRL', cui: `RO${cui}`, 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ' });
    await page.goto('/efactura');
    await page.getByTestId('efactura-connect').click();
    await page.waitForURL(/\/efactura\?spv=connected$/);

    await addLocation(page, 'Magazie piese');
    await addPart(page, 'PF-01', 'Set plăcuțe frână față');
    await addPart(page, 'UL-530', 'Ulei 5W-30 (litru)');
    await synced(page);
    expect(await stocksOf(page, ['PF-01', 'UL-530'])).toEqual(parts.map(() => expect.stringMatching(/:\s*0 buc$/)));

    // The supplier's first invoice reaches the inbox.
    fake.addReceived(cui, supplierInvoiceXml(1204, (i) => parts[i]?.qty ?? '1'));
    await page.goto('/efactura/received');
    await page.getByTestId('received-fetch').click();
    await expect(page.getByTestId('received-item').filter({ hasText: 'PAM1204' })).toBeVisible({ timeout: 30_000 });
    await synced(page);

    // A NIR from it: no product is known by the supplier's codes yet, so each line is picked by hand.
    await receiptFrom(page, '1204');
    const lines = page.getByTestId('receipt-line');
    await expect(lines.filter({ hasText: /Alegeți produsul|Pick the product \(or/ })).toHaveCount(parts.length);
    for (const [i, code] of ['PF-01', 'UL-530'].entries()) {
      await lines.nth(i).getByRole('button', { name: /Alege produsul|Pick the product/ }).click();
      await page.getByTestId('receipt-product-search').fill(code);
      // The option of this search (the list of the last one may still be on screen for a moment).
      await page.getByTestId('receipt-product-option').filter({ hasText: code }).click();
    }
    await screenshot(page, path.join(shots, 'nir-from-efactura-phone.png'), { fullPage: true });
    await page.getByTestId('receipt-issue').click();
    await expect(page).toHaveURL(/\/warehouse\/receipts\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('receipt-title')).toHaveText(/^NIR \S+ 1$/);

    // Its PDF: page 1 as a PNG in the results, naming the supplier's invoice and both lines.
    await page.getByTestId('receipt-pdf').click();
    const pdf = await downloadOf(page, () => page.getByTestId('receipt-pdf-link').click());
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const page1 = await pdfPagePng(page, pdf.bytes, path.join(shots, 'nir-from-efactura-page1.png'), 2);
    for (const text of [supplier, 'factura nr. PAM1204', ...parts.flatMap((p) => [p.name, `cod furnizor ${p.code}`])]) expect(page1.text).toContain(text);
    await synced(page);

    const afterFirst = await stocksOf(page, ['PF-01', 'UL-530']);
    expect(afterFirst).toEqual(parts.map((p) => expect.stringMatching(new RegExp(`:\\s*${p.qty} buc$`))));

    // The same supplier's next invoice: its lines are matched by the codes remembered, nothing picked.
    fake.addReceived(cui, supplierInvoiceXml(1288, () => '1'));
    await page.goto('/efactura/received');
    await page.getByTestId('received-fetch').click();
    await expect(page.getByTestId('received-item').filter({ hasText: 'PAM1288' })).toBeVisible({ timeout: 30_000 });
    await synced(page);
    await receiptFrom(page, '1288');
    await expect(lines.filter({ hasText: /Găsit după codul furnizorului|Found by the supplier/ })).toHaveCount(parts.length);
    await expect(lines.filter({ hasText: /Alegeți produsul|Pick the product \(or/ })).toHaveCount(0);
    await page.getByTestId('receipt-issue').click();
    await expect(page.getByTestId('receipt-title')).toHaveText(/^NIR \S+ 2$/);
    await synced(page);
    // The first invoice has its NIR: the inbox of a new NIR offers only invoices without one.
    await page.goto('/warehouse/receipts/new');
    await expect(page.getByTestId('receipt-from-invoice').locator('option', { hasText: '1204' })).toHaveCount(0);

    const afterSecond = await stocksOf(page, ['PF-01', 'UL-530']);
    expect(afterSecond).toEqual(parts.map((p) => expect.stringMatching(new RegExp(`:\\s*${Number(p.qty) + 1} buc$`))));
  } finally {
    await context.close();
    await stop();
  }
});
