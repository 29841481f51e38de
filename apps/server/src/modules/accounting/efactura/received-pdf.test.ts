import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { receivedInvoiceDefinition, receivedUnit, type ReceivedDocument } from '@roaauto/shared';
import { renderPdf } from '@roaauto/shared/pdf/node';
import { readReceivedInvoice } from './received-ubl';

const samples = fileURLToPath(new URL('../../../../../../../shared/efactura/anaf-samples/', import.meta.url));
const sample = (f: string) => readFileSync(path.join(samples, f), 'utf8');

/** Every page's text as pdfjs extracts it (what copy-paste and search see), whitespace collapsed. */
async function pdfText(doc: ReceivedDocument): Promise<{ text: string; pages: number }> {
  const bytes = await renderPdf(receivedInvoiceDefinition(doc));
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { text: out.join('\n').replace(/\s+/g, ' '), pages };
}

/** "1246.00" → "1.246,00", as the PDF prints amounts. */
const ro = (amount: string) => {
  const [whole = '0', frac = ''] = amount.replace(/^-/, '').split('.');
  return `${amount.startsWith('-') ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac.padEnd(2, '0').slice(0, 2)}`;
};

describe('a received invoice as a PDF made by the app\'s engine', () => {
  it('prints every one of ANAF\'s samples: supplier, buyer, number, dates, every line, VAT and the amount payable', async () => {
    const files = readdirSync(samples).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const doc = readReceivedInvoice(sample(f));
      const { text } = await pdfText(doc);
      const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
      expect(text, f).toContain('FACTURĂ');
      expect(text, f).toContain('PRIMITĂ');
      expect(text, f).toContain(`Nr. ${doc.number}`);
      expect(text, f).toContain(squash(doc.supplier.name));
      expect(text, f).toContain(squash(doc.buyer.name));
      expect(text, f).toContain(doc.issueDate.split('-').reverse().join('.'));
      for (const l of doc.lines) expect(text, `${f}: ${l.description}`).toContain(squash(l.description).slice(0, 30));
      for (const v of doc.vat) expect(text, f).toContain(ro(v.amount));
      expect(text, f).toContain(`Total de plată ${ro(doc.totals.payable)} ${doc.currency}`);
    }
  }, 120_000);

  it('shows a foreign currency, the VAT in lei, unit codes as units, document allowances and charges, notes', async () => {
    const withAllowances = readdirSync(samples).filter((f) => f.endsWith('.xml')).map((f) => ({ f, doc: readReceivedInvoice(sample(f)) }))
      .find((x) => (x.doc.allowances ?? []).length > 0 && x.doc.currency !== 'RON');
    expect(withAllowances, 'a sample in a foreign currency with document allowances').toBeDefined();
    if (!withAllowances) return;
    const { doc } = withAllowances;
    const { text } = await pdfText(doc);
    expect(text).toContain(`Moneda: ${doc.currency}`);
    for (const a of doc.allowances ?? []) expect(text).toContain(a.charge ? 'Majorare' : 'Reducere');
    for (const n of doc.notes ?? []) expect(text).toContain(n.replace(/\s+/g, ' ').trim().slice(0, 25));
    expect(receivedUnit('H87')).toBe('buc');
    expect(receivedUnit('HUR')).toBe('ore');
    expect(receivedUnit('XYZ')).toBe('XYZ');

    const eur = readReceivedInvoice(sample('ubl_b2g_example3.xml'));
    expect(eur.taxCurrencyVat).toEqual({ currency: 'RON', amount: '628.62' });
    const eurText = (await pdfText(eur)).text;
    expect(eurText).toContain('TVA în RON: 628,62 RON');
    expect(eurText).toContain('1.246,00 EUR');
    // Paid in advance: the total with VAT, the advance, then what is left to pay.
    expect(eurText).toContain('Total cu TVA 1.520,12 EUR');
    expect(eurText).toContain('Plătit în avans -274,12 EUR');
    // A rounding of the amount payable (BT-114) is its own row.
    const rounded = (await pdfText(readReceivedInvoice(sample('ubl_b2g_example0.xml')))).text;
    expect(rounded).toContain('Total cu TVA 1.659,59 RON Plătit în avans -1.000,00 RON Rotunjire 0,30 RON Total de plată 659,89 RON');
  }, 60_000);

  it('prints Romanian letters as typed, cedillas turned to commas below, and a credit note as such', async () => {
    const doc = readReceivedInvoice(sample('ubl_b2g_example0.xml'));
    const ours: ReceivedDocument = {
      ...doc,
      kind: 'credit_note',
      supplier: { ...doc.supplier, name: 'Piese Auto Mureş Şi Fiii SRL', address: { street: 'Str. Țebei 3', city: 'Târgu Mureș', county: 'RO-MS', postalCode: null, country: 'RO' } },
      lines: [{ ...doc.lines[0], description: 'Plăcuțe frână față', quantity: '-2', unit: 'H87', unitPrice: '123.4567', net: '-246.91', vatCategory: 'S', vatPercent: '21', note: null, allowances: [] }],
      notes: ['Returnare piese: ambalaj deteriorat'],
      precedingInvoice: 'PAM 1204',
    };
    const { text, pages } = await pdfText(ours);
    expect(pages).toBe(1);
    expect(text).toContain('FACTURĂ STORNO PRIMITĂ');
    expect(text).toContain('Piese Auto Mureș Și Fiii SRL');
    expect(text).not.toMatch(/[şţŞŢ]/);
    expect(text).toContain('Str. Țebei 3, Târgu Mureș, jud. Mureș');
    expect(text).toContain('Plăcuțe frână față');
    expect(text).toContain('123,4567');
    expect(text).toContain('-246,91');
    expect(text).toContain('buc');
    expect(text).toContain('Corectează factura: PAM 1204');
    expect(text).toContain('Returnare piese: ambalaj deteriorat');
  }, 60_000);
});
