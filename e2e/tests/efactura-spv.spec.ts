import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { invoiceTotals, type InvoiceDocument, type InvoiceLine, type Party } from '@roaauto/shared';
import { efacturaXml } from '@roaauto/shared/efactura';
import { expect, test } from '../support/fixtures';
import { fillCompanyProfile, signUp, waitForServiceWorker } from '../support/app';
import { expectAcceptedByAnaf, serverWithFakeAnaf } from '../support/efactura';
import { screenshot } from '../support/screens';

/**
 * e-Factura end to end against a local fake of ANAF (the one the server tests use, as a real HTTP
 * server): the owner connects through the OAuth redirect round trip, an invoice goes "trimisă" →
 * "validată", one ANAF rejects shows its errors and what to do, and a supplier's invoice reaches the
 * inbox and opens as a PDF.
 */

const shots = path.join(import.meta.dirname, '..', 'test-results');
const cui = '14399840';

async function synced(page: Page): Promise<void> {
  await expect(page.getByTestId('sync-status')).toContainText(/Sincronizat|Synced/, { timeout: 30_000 });
}

/** A standalone invoice to a company, one line, issued from the Invoices page; its page stays open. */
async function issue(page: Page, what: string, price: string): Promise<void> {
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');
  await page.getByTestId('invoice-line-desc').fill(what);
  await page.getByTestId('invoice-line-price').fill(price);
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await synced(page);
}

/** A supplier's invoice to the company, as the supplier's own software would send it through ANAF. */
function supplierInvoiceXml(): string {
  const party = (p: Partial<Party>): Party => ({
    tip: 'pj', nume: '', codFiscal: null, cnp: null, regCom: null, adresa: '', localitate: '', judet: '', codPostal: null, tara: 'RO',
    iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true, ...p,
  });
  const linii: InvoiceLine[] = [
    { descriere: 'Plăcuțe frână față', um: 'set', cantitate: '2', pretUnitar: 18550, categorie: 'S', cota: '21', motivScutire: null, valoare: 37100 },
    { descriere: 'Ulei motor 5W-30', um: 'l', cantitate: '5', pretUnitar: 4200, categorie: 'S', cota: '21', motivScutire: null, valoare: 21000 },
  ];
  const doc: InvoiceDocument = {
    tip: 'factura', serie: 'PAM', numar: 1204, data: '2026-12-01', dataLivrare: '2026-12-01', dataScadenta: '2026-12-31', modalitatePlata: 'ordin_plata', moneda: 'RON',
    furnizor: party({ nume: 'Piese Auto Mureș SRL', codFiscal: 'RO18547290', regCom: 'J26/88/2004', adresa: 'Str. Țebei 3', localitate: 'Târgu Mureș', judet: 'MS', iban: 'RO49AAAA1B31007593840000' }),
    cumparator: party({ nume: 'Service Auto Someș SRL', codFiscal: `RO${cui}`, adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ' }),
    tvaLaIncasare: false, linii, totals: invoiceTotals(linii), stornoDe: null, comanda: null, observatii: null, emitent: null,
  };
  return efacturaXml(doc);
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await pdf.destroy();
  return out.join(' ').replace(/\s+/g, ' ');
}

test('e-Factura: connect to the SPV, an invoice sent and validated, one rejected with its errors, a supplier invoice in the inbox with its PDF', async ({ browser }) => {
  test.setTimeout(240_000);
  const { fake, server, stop } = await serverWithFakeAnaf();
  // A phone, used with one hand.
  const context = await browser.newContext({ baseURL: server.baseURL, viewport: { width: 390, height: 844 }, acceptDownloads: true });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await signUp(page, `spv-${randomUUID().slice(0, 8)}@service.ro`, 'Garaj-Somes-2026', 'Service Auto Someș SRL');
    await fillCompanyProfile(page, { nume: 'Service Auto Someș SRL', cui: `RO${cui}`, 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', 'serie-implicita': 'ROA' });
    await page.getByTestId('series-create').click();
    await expect(page.getByTestId('series-row')).toContainText('ROA');
    await synced(page);

    // The owner connects: ANAF's authorize page (the fake agrees at once) sends the browser back with a code.
    await page.goto('/efactura');
    await expect(page.getByTestId('efactura-connect')).toBeVisible();
    await page.getByTestId('efactura-connect').click();
    await page.waitForURL(/\/efactura\?spv=connected$/);
    expect(fake.requests.some((r) => r.path === '/oauth/authorize')).toBe(true);
    await expect(page.getByTestId('efactura-result')).toBeVisible();
    await expect(page.getByTestId('efactura-disconnect')).toBeVisible();
    await screenshot(page, path.join(shots, 'efactura-connected-phone.png'), { fullPage: true });

    // An invoice: sent by the button, "trimisă", then "validată" once ANAF has processed it.
    await issue(page, 'Revizie completă', '500');
    const state = page.getByTestId('efactura-state');
    // The e-Factura box asks the server again until the invoice has reached it.
    await expect(state).toHaveText(/Neîncărcată/, { timeout: 20_000 });
    await page.getByTestId('efactura-send').click();
    await expect(state).toHaveText(/Trimisă la ANAF/);
    await screenshot(page, path.join(shots, 'efactura-sent-phone.png'), { fullPage: true });
    await expect(state).toHaveText(/Validată de ANAF/, { timeout: 30_000 });
    await expect(page.getByTestId('efactura-zip')).toBeVisible();
    expect(fake.uploads).toHaveLength(1);
    expect(fake.uploads[0]).toMatchObject({ standard: 'UBL', cif: cui });
    await screenshot(page, path.join(shots, 'efactura-validated-phone.png'), { fullPage: true });

    // A second invoice ANAF rejects: its errors as ANAF wrote them, and what to do about it.
    const error = 'E: validari globale  eroare: [BR-RO-010]-Numărul facturii trebuie să conțină cel puțin un caracter numeric';
    fake.state.rejectNext = [error];
    await issue(page, 'Schimb ulei', '200');
    await expect(state).toHaveText(/Neîncărcată/, { timeout: 20_000 });
    await page.getByTestId('efactura-send').click();
    await expect(state).toHaveText(/Respinsă de ANAF/, { timeout: 30_000 });
    await expect(page.getByTestId('efactura-errors')).toContainText('BR-RO-010');
    await expect(page.getByTestId('efactura-errors')).toContainText('Numărul facturii trebuie să conțină');
    await expect(page.getByTestId('efactura-rejected-help')).toContainText('emiteți o factură storno');
    await screenshot(page, path.join(shots, 'efactura-rejected-phone.png'), { fullPage: true });
    expect(fake.uploads).toHaveLength(2);

    // Every file the server uploaded passes what ANAF itself runs.
    for (const u of fake.uploads) await expectAcceptedByAnaf(u.xml);

    // A supplier's invoice: listed by ANAF, read into the inbox, printed by the app as a PDF.
    fake.addReceived(cui, supplierInvoiceXml());
    await page.goto('/efactura/received');
    await page.getByTestId('received-fetch').click();
    const item = page.getByTestId('received-item').filter({ hasText: 'Piese Auto Mureș SRL' });
    await expect(item).toBeVisible({ timeout: 30_000 });
    await expect(item).toContainText('PAM1204');
    await expect(item).toContainText('703,01');
    await screenshot(page, path.join(shots, 'efactura-inbox-phone.png'), { fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('received-pdf').click()]);
    expect(download.suggestedFilename()).toBe('factura-primita-18547290-PAM1204.pdf');
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('FACTURĂ PRIMITĂ');
    expect(text).toContain('Piese Auto Mureș SRL');
    expect(text).toContain('Plăcuțe frână față');
    expect(text).toContain('Str. Țebei 3, Târgu Mureș, jud. Mureș');
    expect(text).toMatch(/Total de plată\s*703,01 RON/);

    // The inbox reads offline (synced rows), and the PDF is made on the device.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.reload();
    await expect(item).toBeVisible();
    const [offline] = await Promise.all([page.waitForEvent('download'), item.getByTestId('received-pdf').click()]);
    expect((await readFile(await offline.path())).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await context.setOffline(false);
  } finally {
    await context.close();
    await stop();
  }
});
