import { describe, it, expect } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { invoiceTotals, lineDiscount, lineGroups, lineValue, splitDocumentDiscount, type InvoiceLine } from '../document';
import { fixDiacritics, formatDate, formatLei, formatQuantity, formatUnitPrice } from '../../../pdf/format';
import { renderPdf } from '../../../pdf/render-node';
import { partyAddress } from '../../core/party';
import { devizDefinition } from '../../workshop/deviz-pdf';
import { invoiceDefinition } from './invoice-pdf';
import { euServiceReverseChargeReason } from '../issue';
import { sampleBuyer, sampleCreditNote, sampleDeviz, sampleInvoice, withLines } from './fixtures';

type Page = { text: string; items: string[]; width: number; height: number };

/** The text of every page, as pdfjs extracts it (what a reader's copy-paste or a search sees). */
async function extract(bytes: Uint8Array): Promise<Page[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const pages: Page[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const items = content.items.flatMap((i) => ('str' in i ? [i] : []));
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    pages.push({
      text: items.map((i) => i.str + (i.hasEOL ? '\n' : '')).join(''),
      items: items.map((i) => i.str),
      width: x1 - x0,
      height: y1 - y0,
    });
  }
  await pdf.destroy();
  return pages;
}

/** All pages' text, whitespace collapsed, so phrases match across the line breaks of table cells. */
const flat = (pages: Page[]) => pages.map((p) => p.text).join('\n').replace(/\s+/g, ' ');

/** Bytes as Latin-1 text, to look at the PDF's own syntax. */
const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

const codePoints = (s: string) => Array.from(s, (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`);

describe('formats', () => {
  it('prints money, quantities and dates the Romanian way, exactly', () => {
    expect(formatLei(123450)).toBe('1.234,50');
    expect(formatLei(-5)).toBe('-0,05');
    expect(formatLei(0)).toBe('0,00');
    expect(formatLei(100000000099)).toBe('1.000.000.000,99');
    expect(formatQuantity('1234.50')).toBe('1.234,5');
    expect(formatQuantity('-2')).toBe('-2');
    expect(formatDate('2025-09-01')).toBe('01.09.2025');
  });

  it('turns cedilla and decomposed letters into the comma-below ones', () => {
    expect(codePoints(fixDiacritics('şţŞŢ'))).toEqual(['U+0219', 'U+021B', 'U+0218', 'U+021A']);
    expect(fixDiacritics('s\u0327i t\u0326ara a\u0306')).toBe('și țara ă');
  });

  it('writes addresses with the county name, Bucharest by its sector', () => {
    expect(partyAddress(sampleBuyer)).toBe('Calea Mănăștur nr. 5, ap. 3, Cluj-Napoca, jud. Cluj, 400372');
    expect(partyAddress({ adresa: 'Bd. Unirii 1', localitate: 'SECTOR3', judet: 'B', codPostal: null, tara: 'RO' })).toBe('Bd. Unirii 1, Sector 3, București');
    expect(partyAddress({ adresa: 'Herzl 5', localitate: 'Haifa', judet: '', codPostal: null, tara: 'IL' })).toBe('Herzl 5, Haifa, Israel');
  });

  it('has fixtures with consistent totals', () => {
    const doc = sampleInvoice(40);
    expect(doc.linii).toHaveLength(40);
    expect(doc.totals).toEqual(invoiceTotals(doc.linii));
  });
});

describe('invoice PDF', () => {
  it('prints an invoice to a company in Cluj with 21% and 11% lines, diacritics as comma-below letters', async () => {
    // The buyer's name typed with cedillas, as older keyboards do: it must print with commas below.
    const doc = sampleInvoice(10, {
      tvaLaIncasare: true,
      cumparator: { ...sampleBuyer, nume: 'Transporturi \u0162ara Mo\u0163ilor \u015Ei Fiii SRL' },
    });
    expect(doc.totals).toMatchObject({ baza: 160585, tva: 32333, total: 192918 });

    const pages = await extract(await renderPdf(invoiceDefinition(doc)));
    const text = flat(pages);

    for (const [letter, cp] of [['ș', 'U+0219'], ['ț', 'U+021B'], ['Ș', 'U+0218'], ['Ț', 'U+021A'], ['ă', 'U+0103'], ['â', 'U+00E2'], ['î', 'U+00EE']] as const) {
      expect(codePoints(letter)).toEqual([cp]);
      expect(text).toContain(letter);
    }
    for (const cedilla of ['\u015F', '\u0163', '\u015E', '\u0162']) expect(text).not.toContain(cedilla);
    expect(text).toContain('Transporturi Țara Moților Și Fiii SRL');

    expect(text).toContain('FACTURĂ');
    expect(text).toContain('Seria BVSA nr. 1042');
    expect(text).toContain('CUI: RO18547290');
    expect(text).toContain('CUI: RO30548219');
    expect(text).toContain('Reg. Com.: J08/1234/2015');
    expect(text).toContain('Capital social: 200 lei');
    expect(text).toContain('Cluj-Napoca, jud. Cluj');
    expect(text).toContain('Brașov, jud. Brașov');
    expect(text).toContain('IBAN: RO58BTRL01301202F12345XX');
    expect(text).toContain('Data emiterii: 15.09.2025');
    expect(text).toContain('Data livrării: 12.09.2025');
    expect(text).toContain('Data scadenței: 30.09.2025');
    expect(text).toContain('Modalitate de plată: Ordin de plată');
    expect(text).toContain('TVA la încasare');
    // Totals and the VAT breakdown per rate, in Romanian number format.
    expect(text).toContain('Total fără TVA 1.605,85 RON');
    expect(text).toContain('TVA 323,33 RON');
    expect(text).toContain('Total de plată 1.929,18 RON');
    expect(text).toContain('TVA 21% 1.466,85 308,04');
    expect(text).toContain('TVA 11% 139,00 15,29');
    expect(text).toContain('Pagina 1 din 1');
  });

  it('prints line discounts under their lines, four-decimal prices and the document discounts in the totals', async () => {
    const base = (descriere: string, cantitate: string, pretUnitar: number, cota: string): InvoiceLine =>
      ({ descriere, um: 'buc', cantitate, pretUnitar, categorie: 'S', cota, motivScutire: null, valoare: lineValue({ cantitate, pretUnitar }) });
    const withDiscount = (l: InvoiceLine, reducere: InvoiceLine['reducere']): InvoiceLine => ({ ...l, reducere, valoare: lineValue({ ...l, reducere }) });
    const brakes = base('Plăcuțe frână', '2', 6170, '21');
    const linii = [
      withDiscount(brakes, lineDiscount(brakes, { procent: '10' }, 'Discount fidelitate')),
      withDiscount(base('Șaibă cupru', '10', 12.34, '21'), { procent: null, suma: 23, motiv: 'Discount' }),
      base('Carte tehnică', '1', 123456.78, '11'),
    ];
    const reduceri = splitDocumentDiscount(lineGroups(linii), { procent: '5' });
    const doc = { ...sampleInvoice(1), linii, reduceri, totals: invoiceTotals(linii, reduceri) };
    // 2 × 61,70 = 123,40, 10% of it 12,34; 10 × 0,1234 = 1,23 less 0,23; 1.234,5678 rounds to 1.234,57.
    expect(linii.map((l) => l.valoare)).toEqual([11106, 100, 123457]);
    expect(reduceri.map((d) => [d.cota, d.baza, d.suma])).toEqual([['21', 11206, 560], ['11', 123457, 6173]]);

    const text = flat(await extract(await renderPdf(invoiceDefinition(doc))));
    expect(text).toContain('Plăcuțe frână Reducere 10% din 123,40 — Discount fidelitate: −12,34');
    expect(text).toContain('Șaibă cupru Reducere — Discount: −0,23');
    expect(text).toContain('0,1234');
    expect(text).toContain('1.234,5678');
    expect(text).toContain('Total linii 1.346,63 RON');
    expect(text).toContain('Reducere 5% (TVA 21%) -5,60 RON');
    expect(text).toContain('Reducere 5% (TVA 11%) -61,73 RON');
    expect(text).toContain(`Total fără TVA ${formatLei(134663 - 560 - 6173)} RON`);
    expect(text).toContain(`TVA 21% ${formatLei(11206 - 560)} ${formatLei(2236)}`);
    expect(doc.totals.tva).toBe(2236 + 12901);
    expect(text).toContain(`Total de plată ${formatLei(doc.totals.total)} RON`);
    expect([formatUnitPrice(1234.56), formatUnitPrice(12.5), formatUnitPrice(12345678.9), formatUnitPrice(150000)]).toEqual(['12,3456', '0,125', '123.456,789', '1.500,00']);
  });

  it('prints an old invoice (no discounts) without the discount rows', async () => {
    const text = flat(await extract(await renderPdf(invoiceDefinition(sampleInvoice(3)))));
    expect(text).not.toContain('Total linii');
    expect(text).not.toContain('Reducere');
  });

  it('does not print "TVA la încasare" when the seller does not apply it', async () => {
    const text = flat(await extract(await renderPdf(invoiceDefinition(sampleInvoice(3)))));
    expect(text).not.toContain('TVA la încasare');
    expect(text).toContain('Data livrării bunurilor / prestării serviciilor: 12.09.2025');
  });

  it('repeats the table header on every page, keeps rows whole and numbers the pages', async () => {
    const pages = await extract(await renderPdf(invoiceDefinition(sampleInvoice(60))));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const second = pages[1];
    if (!second) throw new Error('no page 2');
    const secondText = second.text.replace(/\s+/g, ' ');
    for (const heading of ['Nr. crt.', 'Denumire', 'U.M.', 'Cantitate', 'Preț unitar (fără TVA)', 'Valoare', 'Cota TVA']) {
      expect(secondText).toContain(heading);
    }
    expect(secondText).toContain('Pagina 2 din');
    pages.forEach((p, i) => expect(p.text).toContain(`Pagina ${i + 1} din ${pages.length}`));
    // A row never splits: a description's last line "(poz. N)" is on the page that shows the row number N.
    for (const p of pages) {
      for (const m of p.text.matchAll(/\(poz\. (\d+)\)/g)) expect(p.items).toContain(m[1]);
    }
  });

  it('names the invoice a credit note reverses', async () => {
    const invoice = sampleInvoice(10);
    const credit = sampleCreditNote(invoice);
    expect(credit.totals.total).toBe(-invoice.totals.total);
    const text = flat(await extract(await renderPdf(invoiceDefinition(credit))));
    expect(text).toContain('FACTURĂ STORNO');
    expect(text).toContain('Seria BVSA nr. 1043');
    expect(text).toContain('Stornează factura seria BVSA nr. 1042 din 15.09.2025');
    expect(text).toContain('Total de plată -1.929,18 RON');
    expect(text).toContain('-1,5');
  });

  it('prints "taxare inversă" for a reverse-charge line and the legal basis of an exemption', async () => {
    const base = sampleInvoice(2);
    const extra: Omit<InvoiceLine, 'valoare'>[] = [
      { descriere: 'Deșeuri feroase (fier vechi)', um: 'kg', cantitate: '350', pretUnitar: 90, categorie: 'AE', cota: '0', motivScutire: 'art. 331 alin. (2) lit. a) din Codul fiscal' },
      { descriere: 'Taxă de timbru verde achitată în numele clientului', um: 'buc', cantitate: '1', pretUnitar: 5000, categorie: 'O', cota: '0', motivScutire: 'sume încasate în numele și în contul altei persoane, art. 286 alin. (4) lit. c)' },
    ];
    const doc = withLines(base, [...base.linii, ...extra]);
    const text = flat(await extract(await renderPdf(invoiceDefinition(doc))));
    expect(text).toContain('taxare inversă');
    expect(text).toContain('taxare inversă — art. 331 alin. (2) lit. a) din Codul fiscal');
    expect(text).toContain('Operațiune neimpozabilă / în afara sferei TVA — sume încasate în numele și în contul altei persoane');
    expect(text).toContain('Taxare inversă art. 331 alin. (2) lit. a) din Codul fiscal 315,00 0,00');
  });

  it('prints a company abroad with its VAT number and country, services reverse-charged', async () => {
    const base = sampleInvoice(2);
    const doc = withLines({
      ...base,
      cumparator: { ...sampleBuyer, nume: 'Fuvarozó Kft.', codFiscal: 'HU12892312', regCom: null, adresa: 'Kossuth Lajos sugárút 12', localitate: 'Szeged', judet: '', codPostal: '6724', tara: 'HU' },
    }, base.linii.map((l) => ({ ...l, categorie: 'AE' as const, cota: '0', motivScutire: euServiceReverseChargeReason })));
    const text = flat(await extract(await renderPdf(invoiceDefinition(doc))));
    expect(text).toContain('Cod TVA: HU12892312');
    expect(text).toContain('Kossuth Lajos sugárút 12, Szeged, 6724, Ungaria');
    expect(text).toContain('taxare inversă — art. 278 alin. (2) Codul fiscal, art. 196 Directiva 2006/112/CE');
    expect(text).not.toContain('CUI: HU');
  });

  it('prints the logo from a data URL and ignores anything else', async () => {
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const withLogo = invoiceDefinition(sampleInvoice(1), { logo: png });
    expect(withLogo.images).toEqual({ logo: png });
    const bytes = await renderPdf(withLogo);
    expect(latin1(bytes)).toContain('/Subtype /Image');
    expect(invoiceDefinition(sampleInvoice(1), { logo: 'https://example.com/logo.png' }).images).toBeUndefined();
    expect(invoiceDefinition(sampleInvoice(1), { logo: '/etc/passwd' }).images).toBeUndefined();
  });

  it('is an A4 PDF, and one definition renders twice the same', async () => {
    const definition = invoiceDefinition(sampleInvoice(5));
    const bytes = await renderPdf(definition);
    expect(latin1(bytes.slice(0, 5))).toBe('%PDF-');
    const pages = await extract(bytes);
    expect(pages[0]?.width).toBeCloseTo(595.28, 2);
    expect(pages[0]?.height).toBeCloseTo(841.89, 2);
    expect(flat(await extract(await renderPdf(definition)))).toBe(flat(pages));
  });
});

describe('deviz PDF', () => {
  it('prints labour and materials, the vehicle, the client and the totals with VAT', async () => {
    const doc = sampleDeviz(6);
    expect(doc.totals).toMatchObject({ manopera: 75000, materiale: 111020, baza: 186020, tva: 39064, total: 225084 });
    const pages = await extract(await renderPdf(devizDefinition(doc)));
    const text = flat(pages);
    expect(text).toContain('DEVIZ');
    expect(text).toContain('nr. 318');
    expect(text).toContain('Data: 10.09.2025');
    expect(text).toContain('Nr. auto: BV 07 STF');
    expect(text).toContain('Marcă / model: Volkswagen Golf V');
    expect(text).toContain('VIN: WVWZZZ1K36W612345');
    expect(text).toContain('Km: 187.450');
    expect(text).toContain('Andrei Mureșan');
    expect(text).toContain('Manoperă');
    expect(text).toContain('Înlocuire kit distribuție Mihai Țurcanu 3,5 150,00 525,00');
    expect(text).toContain('Materiale');
    expect(text).toContain('Antigel concentrat G12+ l 3 28,90 86,70');
    expect(text).toContain('Total manoperă 750,00 RON');
    expect(text).toContain('Total materiale 1.110,20 RON');
    expect(text).toContain('Total fără TVA 1.860,20 RON');
    expect(text).toContain('TVA (21%) 390,64 RON');
    expect(text).toContain('Total cu TVA 2.250,84 RON');
    expect(text).toContain('Nume, semnătura');
    expect(text).toContain('Pagina 1 din 1');
    expect(pages[0]?.width).toBeCloseTo(595.28, 2);
  });

  it('prints no "Mecanic" column when no labour line names a mechanic, and keeps it when one does', async () => {
    const sample = sampleDeviz(6);
    const noMechanic = { ...sample, linii: sample.linii.map((l) => ({ ...l, mecanic: l.tip === 'manopera' ? '  ' : null })) };
    const definition = devizDefinition(noMechanic);
    const labourTable = (def: typeof definition) =>
      def.content.find((c): c is Extract<typeof c, { table: unknown }> => typeof c === 'object' && 'table' in c && JSON.stringify(c).includes('Operațiune'));
    const without = labourTable(definition);
    expect(without?.table.widths).toHaveLength(5);
    expect(without?.table.body.every((row) => row.length === 5)).toBe(true);
    const text = flat(await extract(await renderPdf(definition)));
    expect(text).not.toContain('Mecanic');
    expect(text).toContain('Nr. crt. Operațiune Ore Tarif orar Valoare');
    expect(text).toContain('Înlocuire kit distribuție 3,5 150,00 525,00');
    expect(text).toContain('Total manoperă 750,00');

    const oneMechanic = { ...noMechanic, linii: noMechanic.linii.map((l, i) => (i === 2 ? { ...l, mecanic: 'Ion Dumitrașcu' } : l)) };
    const withColumn = labourTable(devizDefinition(oneMechanic));
    expect(withColumn?.table.widths).toHaveLength(6);
    expect(withColumn?.table.body.every((row) => row.length === 6)).toBe(true);
    expect(flat(await extract(await renderPdf(devizDefinition(oneMechanic))))).toContain('Nr. crt. Operațiune Mecanic Ore');
  });

  it('repeats the labour table header when a long deviz runs over pages', async () => {
    const pages = await extract(await renderPdf(devizDefinition(sampleDeviz(80))));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[1]?.text.replace(/\s+/g, ' ')).toMatch(/Nr\. crt\. (Operațiune|Denumire)/);
  });
});

describe('browser renderer', () => {
  it('renders the same document through pdfmake\'s browser bundle', async () => {
    // The bundle is self-contained (its own Buffer and zlib), so it runs in Node as it does in a page.
    const { renderPdf: renderInBrowserBuild } = await import('../../../pdf/render-browser');
    const definition = invoiceDefinition(sampleInvoice(12, { tvaLaIncasare: true }));
    const [browser, server] = await Promise.all([renderInBrowserBuild(definition), renderPdf(definition)]);
    expect(browser).toBeInstanceOf(Uint8Array);
    expect(latin1(browser.slice(0, 5))).toBe('%PDF-');
    expect(flat(await extract(browser))).toBe(flat(await extract(server)));
  });
});
