import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../pdf/render-node';
import {
  deliveryNoteProblem, stockReceiptLineAmounts, stockReceiptProblem, stockReceiptTotals, warehouseSeriesProblem,
  type DeliveryNoteDocument, type StockReceiptDocument,
} from './stock-documents';
import { deliveryNoteOps, invoicesWithReceipt, leiToUnitPriceBani, matchInvoiceLine, stockReceiptOps } from './stock-documents-issue';
import { deliveryNoteDefinition, receiptNoteDefinition } from './stock-documents-pdf';
import { deliveryNotesTable, stockReceiptsTable, warehouseSeriesTable } from './stock-documents.tables';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const content = await (await pdf.getPage(p)).getTextContent();
    parts.push(content.items.map((i) => ('str' in i ? i.str : '')).join(' '));
  }
  await pdf.destroy();
  return parts.join(' ').replace(/\s+/g, ' ');
}

const device = '0190f5a2-0000-7000-8000-0000000000d1';
const other = '0190f5a2-0000-7000-8000-0000000000d2';
const loc = '0190f5a2-0000-7000-8000-00000000010a';
const loc2 = '0190f5a2-0000-7000-8000-00000000010b';
const product = '0190f5a2-0000-7000-8000-00000000020a';
const series = { serie: 'NIR', numar_start: 1, ultimul_numar: 7, client_id: device, activa: 1, tip_document: 'nir' };

function receiptLine(cantitate: string, pretUnitar: number, cotaTva = '21') {
  return { productId: product, cod: 'FU-01', codFurnizor: 'BOS-0451', denumire: 'Filtru ulei Bosch', um: 'buc', cantitateDocument: cantitate, cantitate, pretUnitar, cotaTva, ...stockReceiptLineAmounts({ cantitate, pretUnitar, cotaTva }) };
}

function receiptDoc(): StockReceiptDocument {
  const linii = [receiptLine('4', 2550.5), { ...receiptLine('2.5', 1234.56), cantitateDocument: '3', ...stockReceiptLineAmounts({ cantitate: '2.5', pretUnitar: 1234.56, cotaTva: '21' }) }];
  return {
    serie: 'NIR', numar: 7, data: '2026-12-01', unitate: { nume: 'Service Țăranu SRL', cui: 'RO123456', adresa: 'Str. Fântânii 3, Cluj-Napoca' },
    gestiune: { id: loc, nume: 'Magazie piese' }, furnizor: { nume: 'Auto Distribuție Ștefănești SRL', cui: 'RO998877' },
    factura: { numar: 'ADS-4411', data: '2026-11-30' }, facturaPrimitaId: null, linii, totals: stockReceiptTotals(linii),
    comisie: ['Ion Popescu', 'Maria Ionescu'], observatii: null, emitent: 'Andrei Gheorghiță',
  };
}

function receiptRow(doc: StockReceiptDocument) {
  return {
    serie_id: '0190f5a2-0000-7000-8000-0000000000aa', serie: doc.serie, numar: doc.numar, data: doc.data, location_id: doc.gestiune.id, furnizor_nume: doc.furnizor.nume,
    furnizor_cui: doc.furnizor.cui, factura_numar: doc.factura.numar, factura_data: doc.factura.data, received_invoice_id: doc.facturaPrimitaId,
    total_fara_tva: doc.totals.baza, tva: doc.totals.tva, total: doc.totals.total, document: JSON.stringify(doc),
  };
}

const change = <R>(row: R, parent: Record<string, unknown> | null = series, clientId = device) => ({ row, previous: null, parent, deleting: false, clientId });

describe('warehouse series: the kernel rule shared with invoice series', () => {
  it('is the table\'s rule, and refuses as the invoice series rule does, with the warehouse\'s codes', () => {
    expect(warehouseSeriesTable).toHaveProperty('check', warehouseSeriesProblem);
    const cases = [
      { row: { ...series, ultimul_numar: 0 }, previous: null, clientId: device },
      { row: { ...series, ultimul_numar: 0 }, previous: null, clientId: other },
      { row: { ...series, ultimul_numar: 9 }, previous: series, clientId: device },
      { row: { ...series, ultimul_numar: 8 }, previous: series, clientId: device },
      { row: { ...series, ultimul_numar: 8 }, previous: series, clientId: other },
      { row: { ...series, serie: 'nir' }, previous: series, clientId: device },
      { row: { ...series, client_id: other }, previous: series, clientId: device },
      { row: { ...series, serie: 'NIR2' }, previous: series, clientId: device },
    ];
    const codes = cases.map((c) => warehouseSeriesProblem({ ...c, parent: null, deleting: false })?.code ?? null);
    expect(codes).toEqual([null, 'warehouse_series.create_for_self', 'warehouse_series.numbers_consecutive', null, 'warehouse_series.held_by_other',
      'warehouse_series.name_format', 'warehouse_series.move_server', 'warehouse_series.keeps_name']);
    expect(warehouseSeriesProblem({ row: { ...series, tip_document: 'aviz' }, previous: series, parent: null, deleting: false, clientId: device })?.code).toBe('warehouse_series.keeps_kind');
    expect(warehouseSeriesProblem({ row: series, previous: null, parent: null, deleting: true, clientId: device })?.code).toBe('warehouse_series.delete_used');
  });
});

describe('NIR rule', () => {
  it('values lines at received quantity × unit price (two decimals of a ban), VAT per line, and totals', () => {
    expect(stockReceiptLineAmounts({ cantitate: '2.5', pretUnitar: 1234.56, cotaTva: '21' })).toEqual({ valoare: 3086, tva: 648 });
    expect(stockReceiptLineAmounts({ cantitate: '1', pretUnitar: 999, cotaTva: '0' })).toEqual({ valoare: 999, tva: 0 });
    const doc = receiptDoc();
    expect(doc.totals).toEqual({ baza: 10202 + 3086, tva: 2142 + 648, total: 10202 + 3086 + 2142 + 648 });
  });

  it('accepts a complete NIR with its series\' next number on the holding device', () => {
    expect(stockReceiptsTable).toHaveProperty('check', stockReceiptProblem);
    expect(stockReceiptProblem(change(receiptRow(receiptDoc())))).toBeNull();
  });

  it('refuses another device, a skipped number, an aviz series, a changed or deleted NIR, wrong values and mismatched columns', () => {
    const row = receiptRow(receiptDoc());
    const code = (c: Parameters<typeof stockReceiptProblem>[0]) => stockReceiptProblem(c)?.code;
    expect(code(change(row, series, other))).toBe('warehouse_series.held_by_other');
    expect(code(change({ ...row, numar: 8 }))).toBe('warehouse.doc_next_number');
    expect(code(change(row, { ...series, tip_document: 'aviz' }))).toBe('warehouse.doc_series_kind');
    expect(code(change(row, null))).toBe('warehouse.doc_series_missing');
    expect(code({ ...change(row), previous: row })).toBe('warehouse.doc_immutable');
    expect(code({ ...change(row), deleting: true })).toBe('warehouse.doc_immutable');
    expect(code(change({ ...row, total: row.total + 1 }))).toBe('warehouse.doc_totals');
    expect(code(change({ ...row, furnizor_nume: 'Altul' }))).toBe('warehouse.doc_columns_mismatch');
    const doc = receiptDoc();
    const bad = { ...doc, linii: doc.linii.map((l, i) => (i === 1 ? { ...l, valoare: l.valoare + 1 } : l)) };
    expect(code(change(receiptRow(bad)))).toBe('warehouse.doc_line_value');
    expect(code(change({ ...row, document: '{' }))).toBe('warehouse.doc_incomplete');
    const zero = { ...doc, linii: [{ ...receiptLine('0', 100) }] };
    expect(code(change(receiptRow({ ...zero, totals: stockReceiptTotals(zero.linii) })))).toBe('warehouse.doc_incomplete');
  });
});

function noteDoc(to: DeliveryNoteDocument['catre']): DeliveryNoteDocument {
  return {
    serie: 'AV', numar: 3, data: '2026-12-02', unitate: { nume: 'Service Țăranu SRL', cui: 'RO123456', adresa: null }, din: { id: loc, nume: 'Magazie piese' },
    catre: to, linii: [{ productId: product, cod: 'FU-01', denumire: 'Filtru ulei Bosch', um: 'buc', cantitate: '2' }], delegat: 'Vasile Șerban',
    mijlocTransport: 'CJ 01 ROA', mentiuni: 'Marfă pentru lucrarea de la punctul de lucru.', emitent: 'Andrei Gheorghiță',
  };
}
const noteRow = (doc: DeliveryNoteDocument) => ({
  serie_id: '0190f5a2-0000-7000-8000-0000000000ab', serie: doc.serie, numar: doc.numar, data: doc.data, location_id: doc.din.id,
  to_location_id: doc.catre.tip === 'gestiune' ? doc.catre.id : null, destinatar_nume: doc.catre.nume, document: JSON.stringify(doc),
});
const avizSeries = { ...series, serie: 'AV', ultimul_numar: 3, tip_document: 'aviz' };

describe('delivery note rule', () => {
  it('accepts a note to another location or to a customer, and refuses the same location, a NIR series and a mismatch', () => {
    expect(deliveryNotesTable).toHaveProperty('check', deliveryNoteProblem);
    const toLoc = noteDoc({ tip: 'gestiune', id: loc2, nume: 'Dubă service mobil' });
    const toCustomer = noteDoc({ tip: 'destinatar', nume: 'Flota Transilvania SA', cui: 'RO445566', adresa: 'Calea Turzii 100, Cluj-Napoca' });
    expect(deliveryNoteProblem(change(noteRow(toLoc), avizSeries))).toBeNull();
    expect(deliveryNoteProblem(change(noteRow(toCustomer), avizSeries))).toBeNull();
    expect(deliveryNoteProblem(change(noteRow(noteDoc({ tip: 'gestiune', id: loc, nume: 'Magazie piese' })), avizSeries))?.code).toBe('warehouse.doc_same_location');
    expect(deliveryNoteProblem(change(noteRow(toLoc), series))?.code).toBe('warehouse.doc_series_kind');
    expect(deliveryNoteProblem(change({ ...noteRow(toLoc), to_location_id: null }, avizSeries))?.code).toBe('warehouse.doc_columns_mismatch');
  });
});

describe('NIR and delivery note PDFs', () => {
  it('prints the NIR with its Romanian columns, the lines, totals and the commission\'s signature lines', async () => {
    const text = await pdfText(await renderPdf(receiptNoteDefinition(receiptDoc())));
    for (const part of [
      'NOTĂ DE RECEPȚIE', 'Seria NIR nr. 7', 'Service Țăranu SRL', 'Auto Distribuție Ștefănești SRL', 'ADS-4411', 'Magazie piese', 'Nr. crt.', 'Denumire', 'UM',
      'Cantitate document', 'Cantitate recepționată', 'Preț unitar', 'Valoare', 'TVA', 'Filtru ulei Bosch', 'cod furnizor BOS-0451', '102,02', '30,86',
      'COMISIA DE RECEPȚIE', 'Membru 1', 'Ion Popescu', 'Maria Ionescu', 'Membru 3', 'Primit în gestiune', 'Andrei Gheorghiță', 'constatând diferențele',
    ]) expect(text).toContain(part);
    expect(text).toContain('Total 160,78 lei');
  });

  it('prints the delivery note with its route, lines, delegate and mentions', async () => {
    const text = await pdfText(await renderPdf(deliveryNoteDefinition(noteDoc({ tip: 'destinatar', nume: 'Flota Transilvania SA', cui: 'RO445566', adresa: 'Calea Turzii 100, Cluj-Napoca' }))));
    for (const part of ['AVIZ DE ÎNSOȚIRE A MĂRFII', 'Seria AV nr. 3', 'DIN GESTIUNEA', 'Magazie piese', 'DESTINATAR', 'Flota Transilvania SA', 'Calea Turzii 100', 'Nr. crt.',
      'Filtru ulei Bosch', 'Delegat', 'Vasile Șerban', 'CJ 01 ROA', 'Mențiuni', 'fără factură']) expect(text).toContain(part);
    const transfer = await pdfText(await renderPdf(deliveryNoteDefinition(noteDoc({ tip: 'gestiune', id: loc2, nume: 'Dubă service mobil' }))));
    expect(transfer).toContain('ÎN GESTIUNEA');
    expect(transfer).toContain('Dubă service mobil');
    expect(transfer).toContain('Transfer între gestiuni');
  });
});

describe('issuing writes', () => {
  it('a NIR takes the next number and writes one receipt movement with its cost per line, the product cost once, and remembered codes', () => {
    const doc = receiptDoc();
    const { document, ops, receiptId } = stockReceiptOps({
      ...doc, series: { id: '0190f5a2-0000-7000-8000-0000000000aa', serie: 'NIR', ultimul_numar: 6 }, userId: null,
      linii: doc.linii.map(({ valoare: _v, tva: _t, ...l }, i) => ({ ...l, rememberCode: i === 0 })),
    }, new Map([[product, '0190f5a2-0000-7000-8000-0000000000cc']]));
    expect(document.numar).toBe(7);
    expect(document.totals).toEqual(doc.totals);
    expect(stockReceiptProblem(change(receiptRow(document)))).toBeNull();
    expect(ops[0]).toEqual({ op: 'update', table: 'warehouse_series', id: '0190f5a2-0000-7000-8000-0000000000aa', patch: { ultimul_numar: 7 } });
    const movements = ops.flatMap((o) => (o.op === 'create' && o.table === 'stock_movements' ? [o.data] : []));
    expect(movements.map((m) => [m.tip, m.cantitate, m.doc_tip, m.doc_id, m.location_id])).toEqual([['intrare', '4', 'nir', receiptId, loc], ['intrare', '2.5', 'nir', receiptId, loc]]);
    const costs = ops.flatMap((o) => (o.op === 'create' && o.table === 'stock_movement_costs' ? [o.data.cost_unitar] : []));
    expect(costs).toEqual([2551, 1235]);
    expect(ops.filter((o) => o.table === 'product_costs')).toEqual([{ op: 'update', table: 'product_costs', id: '0190f5a2-0000-7000-8000-0000000000cc', patch: { pret_achizitie: 2551 } }]);
    expect(ops.filter((o) => o.table === 'product_supplier_codes').map((o) => (o.op === 'create' ? o.data : null)))
      .toEqual([{ product_id: product, furnizor_cui: 'RO998877', furnizor_nume: 'Auto Distribuție Ștefănești SRL', cod: 'BOS-0451' }]);
    expect(invoicesWithReceipt([{ received_invoice_id: null }, { received_invoice_id: 'a' }])).toEqual(new Set(['a']));
  });

  it('a delivery note to another location writes transfer pairs; to a customer, issues', () => {
    const series = { id: '0190f5a2-0000-7000-8000-0000000000ab', serie: 'AV', ultimul_numar: 2 };
    const { serie: _s, numar: _n, ...toLoc } = noteDoc({ tip: 'gestiune', id: loc2, nume: 'Dubă' });
    const transfer = deliveryNoteOps({ ...toLoc, series, userId: null });
    expect(deliveryNoteProblem(change(noteRow(transfer.document), avizSeries))).toBeNull();
    const moves = transfer.ops.flatMap((o) => (o.op === 'create' && o.table === 'stock_movements' ? [o.data] : []));
    expect(moves.map((m) => [m.tip, m.location_id, m.cantitate, m.doc_id])).toEqual([['transfer', loc, '-2', transfer.noteId], ['transfer', loc2, '2', transfer.noteId]]);
    expect(moves[1]?.transfer_id).toBe(moves[0]?.id);
    const { serie: _s2, numar: _n2, ...toCustomer } = noteDoc({ tip: 'destinatar', nume: 'Flota SA', cui: null, adresa: 'Cluj' });
    const issue = deliveryNoteOps({ ...toCustomer, series, userId: null });
    expect(issue.ops.flatMap((o) => (o.op === 'create' && o.table === 'stock_movements' ? [[o.data.tip, o.data.cantitate]] : []))).toEqual([['iesire', '-2']]);
  });
});

describe('a NIR from a received e-Factura invoice', () => {
  const index = {
    supplierCodes: [
      { product_id: 'p-other-supplier', furnizor_cui: 'RO111', cod: 'BOS-0451' },
      { product_id: 'p-this-supplier', furnizor_cui: 'RO998877', cod: 'BOS-0451' },
      { product_id: 'p-any-supplier', furnizor_cui: null, cod: 'GEN-1' },
    ],
    barcodes: [{ id: 'p-ean', cod_bare: '5901234123457' }, { id: 'p-none', cod_bare: null }],
  };
  it('matches by this supplier\'s code, then by EAN, else leaves the line for the user', () => {
    expect(matchInvoiceLine({ sellerCode: ' bos-0451 ', standardCode: '5901234123457' }, '998877', index)).toEqual({ productId: 'p-this-supplier', by: 'supplier_code' });
    expect(matchInvoiceLine({ sellerCode: 'GEN-1' }, 'RO5', index)).toEqual({ productId: 'p-any-supplier', by: 'supplier_code' });
    expect(matchInvoiceLine({ sellerCode: 'BOS-0451', standardCode: '5901234123457' }, 'RO5', index)).toEqual({ productId: 'p-ean', by: 'ean' });
    expect(matchInvoiceLine({ sellerCode: 'X', standardCode: '4006381333931' }, 'RO998877', index)).toBeNull();
    expect(matchInvoiceLine({}, null, index)).toBeNull();
  });
  it('reads invoice unit prices in lei as bani with two decimals of a ban', () => {
    expect(leiToUnitPriceBani('12.3456')).toBe(1234.56);
    expect(leiToUnitPriceBani('12.34565')).toBe(1234.57);
    expect(leiToUnitPriceBani('7')).toBe(700);
    expect(leiToUnitPriceBani('-1')).toBeNull();
  });
});
