import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import { downloadOf, pdfPagePng } from '../support/pdf';
import { fillCompanyProfile, type CompanyFields } from '../support/app';
import { expectAccessible } from '../support/a11y';
import { expectAcceptedByAnaf } from '../support/efactura';
import { screenshot } from '../support/screens';

// A phone, used with one hand.
test.use({ viewport: { width: 390, height: 844 }, acceptDownloads: true });

const shots = path.join(import.meta.dirname, '..', 'test-results');

function lei(amount: string): RegExp {
  return new RegExp(`^\\s*${amount.replace(/\./g, '\\.')}\\s+RON\\s*$`);
}

/**
 * The invoice form's bottom bar on a phone: opaque (fields scrolled under it never show through), one row with
 * the total and the main action, and, with the navigation under it, well under a fifth of the screen.
 */
async function expectCompactOpaqueBar(page: Page): Promise<void> {
  const bar = page.getByTestId('invoice-totals');
  await expect(bar).toBeVisible();
  const look = await bar.evaluate((el) => {
    const style = getComputedStyle(el);
    const nav = document.querySelector('nav.fixed');
    const box = el.getBoundingClientRect();
    const button = el.querySelector('[data-testid="invoice-issue"]')?.getBoundingClientRect();
    const total = el.querySelector('[data-testid="invoice-total"]')?.getBoundingClientRect();
    return {
      background: style.backgroundColor,
      image: style.backgroundImage,
      opacity: style.opacity,
      barHeight: box.height,
      barTop: box.top,
      navTop: nav?.getBoundingClientRect().top ?? window.innerHeight,
      viewport: window.innerHeight,
      sameRow: !!button && !!total && total.top < button.bottom && button.top < total.bottom,
    };
  });
  // A solid colour: Chromium writes an opaque one as rgb(r, g, b), anything see-through with an alpha.
  expect(look.background, 'the bar\'s background is opaque').toMatch(/^rgb\(\d+, \d+, \d+\)$/);
  expect(look.image).toBe('none');
  expect(look.opacity).toBe('1');
  expect(look.sameRow, 'the total and the button share one row').toBe(true);
  // The bar sits right on the navigation: no gap for the page to show through.
  expect(Math.abs(look.barTop + look.barHeight - look.navTop)).toBeLessThanOrEqual(1);
  expect(look.viewport - look.barTop, 'bar and navigation together').toBeLessThan(look.viewport * 0.2);
}

/** The seller of these tests: a VAT payer in Cluj. */
const seller: CompanyFields = {
  nume: 'Service Auto Someș SRL', cui: 'RO14399840', 'reg-com': 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ',
  iban: 'RO49AAAA1B31007593840000', banca: 'Banca Transilvania',
};

test('no account: company profile, an invoice from a validated order, its PDF and e-Factura XML, a credit note, the deviz', async ({ page }) => {
  // The longest walk of the suite (PDFs drawn, XML checked with ANAF's rules): about 50 s on a busy 2-core machine.
  test.setTimeout(180_000);
  // The company's fiscal profile first: the invoice needs the seller.
  await page.goto('/invoices/new');
  await expect(page.getByTestId('invoice-missing-profile')).toBeVisible();
  await fillCompanyProfile(page, seller);
  await screenshot(page, path.join(shots, 'company-phone.png'), { fullPage: true });

  // A validated order: vehicle, two lines.
  await page.goto('/orders/new');
  const vehicle = page.getByTestId('order-vehicle');
  await vehicle.getByTestId('vehicle-picker-input').fill('cj 22 ști');
  await vehicle.getByTestId('vehicle-picker-new').click();
  await vehicle.getByTestId('vehicle-owner').fill('Ștefan Țurcanu');
  await vehicle.getByTestId('vehicle-phone').fill('0744 111 222');
  await vehicle.getByTestId('vehicle-save').click();
  await expect(page.getByTestId('order-number')).toHaveText('Comanda nr. 1');
  await page.getByTestId('order-add-labour').click();
  let line = page.locator('[data-section="manopera"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Înlocuire plăcuțe frână față');
  await line.getByTestId('line-qty').fill('1,5');
  await line.getByTestId('line-price').fill('150');
  await page.getByTestId('order-add-material').click();
  line = page.locator('[data-section="material"] [data-testid="order-line"]').last();
  await line.getByTestId('line-desc').fill('Plăcuțe frână față');
  await line.getByTestId('line-qty').fill('1');
  await line.getByTestId('line-price').fill('289,90');
  await expect(page.getByTestId('order-save-state')).toHaveText('Salvat');
  await page.getByTestId('order-save').click();
  await page.getByTestId('order-validate').click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'VALIDAT');

  // A backup from before the invoice: restoring it later would lose an issued invoice.
  await page.goto('/settings');
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-save').click()]);
  const oldBackup = test.info().outputPath('before-invoice.json');
  await saved.saveAs(oldBackup);
  await page.goBack();

  // The invoice, prefilled from the order; the buyer is a person without a CNP.
  await page.getByTestId('order-invoice').click();
  await expect(page).toHaveURL(/\/invoices\/new\?order=/);
  await expect(page.getByTestId('invoice-line')).toHaveCount(2);
  await expect(page.getByTestId('buyer-name')).toHaveValue('Ștefan Țurcanu');
  await page.getByTestId('buyer-pf').check({ force: true });
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');
  // 1.5 h × 150.00 = 225.00; 289.90; net 514.90; VAT 21 % = 108.129 → 108.13; total 623.03.
  await expect(page.getByTestId('invoice-total-net')).toHaveText(lei('514,90'));
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('623,03'));
  await expect(page.getByTestId('invoice-next-number')).toHaveText('Seria ROA, numărul 1');
  await expectCompactOpaqueBar(page);
  await screenshot(page, path.join(shots, 'invoice-new-phone.png'));
  await page.getByTestId('invoice-issue').click();
  await expect(page).toHaveURL(/\/invoices\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  await expect(page.getByTestId('invoice-detail-total')).toHaveText(lei('623,03'));
  await expect(page.getByTestId('invoice-events')).toContainText('Emisă');
  await screenshot(page, path.join(shots, 'invoice-detail-phone.png'), { fullPage: true });
  const invoiceUrl = page.url();

  // The PDF, made in the browser; page 1 as a picture for people to look at.
  const pdf = await downloadOf(page, () => page.getByTestId('invoice-pdf').click());
  expect(pdf.name).toBe('Factura-ROA-1.pdf');
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await pdfPagePng(page, pdf.bytes, path.join(shots, 'invoice-page1.png'));
  const xml = await downloadOf(page, () => page.getByTestId('invoice-xml').click());
  expect(xml.name).toBe('Factura-ROA-1.xml');
  const text = xml.bytes.toString('utf8');
  await expectAcceptedByAnaf(text);
  expect(text).toContain('urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1');
  expect(text).toContain('0000000000000');
  expect(text).toContain('RO-CJ');
  await expect(page.getByTestId('invoice-events')).toContainText('XML e-Factura');
  await expect(page.getByTestId('invoice-whatsapp')).toHaveAttribute('href', /^https:\/\/wa\.me\/40744111222\?text=Factura%20ROA%201/);

  // The order is invoiced and links to its invoice.
  await page.goto('/orders');
  await page.getByTestId('order-row').first().click();
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'FACTURAT');
  const deviz = await downloadOf(page, () => page.getByTestId('order-deviz-pdf').click());
  expect(deviz.name).toBe('Deviz-1.pdf');
  expect(deviz.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await pdfPagePng(page, deviz.bytes, path.join(shots, 'deviz-page1.png'));
  // The Free plan's tip after a deviz sent by hand, once; "Nu, mulțumesc" hides it.
  await expect(page.getByTestId('suggestion')).toHaveAttribute('data-suggestion', 'pdfShare');
  await page.getByTestId('suggestion-dismiss').click();
  await expect(page.getByTestId('suggestion')).toHaveCount(0);
  await page.getByTestId('order-view-invoice').click();
  await expect(page).toHaveURL(invoiceUrl);

  // A partial credit note: the labour only.
  await page.getByTestId('invoice-storno').click();
  await expect(page.getByTestId('invoice-storno-of')).toContainText('ROA 1');
  const quantities = page.getByTestId('invoice-line-qty');
  await expect(quantities).toHaveCount(2);
  await quantities.nth(1).fill('0');
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('-272,25'));
  await expectCompactOpaqueBar(page);
  await screenshot(page, path.join(shots, 'credit-note-new-phone.png'));
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura storno ROA 2');
  await expect(page.getByTestId('invoice-reverses')).toContainText('ROA 1');
  await page.getByTestId('invoice-reverses').click();
  await expect(page.getByTestId('invoice-reversed-by')).toContainText('ROA 2');
  // A second credit note offers only what is left: the material line.
  await page.getByTestId('invoice-storno').click();
  await expect(page.getByTestId('invoice-line-qty')).toHaveCount(1);
  await expect(page.getByTestId('invoice-line-desc')).toHaveValue('Plăcuțe frână față');
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('-350,78'));
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura storno ROA 3');
  // Nothing is left to reverse: the invoice says so and offers no further credit note.
  await page.getByTestId('invoice-reverses').click();
  await expect(page.getByTestId('invoice-reversed-by')).toHaveText('Stornată integral de ROA 2, ROA 3');
  await expect(page.getByTestId('invoice-storno')).toHaveCount(0);
  await expect(page.getByTestId('invoice-over-reversed')).toHaveCount(0);

  // The old backup is refused: it does not have the invoices this device issued.
  await page.goto('/settings');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('backup-restore').setInputFiles(oldBackup);
  await expect(page.getByText(/mai vechi decât facturile emise/)).toBeVisible();

  // The list: the invoice and its two credit notes, marked.
  await page.goto('/invoices');
  await expect(page.getByTestId('invoice-row')).toHaveCount(3);
  await page.getByTestId('invoice-search').fill('roa2');
  await expect(page.getByTestId('invoice-row')).toHaveCount(1);
  await expect(page.getByTestId('invoice-row')).toContainText('Storno');
});

test('no account: an invoice to a company in Hungary, reverse-charged, with e-Factura\'s limits checked in the form', async ({ page }) => {
  await fillCompanyProfile(page, seller);
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Fuvarozó Kft.');
  // Bucharest is written by its sector: "București" is refused before anything is issued.
  await page.getByTestId('buyer-county').selectOption('B');
  await page.getByTestId('buyer-city').fill('București');
  await expect(page.getByText('În București scrieți sectorul')).toBeVisible();

  await page.getByTestId('buyer-country').selectOption('HU');
  await expect(page.getByTestId('buyer-county')).toHaveCount(0);
  await page.getByTestId('buyer-cui').fill('12892312');
  await expect(page.getByText('Un cod TVA din UE începe cu prefixul țării')).toBeVisible();
  await page.getByTestId('buyer-cui').fill('HU12892312');
  await page.getByTestId('buyer-address').fill('Kossuth Lajos sugárút 12');
  await page.getByTestId('buyer-city').fill('Szeged');
  const line = page.getByTestId('invoice-line').first();
  await line.getByTestId('invoice-line-desc').fill(`Reparație sistem frânare semiremorcă ${'x'.repeat(70)}`);
  await expect(line.getByText('denumirea are peste 100 de caractere')).toBeVisible();
  await line.getByTestId('invoice-line-desc').fill('Reparație sistem frânare semiremorcă');
  await line.getByTestId('invoice-line-um').fill('ore');
  await line.getByTestId('invoice-line-price').fill('180');
  // A minus is a returned part: alone it sells nothing, and the form says so before anything is issued.
  await line.getByTestId('invoice-line-qty').fill('-3');
  await expect(line.getByTestId('invoice-line-return')).toBeVisible();
  await expect(page.getByTestId('invoice-total-error')).toContainText('O factură vinde ceva');
  // What the form cannot take as typed is refused with the reason, never changed.
  await line.getByTestId('invoice-line-qty').fill('1,2345');
  await expect(line.getByText('Rândul 1: cantitatea are cel mult 3 zecimale')).toBeVisible();
  // The line is not in the total, and says so.
  await expect(line.getByTestId('invoice-line-left-out')).toHaveText('Rândul nu intră în total până nu îl corectați.');
  await line.getByTestId('invoice-line-price').fill('1.250,50');
  await expect(line.getByText('Rândul 1: scrieți prețul fără separator de mii')).toBeVisible();
  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-error')).toContainText('Rândul 1: cantitatea are cel mult 3 zecimale');
  await line.getByTestId('invoice-line-price').fill('180');
  await line.getByTestId('invoice-line-qty').fill('3');
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('653,40'));
  // A VAT-registered company in the EU: one tap puts every line on reverse charge.
  await expect(page.getByTestId('buyer-eu-hint')).toBeVisible();
  await page.getByTestId('buyer-eu-reverse-charge').click();
  await expect(line.getByTestId('invoice-line-vat')).toHaveValue('AE');
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('540,00'));
  // Nothing wider than the phone (a country list's long names once pushed the form sideways).
  await screenshot(page, path.join(shots, 'invoice-eu-phone.png'), { fullPage: true });
  await page.getByTestId('invoice-issue').click();

  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  await expect(page.getByTestId('invoice-buyer-address')).toHaveText('Kossuth Lajos sugárút 12, Szeged, Ungaria');
  await expect(page.getByText('Cod TVA: HU12892312')).toBeVisible();
  const xml = (await downloadOf(page, () => page.getByTestId('invoice-xml').click())).bytes.toString('utf8');
  expect(xml).toContain('<cbc:IdentificationCode>HU</cbc:IdentificationCode>');
  expect(xml).toContain('<cbc:CompanyID>HU12892312</cbc:CompanyID>');
  expect(xml).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-AE</cbc:TaxExemptionReasonCode>');
  expect(xml).toContain('art. 278 alin. (2)');
  await expectAcceptedByAnaf(xml);
  const pdf = await downloadOf(page, () => page.getByTestId('invoice-pdf').click());
  await pdfPagePng(page, pdf.bytes, path.join(shots, 'invoice-eu-page1.png'));
});

test('no account: an invoice with a line discount, a returned part, a four-decimal price and a discount on the whole invoice', async ({ page }) => {
  test.setTimeout(120_000);
  await fillCompanyProfile(page, seller);
  await page.goto('/invoices/new');
  await page.getByTestId('buyer-name').fill('Transport Rapid SRL');
  await page.getByTestId('buyer-cui').fill('RO18547290');
  await page.getByTestId('buyer-address').fill('Str. Fabricii 5');
  await page.getByTestId('buyer-city').fill('Cluj-Napoca');
  await page.getByTestId('buyer-county').selectOption('CJ');

  const lines = page.getByTestId('invoice-line');
  const fill = async (i: number, desc: string, qty: string, price: string) => {
    const l = lines.nth(i);
    await l.getByTestId('invoice-line-desc').fill(desc);
    await l.getByTestId('invoice-line-qty').fill(qty);
    await l.getByTestId('invoice-line-price').fill(price);
    return l;
  };
  // 2 × 61,70 = 123,40 less 10 % (12,34): 111,06.
  const brakes = await fill(0, 'Plăcuțe frână Bosch', '2', '61,70');
  await brakes.getByTestId('invoice-line-add-discount').click();
  await brakes.getByTestId('invoice-line-discount').fill('10');
  await brakes.getByTestId('invoice-line-discount-reason').fill('Discount fidelitate');
  await expect(brakes.getByTestId('invoice-line-value')).toHaveText(lei('111,06'));
  // A part bought at four decimals: 3 × 12,3456 = 37,0368, the line rounded once to 37,04.
  await page.getByTestId('invoice-add-line').click();
  const gasket = await fill(1, 'Garnitură chiulasă', '3', '12,3456');
  await expect(gasket.getByTestId('invoice-line-value')).toHaveText(lei('37,04'));
  await page.getByTestId('invoice-add-line').click();
  const book = await fill(2, 'Carte tehnică', '1', '89');
  await book.getByTestId('invoice-line-vat').selectOption('S:11');
  // A returned part: a minus, marked as a return, taken off the total.
  await page.getByTestId('invoice-add-line').click();
  // A phone's number pad may have no minus: the line's "Retur" button puts it there.
  const returned = await fill(3, 'Bec H7 (retur)', '1', '25');
  await returned.getByTestId('invoice-line-return-toggle').click();
  await expect(returned.getByTestId('invoice-line-qty')).toHaveValue('-1');
  await expect(returned.getByTestId('invoice-line-return-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(returned.getByTestId('invoice-line-return')).toHaveText('Retur');
  await expect(returned.getByTestId('invoice-line-value')).toHaveText(/Retur\s*[-−]25,00\sRON/);
  // 5 % off the whole invoice, per VAT rate: 21 % lines 123,10 → 6,16; 11 % lines 89,00 → 4,45.
  await page.getByTestId('invoice-discount-value').fill('101');
  await expect(page.getByText('Reducerea pe factură în procente este între 0 și 100')).toBeVisible();
  await page.getByTestId('invoice-discount-value').fill('5');
  await page.getByTestId('invoice-discount-reason').fill('Client fidel');
  await expect(page.getByTestId('invoice-breakdown-lines')).toHaveText(lei('212,10'));
  await expect(page.getByTestId('invoice-breakdown-discount')).toHaveText([/Reducere 5% \(TVA 21%\)\s*[-−]6,16\sRON/, /Reducere 5% \(TVA 11%\)\s*[-−]4,45\sRON/]);
  await expect(page.getByTestId('invoice-breakdown-net')).toHaveText(lei('201,49'));
  // VAT 21 % of 116,94 = 24,56; 11 % of 84,55 = 9,30; total 235,35.
  await expect(page.getByTestId('invoice-total')).toHaveText(lei('235,35'));
  await expect(page.getByTestId('invoice-total-error')).toHaveCount(0);
  await expectAccessible(page, 'new invoice with discounts and a returned part (phone)');
  await expectCompactOpaqueBar(page);
  await screenshot(page, path.join(shots, 'invoice-discounts-phone.png'), { fullPage: true });

  await page.getByTestId('invoice-issue').click();
  await expect(page.getByTestId('invoice-title')).toHaveText('Factura ROA 1');
  await expect(page.getByTestId('invoice-detail-total')).toHaveText(lei('235,35'));
  await expect(page.getByTestId('invoice-detail-line-discount')).toHaveText(/Reducere 10% — Discount fidelitate: −12,34\sRON/);
  await expect(page.getByTestId('invoice-detail-discount')).toHaveCount(2);
  await expect(page.getByTestId('invoice-detail-lines-total')).toHaveText(lei('212,10'));
  await expectAccessible(page, 'invoice with discounts (phone)');
  await screenshot(page, path.join(shots, 'invoice-discounts-detail-phone.png'), { fullPage: true });

  const xml = (await downloadOf(page, () => page.getByTestId('invoice-xml').click())).bytes.toString('utf8');
  await expectAcceptedByAnaf(xml);
  expect(xml).toContain('<cbc:PriceAmount currencyID="RON">12.3456</cbc:PriceAmount>');
  expect(xml).toContain('<cbc:AllowanceChargeReason>Discount fidelitate</cbc:AllowanceChargeReason>');
  expect(xml).toContain('<cbc:AllowanceTotalAmount currencyID="RON">10.61</cbc:AllowanceTotalAmount>');
  expect(xml).toContain('<cbc:InvoicedQuantity unitCode="H87">-1</cbc:InvoicedQuantity>');
  expect(xml).toContain('<cbc:PayableAmount currencyID="RON">235.35</cbc:PayableAmount>');
  const pdf = await downloadOf(page, () => page.getByTestId('invoice-pdf').click());
  expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  await pdfPagePng(page, pdf.bytes, path.join(shots, 'invoice-discounts-page1.png'));
});

test('a new invoice is dated by the shop\'s day, not by UTC\'s', async ({ page }) => {
  // 22:30 UTC on 31 March 2026 is 01:30 on 1 April in Bucharest: the invoice belongs to April.
  await page.clock.setFixedTime(new Date('2026-03-31T22:30:00Z'));
  await page.goto('/invoices/new');
  await expect(page.getByTestId('invoice-date')).toHaveValue('2026-04-01');
  await expect(page.getByTestId('invoice-supply-date')).toHaveValue('2026-04-01');
});
