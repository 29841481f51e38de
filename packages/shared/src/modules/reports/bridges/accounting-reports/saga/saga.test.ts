import { describe, expect, it } from 'vitest';
import { invoiceTotals, type InvoiceDocument, type InvoiceLine } from '../../../../accounting/document';
import type { ReceivedDocument } from '../../../../accounting/received-invoices.table';
import { sampleBuyer, sampleSeller } from '../../../../accounting/pdf/fixtures';
import { decimalToBani, sagaAmount, sagaDate, sagaPrice, shareOut } from './format';
import { sagaMonthEnd, sagaMonthFiles } from './index';
import { sagaInvoicesXml, sagaIssuedInvoice, sagaReceivedInvoice } from './invoices';
import { sagaReceiptsFile } from './receipts';

/**
 * SAGA C.'s manual, "Import date" (https://manual.sagasoft.ro/sagac/topic-76-import-date.html): the tags of the
 * invoice import in the manual's order; `?` marks the ones it prints "Opțional". Copied here from the manual, not
 * from layout.ts, so a change of the layout that departs from the manual fails.
 */
const manualHeader = `FurnizorNume FurnizorCIF FurnizorNrRegCom FurnizorCapital FurnizorTara FurnizorLocalitate FurnizorJudet
  FurnizorAdresa FurnizorTelefon FurnizorMail FurnizorBanca FurnizorIBAN FurnizorInformatiiSuplimentare GUID_cod_client?
  ClientNume ClientInformatiiSuplimentare ClientCIF ClientNrRegCom ClientJudet ClientTara ClientLocalitate ClientAdresa
  ClientBanca ClientIBAN ClientTelefon ClientMail FacturaNumar FacturaData FacturaScadenta FacturaTaxareInversa
  FacturaTVAIncasare FacturaTip? FacturaInformatiiSuplimentare FacturaMoneda FacturaGreutate FacturaAccize? FacturaIndexSPV Cod?`;
const manualLine = `LinieNrCrt Gestiune? Activitate? Descriere CodArticolFurnizor? CodArticolClient? GUID_cod_articol? CodBare?
  InformatiiSuplimentare? UM Cantitate Pret Valoare ProcTVA? TVA Cont? TipDeducere? PretVanzare?`;
const manualReceipt = 'Data Numar Suma Cont ContClient? Explicatie FacturaID? FacturaNumar? CodFiscal? Moneda?';

const tagsOf = (spec: string) => spec.split(/\s+/).filter(Boolean).map((t) => ({ tag: t.replace('?', ''), optional: t.endsWith('?') }));

/** The child elements of the first `<parent>` in `xml`, in order, with their text. */
function children(xml: string, parent: string, nth = 0): { tag: string; text: string }[] {
  const blocks = xml.split(`<${parent}>`).slice(1);
  const block = (blocks[nth] ?? '').split(`</${parent}>`)[0] ?? '';
  return [...block.matchAll(/<(\w+)\/>|<(\w+)>([^<]*)<\/\2>/g)].map((m) => ({ tag: m[1] ?? m[2] ?? '', text: m[3] ?? '' }));
}

/** The tags written must be the manual's, in its order, with every non-optional one present. */
function expectManualOrder(written: readonly string[], spec: string) {
  const manual = tagsOf(spec);
  const positions = written.map((t) => manual.findIndex((m) => m.tag === t));
  expect(positions.every((p) => p >= 0), `unknown tags: ${written.filter((_, i) => positions[i] === -1).join(', ')}`).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  for (const m of manual.filter((x) => !x.optional)) expect(written).toContain(m.tag);
}

const line = (l: Omit<InvoiceLine, 'valoare' | 'motivScutire' | 'categorie'> & { valoare: number }): InvoiceLine => ({ ...l, categorie: 'S', motivScutire: null });

// Hand-computed: 1.5 × 150.00 = 225.00; 1 × 249.90; 1 × 89.00 at 11 %.
const lines: InvoiceLine[] = [
  line({ descriere: 'Manoperă înlocuire plăcuțe', um: 'ore', cantitate: '1.5', pretUnitar: 15000, cota: '21', valoare: 22500 }),
  line({ descriere: 'Plăcuțe frână <față> & spate', um: 'set', cantitate: '1', pretUnitar: 24990, cota: '21', valoare: 24990 }),
  line({ descriere: 'Carte tehnică', um: 'buc', cantitate: '1', pretUnitar: 8900, cota: '11', valoare: 8900 }),
];

const invoice: InvoiceDocument = {
  tip: 'factura', serie: 'ROA', numar: 12, data: '2026-11-23', dataLivrare: '2026-11-23', dataScadenta: '2026-12-08', modalitatePlata: 'ordin_plata',
  moneda: 'RON', furnizor: sampleSeller, cumparator: sampleBuyer, tvaLaIncasare: false, linii: lines, totals: invoiceTotals(lines),
  stornoDe: null, comanda: { numar: 7, nrAuto: 'BV 12 ABC' }, observatii: null, emitent: null,
};

describe('SAGA value formats', () => {
  it('writes dates as DD.MM.YYYY, amounts in lei with a dot and two decimals, prices with up to four', () => {
    expect(sagaDate('2026-11-03')).toBe('03.11.2026');
    expect(sagaAmount(123456)).toBe('1234.56');
    expect(sagaAmount(-5)).toBe('-0.05');
    expect(sagaAmount(0)).toBe('0.00');
    expect(sagaPrice(1234.56)).toBe('12.3456');
    expect(sagaPrice(1234.5)).toBe('12.345');
    expect(sagaPrice(24990)).toBe('249.90');
    expect(decimalToBani('12.345')).toBe(1235);
    expect(decimalToBani('-3.5')).toBe(-350);
    expect(decimalToBani('100')).toBe(10000);
    expect(sagaMonthEnd('2028-02')).toBe('2028-02-29');
  });

  it('shares a total out exactly, the rounding left to the largest weights', () => {
    expect(shareOut(9973, [22500, 24990])).toEqual([4725, 5248]);
    expect(shareOut(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    const random = Array.from({ length: 20 }, (_, i) => ((i * 7919) % 1000) + 1);
    expect(shareOut(12345, random).reduce((a, b) => a + b, 0)).toBe(12345);
  });
});

describe('SAGA import of an issued invoice (Ieșiri)', () => {
  const saga = sagaIssuedInvoice('inv-1', invoice);
  const xml = sagaInvoicesXml([saga]);

  it('is named F_<cod-fiscal>_<numar-factura>_<data-factura>.xml', () => {
    expect(saga.fileName).toBe('F_18547290_ROA12_23-11-2026.xml');
  });

  it('is a <Facturi> document with the header and line tags in the manual\'s order', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\r\n<Facturi>\r\n  <Factura>\r\n    <Antet>')).toBe(true);
    expectManualOrder(children(xml, 'Antet').map((c) => c.tag), manualHeader);
    for (let i = 0; i < 3; i++) expectManualOrder(children(xml, 'Linie', i).map((c) => c.tag), manualLine);
    expect(xml).toContain('<FacturaID>inv-1</FacturaID>\r\n  </Factura>\r\n</Facturi>');
  });

  it('writes the seller as Furnizor (so SAGA files it under Ieșiri), the buyer as Client, the dates and flags', () => {
    const h = Object.fromEntries(children(xml, 'Antet').map((c) => [c.tag, c.text]));
    expect(h).toMatchObject({
      FurnizorNume: sampleSeller.nume, FurnizorCIF: 'RO18547290', FurnizorJudet: 'Brașov', ClientNume: sampleBuyer.nume, ClientCIF: 'RO30548219',
      ClientJudet: 'Cluj', FacturaNumar: 'ROA12', FacturaData: '23.11.2026', FacturaScadenta: '08.12.2026', FacturaTaxareInversa: 'Nu',
      FacturaTVAIncasare: 'Nu', FacturaMoneda: 'RON', FacturaInformatiiSuplimentare: 'Auto BV 12 ABC',
    });
  });

  it('writes each line with its VAT, the group\'s VAT shared so the lines add up to the invoice', () => {
    const rows = [0, 1, 2].map((i) => Object.fromEntries(children(xml, 'Linie', i).map((c) => [c.tag, c.text])));
    // 21 %: base 474.90, VAT 99.729 -> 99.73, shared 47.25 + 52.48; 11 %: 89.00 × 0.11 = 9.79.
    expect(rows).toEqual([
      { LinieNrCrt: '1', Descriere: 'Manoperă înlocuire plăcuțe', UM: 'ore', Cantitate: '1.5', Pret: '150.00', Valoare: '225.00', ProcTVA: '21', TVA: '47.25' },
      { LinieNrCrt: '2', Descriere: 'Plăcuțe frână &lt;față&gt; &amp; spate', UM: 'set', Cantitate: '1', Pret: '249.90', Valoare: '249.90', ProcTVA: '21', TVA: '52.48' },
      { LinieNrCrt: '3', Descriere: 'Carte tehnică', UM: 'buc', Cantitate: '1', Pret: '89.00', Valoare: '89.00', ProcTVA: '11', TVA: '9.79' },
    ]);
    expect(invoice.totals.tva).toBe(9973 + 979);
  });

  it('writes a credit note with negative quantities and amounts and the invoice it reverses', () => {
    const neg = lines.map((l) => ({ ...l, cantitate: `-${l.cantitate}`, valoare: -l.valoare }));
    const storno: InvoiceDocument = { ...invoice, tip: 'storno', numar: 13, linii: neg, totals: invoiceTotals(neg), stornoDe: { serie: 'ROA', numar: 12, data: '2026-11-23' } };
    const out = sagaInvoicesXml([sagaIssuedInvoice('inv-2', storno)]);
    const first = Object.fromEntries(children(out, 'Linie').map((c) => [c.tag, c.text]));
    expect(first).toMatchObject({ Cantitate: '-1.5', Valoare: '-225.00', TVA: '-47.25' });
    expect(out).toContain('<FacturaInformatiiSuplimentare>Storno la factura ROA12 din 23.11.2026</FacturaInformatiiSuplimentare>');
  });

  it('marks reverse charge and writes a document discount as a line of its VAT group', () => {
    const ae: InvoiceLine = { descriere: 'Servicii UE', um: 'ore', cantitate: '2', pretUnitar: 10000, categorie: 'AE', cota: '0', motivScutire: 'Taxare inversă', valoare: 20000 };
    const discounted: InvoiceDocument = {
      ...invoice, linii: [ae], totals: invoiceTotals([ae], []),
      reduceri: [],
    };
    expect(children(sagaInvoicesXml([sagaIssuedInvoice('x', discounted)]), 'Antet').find((c) => c.tag === 'FacturaTaxareInversa')?.text).toBe('Da');
    const discount = { categorie: 'S' as const, cota: '21', motivScutire: null, baza: 47490, procent: '10', suma: 4749, motiv: 'Discount' };
    const withDiscount: InvoiceDocument = { ...invoice, reduceri: [discount], totals: invoiceTotals(lines, [discount]) };
    const out = sagaInvoicesXml([sagaIssuedInvoice('y', withDiscount)]);
    const last = Object.fromEntries(children(out, 'Linie', 3).map((c) => [c.tag, c.text]));
    expect(last).toMatchObject({ Descriere: 'Discount 10% (TVA 21%)', Valoare: '-47.49', ProcTVA: '21' });
    const vat = [0, 1, 2, 3].map((i) => decimalToBani(children(out, 'Linie', i).find((c) => c.tag === 'TVA')?.text ?? ''));
    expect(vat.reduce((a, b) => a + b, 0)).toBe(withDiscount.totals.tva);
  });
});

describe('SAGA import of a supplier invoice (Intrări)', () => {
  const received: ReceivedDocument = {
    kind: 'invoice', number: 'FA 0042', issueDate: '2026-11-05', dueDate: null, currency: 'RON',
    supplier: { name: 'Piese Auto Nord SRL', cui: '14399840', vatId: 'RO14399840', regCom: 'J12/1/2000', address: { street: 'Str. Fabricii 1', city: 'Cluj-Napoca', county: 'RO-CJ', postalCode: null, country: 'RO' }, iban: null },
    buyer: { name: sampleSeller.nume, cui: '18547290', vatId: 'RO18547290' },
    lines: [
      { description: 'Filtru aer', quantity: '3', unit: 'H87', unitPrice: '33.333', net: '100.00', vatCategory: 'S', vatPercent: '21', sellerCode: 'FA-1' },
      { description: 'Bujie', quantity: '4', unit: 'H87', unitPrice: '12.50', net: '50.00', vatCategory: 'S', vatPercent: '21' },
    ],
    vat: [{ category: 'S', percent: '21', base: '150.00', amount: '31.50' }],
    totals: { net: '150.00', vat: '31.50', total: '181.50', payable: '181.50' },
  };
  const saga = sagaReceivedInvoice('rec-1', received, '');
  const xml = sagaInvoicesXml([saga]);

  it('puts the company under ClientCIF (so SAGA files it under Intrări) and follows the manual\'s order', () => {
    expect(saga.fileName).toBe('F_14399840_FA-0042_05-11-2026.xml');
    const header = children(xml, 'Antet');
    expectManualOrder(header.map((c) => c.tag), manualHeader);
    expect(Object.fromEntries(header.map((c) => [c.tag, c.text]))).toMatchObject({ FurnizorCIF: 'RO14399840', ClientCIF: 'RO18547290', FurnizorJudet: 'Cluj', FacturaData: '05.11.2026' });
  });

  it('shares the VAT out over the lines: 31.50 as 21.00 + 10.50', () => {
    const rows = [0, 1].map((i) => Object.fromEntries(children(xml, 'Linie', i).map((c) => [c.tag, c.text])));
    for (let i = 0; i < 2; i++) expectManualOrder(children(xml, 'Linie', i).map((c) => c.tag), manualLine);
    expect(rows[0]).toMatchObject({ CodArticolFurnizor: 'FA-1', Pret: '33.333', Valoare: '100.00', TVA: '21.00' });
    expect(rows[1]).toMatchObject({ Valoare: '50.00', TVA: '10.50' });
  });

  it('says VAT on receipt when the supplier\'s notes carry the mention', () => {
    const flag = (d: ReceivedDocument) => children(sagaInvoicesXml([sagaReceivedInvoice('r', d, '')]), 'Antet').find((c) => c.tag === 'FacturaTVAIncasare')?.text;
    expect(flag(received)).toBe('Nu');
    expect(flag({ ...received, notes: ['TVA la încasare'] })).toBe('Da');
  });

  it('writes a supplier\'s credit note with negative quantities, amounts and VAT', () => {
    const out = sagaInvoicesXml([sagaReceivedInvoice('r', { ...received, kind: 'credit_note', precedingInvoice: 'FA 0041' }, '')]);
    expect(Object.fromEntries(children(out, 'Linie').map((c) => [c.tag, c.text]))).toMatchObject({ Cantitate: '-3', Valoare: '-100.00', TVA: '-21.00' });
    expect(out).toContain('<FacturaInformatiiSuplimentare>Storno la factura FA 0041</FacturaInformatiiSuplimentare>');
  });
});

describe('SAGA import of receipts (Încasări) and the month\'s files', () => {
  const payments = [
    { data: '2026-11-24', suma: 10000, metoda: 'numerar' as const, referinta: null, chitanta: { serie: 'CH', numar: 5 }, factura: { id: 'inv-1', serie: 'ROA', numar: 12, data: '2026-11-23', clientCodFiscal: 'RO30548219' } },
    { data: '2026-11-30', suma: 46925, metoda: 'ordin_plata' as const, referinta: 'OP 77', chitanta: null, factura: { id: 'inv-1', serie: 'ROA', numar: 12, data: '2026-11-23', clientCodFiscal: 'RO30548219' } },
  ];

  it('is named I_<data>.xml, one <Linie> a payment, cash to 5311 and the bank to 5121', () => {
    const file = sagaReceiptsFile(payments, '2026-11-30');
    expect(file.name).toBe('I_30-11-2026.xml');
    expect(file.content).toContain('<Incasari>');
    for (let i = 0; i < 2; i++) expectManualOrder(children(file.content, 'Linie', i).map((c) => c.tag), manualReceipt);
    expect(Object.fromEntries(children(file.content, 'Linie', 0).map((c) => [c.tag, c.text]))).toEqual({
      Data: '24.11.2026', Numar: 'CH5', Suma: '100.00', Cont: '5311', Explicatie: 'Incasare factura ROA12 din 23.11.2026',
      FacturaID: 'inv-1', FacturaNumar: 'ROA12', CodFiscal: 'RO30548219', Moneda: 'RON',
    });
    expect(Object.fromEntries(children(file.content, 'Linie', 1).map((c) => [c.tag, c.text]))).toMatchObject({ Numar: 'OP 77', Suma: '469.25', Cont: '5121' });
  });

  it('lists the month\'s files: Ieșiri, Intrări, the receipts', () => {
    const files = sagaMonthFiles({ month: '2026-11', issued: [{ id: 'inv-1', document: invoice }], received: [], payments });
    expect(files.map((f) => f.name)).toEqual(['iesiri/F_18547290_ROA12_23-11-2026.xml', 'I_30-11-2026.xml']);
    expect(sagaMonthFiles({ month: '2026-11', issued: [], received: [], payments: [] })).toEqual([]);
  });
});
