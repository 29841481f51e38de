import { describe, expect, it } from 'vitest';
import { vatRate, vatRatesOn } from '../../fiscal/vat';
import type { WriteOp } from '../../sync/client';
import { currentProfile, isValidIban } from '../core/company-profile.table';
import { documentEventsTable } from '../core/document-events.table';
import { sellerFromProfile, type CompanyProfile } from '../core/company';
import { bucharestSector } from '../core/counties';
import type { Party } from '../core/party';
import { invoiceLinesFromOrder } from './bridges/order-invoicing/order-invoicing';
import fc from 'fast-check';
import { proportionOf } from '../../money/decimal';
import {
  invoiceTotals, lineDiscount, lineGroups, lineValue, splitDocumentDiscount, type DiscountInput, type InvoiceDocument, type InvoiceLine, type VatCategory,
} from './document';
import { invoicesTable, invoiceSeriesTable } from './invoices.tables';
import {
  defaultVat, invoiceDocument, issueOps, missingForInvoicing, notVatRegisteredReason, overReversed, remainingToReverse, stornoDiscounts, stornoLines,
  type Invoice, type InvoiceSeries, type IssueInput,
} from './issue';

const now = '2025-09-01T08:00:00.000Z';
const holder = 'device-a';

const profile = (patch: Partial<CompanyProfile> = {}): CompanyProfile => ({
  id: 'profile-1', created_at: now, updated_at: now, nume: '  Service Auto Someș SRL ', cui: ' RO14399840 ', platitor_tva: 1, tva_la_incasare: 0,
  reg_com: 'J12/1234/2015', capital_social: '200 lei', adresa: 'Str. Fabricii 1', localitate: 'Cluj-Napoca', judet: 'CJ', cod_postal: '400000',
  iban: 'RO49 AAAA 1B31 0075 9384 0000', banca: 'Banca Transilvania', telefon: '0740000000', email: 'office@service.ro', logo: null,
  serie_implicita: 'ROA', zile_scadenta: 15, ...patch,
});
const seller = sellerFromProfile(profile());

const buyer: Party = {
  tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: null, adresa: 'Bd. Unirii 10', localitate: 'Sector 3',
  judet: 'B', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
};

const series: InvoiceSeries = {
  id: 'series-1', created_at: now, updated_at: now, serie: 'ROA', numar_start: 1, ultimul_numar: 41, client_id: holder, descriere: null, activa: 1, tip_document: null,
};

const vat21 = { categorie: 'S', cota: '21', motivScutire: null } as const;
const vat19 = { categorie: 'S', cota: '19', motivScutire: null } as const;

const orderLines = [
  { tip: 'manopera', descriere: 'Schimb ulei', ore: '0.5', pret_ora: 15000, um: null, cantitate: null, pret_unitar: null },
  { tip: 'manopera', descriere: 'Diagnoză', ore: '1.25', pret_ora: 12000, um: 'buc', cantitate: '9', pret_unitar: 1 },
  { tip: 'material', descriere: 'Ulei 5W30', ore: null, pret_ora: null, um: 'l', cantitate: '4.5', pret_unitar: 4599 },
  { tip: 'material', descriere: 'Filtru ulei', ore: null, pret_ora: null, um: null, cantitate: '1', pret_unitar: 4550 },
  { tip: 'material', descriere: 'Garnitură', ore: null, pret_ora: null, um: '  ', cantitate: '0.333', pret_unitar: 1000 },
] as const;

const input = (patch: Partial<IssueInput> = {}): IssueInput => ({
  series, seller, tvaLaIncasare: false, buyer, lines: invoiceLinesFromOrder(orderLines, vat21),
  data: '2025-09-10', dataLivrare: '2025-09-10', dataScadenta: '2025-09-25', modalitatePlata: 'ordin_plata',
  order: { id: 'order-1', nr_comanda: 1045, nr_auto: 'CJ 12 ABC' }, storno: null, observatii: 'Revizie 120.000 km',
  emitent: { userId: 'user-1', name: 'Andrei Pop' }, updateOrder: true, ...patch,
});

const created = (op: WriteOp | undefined): Record<string, unknown> => {
  if (op?.op !== 'create') throw new Error(`expected a create, got ${op?.op ?? 'nothing'}`);
  return op.data;
};

describe('issueOps', () => {
  it('writes the series update, the invoice, the order update and the audit record, in that order', () => {
    const { invoiceId, document, ops } = issueOps(input(), holder);
    expect(ops.map((o) => `${o.op} ${o.table}`)).toEqual(['update invoice_series', 'create invoices', 'update orders', 'create document_events']);
    expect(ops[0]).toEqual({ op: 'update', table: 'invoice_series', id: 'series-1', patch: { ultimul_numar: 42 } });
    expect(created(ops[1])).toEqual({
      id: invoiceId, serie_id: 'series-1', serie_factura: 'ROA', nr_factura: 42, tip: 'factura', data_factura: '2025-09-10',
      data_livrare: '2025-09-10', data_scadenta: '2025-09-25', modalitate_plata: 'ordin_plata', order_id: 'order-1', storno_de_id: null,
      client_nume: 'Transport Rapid SRL', client_cod_fiscal: 'RO18547290', nr_auto: 'CJ 12 ABC',
      total_fara_tva: 48079, tva: 10097, total_general: 58176, document: JSON.stringify(document), emis_de: 'user-1',
    });
    expect(ops[2]).toEqual({ op: 'update', table: 'orders', id: 'order-1', patch: { status: 'FACTURAT', factura_id: invoiceId } });
    expect(created(ops[3])).toEqual({
      document: 'factura', document_id: invoiceId, actiune: 'emitere', descriere: 'Factura ROA 42', user_id: 'user-1', client_id: holder,
    });
  });

  it('makes the complete document the invoice row keeps', () => {
    const { document, ops } = issueOps(input(), holder);
    expect(invoiceDocument(created(ops[1]) as Pick<Invoice, 'document'>)).toEqual(document);
    expect(document).toMatchObject({
      tip: 'factura', serie: 'ROA', numar: 42, data: '2025-09-10', dataLivrare: '2025-09-10', dataScadenta: '2025-09-25', modalitatePlata: 'ordin_plata',
      moneda: 'RON', furnizor: seller, cumparator: buyer, tvaLaIncasare: false, stornoDe: null, comanda: { numar: 1045, nrAuto: 'CJ 12 ABC' },
      observatii: 'Revizie 120.000 km', emitent: 'Andrei Pop',
    });
    expect(document.linii.map((l) => l.valoare)).toEqual([7500, 15000, 20696, 4550, 333]);
    expect(document.totals).toEqual({
      baza: 48079, tva: 10097, total: 58176, grupe: [{ categorie: 'S', cota: '21', baza: 48079, tva: 10097, motivScutire: null }],
    });
  });

  it('computes each line\'s value itself, whatever the caller put there', () => {
    const lines: InvoiceLine[] = [{ descriere: 'Manoperă', um: 'ore', cantitate: '0.5', pretUnitar: 15000, ...vat21, valoare: 1 }];
    const { document, ops } = issueOps(input({ lines }), holder);
    expect(document.linii[0]?.valoare).toBe(7500);
    expect(created(ops[1])).toMatchObject({ total_fara_tva: 7500, tva: 1575, total_general: 9075 });
  });

  it('leaves the order alone when this device does not update orders, or when there is none', () => {
    const noUpdate = issueOps(input({ updateOrder: false }), holder);
    expect(noUpdate.ops.map((o) => `${o.op} ${o.table}`)).toEqual(['update invoice_series', 'create invoices', 'create document_events']);
    expect(created(noUpdate.ops[1])).toMatchObject({ order_id: 'order-1', nr_auto: 'CJ 12 ABC' });

    const noOrder = issueOps(input({ order: null }), holder);
    expect(noOrder.ops.map((o) => `${o.op} ${o.table}`)).toEqual(['update invoice_series', 'create invoices', 'create document_events']);
    expect(created(noOrder.ops[1])).toMatchObject({ order_id: null, nr_auto: null });
    expect(noOrder.document.comanda).toBeNull();
  });

  it('numbers each invoice with a new id and the next number of the series given', () => {
    const a = issueOps(input(), holder);
    const b = issueOps(input({ series: { ...series, ultimul_numar: 42 } }), holder);
    expect(a.invoiceId).not.toBe(b.invoiceId);
    expect([a.document.numar, b.document.numar]).toEqual([42, 43]);
    expect(b.ops[0]).toMatchObject({ patch: { ultimul_numar: 43 } });
  });

  it('writes rows the tables\' rules accept', () => {
    const { ops, invoiceId } = issueOps(input(), holder);
    const seriesUpdate = ops[0];
    if (seriesUpdate?.op !== 'update') throw new Error('expected the series update');
    const movedSeries = { ...series, ...seriesUpdate.patch } as InvoiceSeries;
    expect(invoiceSeriesTable.check?.({ row: movedSeries, previous: series, parent: null, deleting: false, clientId: holder })).toBeNull();
    const row = { ...created(ops[1]), created_at: now, updated_at: now } as Invoice;
    expect(row.id).toBe(invoiceId);
    expect(invoicesTable.check?.({ row, previous: null, parent: movedSeries, deleting: false, clientId: holder })).toBeNull();
    const event = { ...created(ops[3]), id: 'event-1', created_at: now, updated_at: now } as never;
    expect(documentEventsTable.check?.({ row: event, previous: null, parent: null, deleting: false, clientId: holder })).toBeNull();
  });

  describe('a credit note', () => {
    const july = issueOps(input({
      data: '2025-07-28', dataLivrare: '2025-07-25', dataScadenta: null, lines: invoiceLinesFromOrder(orderLines, vat19),
    }), holder);
    const original: Invoice = { ...(created(july.ops[1]) as Omit<Invoice, 'created_at' | 'updated_at'>), created_at: now, updated_at: now };

    it('reverses lines at their own rates, names the invoice and keeps its order', () => {
      const lines = stornoLines(july.document, new Map([[0, '0.5'], [2, '1.5']]));
      const { invoiceId, document, ops } = issueOps(input({
        series: { ...series, ultimul_numar: 42 }, lines, data: '2025-09-15', dataLivrare: '2025-07-25', dataScadenta: null,
        order: null, updateOrder: true, storno: { invoice: original, document: july.document },
      }), holder);
      expect(ops.map((o) => `${o.op} ${o.table}`)).toEqual(['update invoice_series', 'create invoices', 'create document_events']);
      expect(created(ops[1])).toMatchObject({
        tip: 'storno', nr_factura: 43, storno_de_id: original.id, order_id: 'order-1', nr_auto: 'CJ 12 ABC',
        total_fara_tva: -7500 - 6899, tva: -1425 - 1311, total_general: -7500 - 6899 - 1425 - 1311,
      });
      expect(document.stornoDe).toEqual({ serie: 'ROA', numar: 42, data: '2025-07-28' });
      expect(document.comanda).toEqual({ numar: 1045, nrAuto: 'CJ 12 ABC' });
      expect(document.totals.grupe).toEqual([{ categorie: 'S', cota: '19', baza: -14399, tva: -2736, motivScutire: null }]);
      expect(created(ops[2])).toMatchObject({ document_id: invoiceId, actiune: 'storno', descriere: 'Storno ROA 43' });
      const row = { ...created(ops[1]), created_at: now, updated_at: now } as Invoice;
      const parent = { ...series, ultimul_numar: 43 };
      expect(invoicesTable.check?.({ row, previous: null, parent, deleting: false, clientId: holder })).toBeNull();
    });
  });
});

describe('invoiceLinesFromOrder', () => {
  it('maps labour to hours × hourly rate and materials to quantity × unit price, exactly', () => {
    expect(invoiceLinesFromOrder(orderLines, vat21)).toEqual([
      { descriere: 'Schimb ulei', um: 'ore', cantitate: '0.5', pretUnitar: 15000, ...vat21, valoare: 7500 },
      { descriere: 'Diagnoză', um: 'ore', cantitate: '1.25', pretUnitar: 12000, ...vat21, valoare: 15000 },
      { descriere: 'Ulei 5W30', um: 'l', cantitate: '4.5', pretUnitar: 4599, ...vat21, valoare: 20696 },
      { descriere: 'Filtru ulei', um: 'buc', cantitate: '1', pretUnitar: 4550, ...vat21, valoare: 4550 },
      { descriere: 'Garnitură', um: 'buc', cantitate: '0.333', pretUnitar: 1000, ...vat21, valoare: 333 },
    ]);
  });

  it('gives every line the VAT it is told and treats missing figures as zero', () => {
    const vat = defaultVat({ platitorTva: false }, '2025-09-10');
    const [labour, material] = invoiceLinesFromOrder([
      { tip: 'manopera', descriere: 'Manoperă', ore: null, pret_ora: null, um: null, cantitate: null, pret_unitar: null },
      { tip: 'material', descriere: 'Piesă', ore: null, pret_ora: null, um: 'set', cantitate: '2', pret_unitar: null },
    ], vat);
    expect(labour).toEqual({ descriere: 'Manoperă', um: 'ore', cantitate: '0', pretUnitar: 0, categorie: 'O', cota: '0', motivScutire: notVatRegisteredReason, valoare: 0 });
    expect(material).toMatchObject({ um: 'set', cantitate: '2', pretUnitar: 0, categorie: 'O', valoare: 0 });
  });
});

describe('stornoLines', () => {
  const original = {
    linii: [
      { descriere: 'Manoperă', um: 'ore', cantitate: '2', pretUnitar: 15000, ...vat19, valoare: 30000 },
      { descriere: 'Ulei', um: 'l', cantitate: '4.5', pretUnitar: 4599, categorie: 'S', cota: '9', motivScutire: null, valoare: 20696 },
      { descriere: 'Filtru', um: 'buc', cantitate: '1', pretUnitar: 4550, ...vat19, valoare: 4550 },
    ],
  } as InvoiceDocument;

  it('reverses part of the lines with negative quantities at the original rates', () => {
    expect(stornoLines(original, new Map([[0, '0.5'], [1, '1.5']]))).toEqual([
      { descriere: 'Manoperă', um: 'ore', cantitate: '-0.5', pretUnitar: 15000, ...vat19, valoare: -7500 },
      { descriere: 'Ulei', um: 'l', cantitate: '-1.5', pretUnitar: 4599, categorie: 'S', cota: '9', motivScutire: null, valoare: -6899 },
    ]);
  });

  it('takes a quantity already negative as it is and skips lines not reversed', () => {
    const out = stornoLines(original, new Map([[0, '0'], [1, ''], [2, '-1'], [7, '1']]));
    expect(out).toEqual([{ descriere: 'Filtru', um: 'buc', cantitate: '-1', pretUnitar: 4550, ...vat19, valoare: -4550 }]);
    expect(stornoLines(original, new Map())).toEqual([]);
  });

  it('reverses a whole line to exactly minus its value', () => {
    const all = stornoLines(original, new Map(original.linii.map((l, i) => [i, l.cantitate])));
    expect(all.map((l) => l.valoare)).toEqual(original.linii.map((l) => -l.valoare));
    expect(all.map((l) => l.valoare)).toEqual(all.map(lineValue));
  });
});

describe('defaultVat', () => {
  it('takes the standard rate of the supply date for a VAT payer', () => {
    expect(defaultVat({ platitorTva: true }, '2025-07-31')).toEqual({ categorie: 'S', cota: '19', motivScutire: null });
    expect(defaultVat({ platitorTva: true }, '2025-08-01')).toEqual({ categorie: 'S', cota: '21', motivScutire: null });
    expect(defaultVat({ platitorTva: true }, '2026-03-15')).toEqual({ categorie: 'S', cota: '21', motivScutire: null });
  });

  it('is category O at 0% with the reason for a company not registered for VAT', () => {
    expect(defaultVat({ platitorTva: false }, '2025-08-01')).toEqual({ categorie: 'O', cota: '0', motivScutire: 'Furnizor neînregistrat în scopuri de TVA' });
    expect(defaultVat({ platitorTva: false }, '2025-07-31')).toEqual({ categorie: 'O', cota: '0', motivScutire: notVatRegisteredReason });
  });

  it('follows the dated rates table', () => {
    expect(vatRate('RO', '2025-07-31')).toBe(19);
    expect(vatRate('RO', '2025-08-01', 'reduced')).toBe(11);
    expect(vatRatesOn('RO', '2025-07-31')).toEqual([19, 9, 5]);
    expect(vatRatesOn('RO', '2025-08-01')).toEqual([21, 11]);
    expect(vatRatesOn('RO', '2016-12-31')).toEqual([]);
  });
});

describe('sellerFromProfile', () => {
  it('copies the profile as the seller, trimmed, IBAN without spaces', () => {
    expect(sellerFromProfile(profile())).toEqual({
      tip: 'pj', nume: 'Service Auto Someș SRL', codFiscal: 'RO14399840', cnp: null, regCom: 'J12/1234/2015', adresa: 'Str. Fabricii 1',
      localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: '400000', tara: 'RO', iban: 'RO49AAAA1B31007593840000', banca: 'Banca Transilvania',
      telefon: '0740000000', email: 'office@service.ro', capitalSocial: '200 lei', platitorTva: true,
    });
  });

  it('reads a profile without VAT registration or optional fields', () => {
    expect(sellerFromProfile(profile({ platitor_tva: 0, cui: null, iban: null, adresa: null, localitate: null, judet: null })))
      .toMatchObject({ codFiscal: null, iban: null, adresa: '', localitate: '', judet: '', platitorTva: false });
  });
});

describe('missingForInvoicing', () => {
  it('lists what an invoice needs of the profile', () => {
    expect(missingForInvoicing(null)).toEqual(['nume', 'cui', 'adresa', 'localitate', 'judet']);
    expect(missingForInvoicing(profile())).toEqual([]);
    expect(missingForInvoicing(profile({ cui: null, adresa: '   ', judet: '' }))).toEqual(['cui', 'adresa', 'judet']);
    expect(missingForInvoicing(profile({ nume: ' ', localitate: null, iban: null }))).toEqual(['nume', 'localitate']);
    // Bucharest is written by its sector.
    expect(missingForInvoicing(profile({ judet: 'B', localitate: 'București' }))).toEqual(['localitate']);
    expect(missingForInvoicing(profile({ judet: 'B', localitate: 'Sector 4' }))).toEqual([]);
  });
});

describe('isValidIban', () => {
  it('accepts valid IBANs, with or without spaces, in any case', () => {
    expect(isValidIban('RO49AAAA1B31007593840000')).toBe(true);
    expect(isValidIban('RO49 AAAA 1B31 0075 9384 0000')).toBe(true);
    expect(isValidIban('ro49aaaa1b31007593840000')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('GB82WEST12345698765432')).toBe(true);
  });

  it('refuses a wrong check, a Romanian IBAN of another length and anything else', () => {
    expect(isValidIban('RO48AAAA1B31007593840000')).toBe(false);
    expect(isValidIban('RO49AAAA1B31007593840001')).toBe(false);
    expect(isValidIban('RO49AAAA1B3100759384000')).toBe(false);
    expect(isValidIban('RO49AAAA1B310075938400000')).toBe(false);
    expect(isValidIban('RO49-AAAA-1B31-0075-9384-0000')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('is the profile rule\'s IBAN check', async () => {
    const { companyProfileTable } = await import('../core/company-profile.table');
    const check = (row: CompanyProfile) => companyProfileTable.check?.({ row, previous: null, parent: null, deleting: false, clientId: holder })?.code ?? null;
    expect(check(profile())).toBeNull();
    expect(check(profile({ iban: 'RO48AAAA1B31007593840000' }))).toBe('company.iban_invalid');
    expect(check(profile({ cui: 'RO14399841' }))).toBe('company.cui_invalid');
  });
});

describe('currentProfile', () => {
  it('picks the oldest row, the smaller id when two are as old, without reordering its input', () => {
    const rows = [
      { id: 'c', created_at: '2025-03-02T10:00:00.000Z' },
      { id: 'b', created_at: '2025-03-01T10:00:00.000Z' },
      { id: 'a', created_at: '2025-03-01T10:00:00.000Z' },
      { id: 'd', created_at: '2025-03-01T11:00:00.000Z' },
    ];
    expect(currentProfile(rows)?.id).toBe('a');
    expect(currentProfile(rows.slice(0, 2))?.id).toBe('b');
    expect(rows.map((r) => r.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(currentProfile([])).toBeNull();
  });
});

describe('bucharestSector', () => {
  it('reads the ways people write a sector', () => {
    expect(bucharestSector('Sector 3')).toBe('SECTOR3');
    expect(bucharestSector('sectorul 3')).toBe('SECTOR3');
    expect(bucharestSector('S3')).toBe('SECTOR3');
    expect(bucharestSector('SECTOR3')).toBe('SECTOR3');
    expect(bucharestSector(' Sectorul  6 ')).toBe('SECTOR6');
    expect(bucharestSector('s.1')).toBe('SECTOR1');
  });

  it('is null for anything that names no sector', () => {
    expect(bucharestSector('Sector 7')).toBeNull();
    expect(bucharestSector('Sector 0')).toBeNull();
    expect(bucharestSector('Sectorul 10')).toBeNull();
    expect(bucharestSector('București')).toBeNull();
    expect(bucharestSector('Cluj-Napoca')).toBeNull();
    expect(bucharestSector('')).toBeNull();
  });
});

describe('remainingToReverse and overReversed', () => {
  const lines: InvoiceLine[] = [
    { descriere: 'Anvelopă 205/55 R16', um: 'buc', cantitate: '4', pretUnitar: 35000, categorie: 'S', cota: '21', motivScutire: null, valoare: 140000 },
    { descriere: 'Ulei 5W30', um: 'l', cantitate: '4.5', pretUnitar: 5500, categorie: 'S', cota: '21', motivScutire: null, valoare: 24750 },
    { descriere: 'Manoperă', um: 'ore', cantitate: '1', pretUnitar: 15000, categorie: 'S', cota: '21', motivScutire: null, valoare: 15000 },
  ];
  const original = { linii: lines } as InvoiceDocument;
  const note = (rows: [number, string][]) => ({ linii: rows.map(([i, q]) => ({ ...(lines[i] as InvoiceLine), cantitate: `-${q}` })) }) as InvoiceDocument;

  it('subtracts earlier credit notes line by line, never below zero', () => {
    expect(remainingToReverse(original, [])).toEqual(['4', '4.5', '1']);
    expect(remainingToReverse(original, [note([[0, '1'], [1, '0.5']])])).toEqual(['3', '4', '1']);
    expect(remainingToReverse(original, [note([[0, '1']]), note([[0, '3'], [2, '1']])])).toEqual(['0', '4.5', '0']);
    // A credit note typed with more than the line had (an older app) leaves zero, not a negative.
    expect(remainingToReverse(original, [note([[1, '9']])])).toEqual(['4', '0', '1']);
  });

  it('tells when credit notes together reverse more than the invoice had', () => {
    expect(overReversed(original, [])).toBe(false);
    expect(overReversed(original, [note([[0, '4'], [1, '4.5'], [2, '1']])])).toBe(false);
    // Two devices offline each reversed two tyres of four: exactly all, not more.
    expect(overReversed(original, [note([[0, '2']]), note([[0, '2']])])).toBe(false);
    // Each reversed three: two more than the invoice had.
    expect(overReversed(original, [note([[0, '3']]), note([[0, '3']])])).toBe(true);
    expect(overReversed(original, [note([[1, '2.5']]), note([[1, '2.001']])])).toBe(true);
    // A line the invoice never had.
    const foreign = { linii: [{ ...(lines[2] as InvoiceLine), pretUnitar: 16000, cantitate: '-1' }] } as InvoiceDocument;
    expect(overReversed(original, [foreign])).toBe(true);
  });
});

describe('a credit note of a discounted invoice', () => {
  const discounted = (l: InvoiceLine, input: DiscountInput, motiv?: string): InvoiceLine => {
    const reducere = lineDiscount(l, input, motiv);
    return { ...l, reducere, valoare: lineValue({ ...l, reducere }) };
  };
  const plain = (descriere: string, cantitate: string, pretUnitar: number, cota: string): InvoiceLine =>
    ({ descriere, um: 'buc', cantitate, pretUnitar, categorie: 'S', cota, motivScutire: null, valoare: lineValue({ cantitate, pretUnitar }) });
  const lines = [
    discounted(plain('Plăcuțe frână', '3', 12345.67, '21'), { procent: '10' }, 'Discount fidelitate'),
    discounted(plain('Anvelopă', '4', 35000, '21'), { suma: 1001 }),
    plain('Manoperă', '1.5', 15000, '11'),
  ];
  const reduceri = splitDocumentDiscount(lineGroups(lines), { suma: 2500 }, 'Reducere comandă');
  const invoice = issueOps(input({ lines, reduceri }), holder);
  const original: Invoice = { ...(created(invoice.ops[1]) as Omit<Invoice, 'created_at' | 'updated_at'>), created_at: now, updated_at: now };
  const storno = (quantities: [number, string][]) => {
    const reversedLines = stornoLines(invoice.document, new Map(quantities));
    const note = issueOps(input({
      series: { ...series, ultimul_numar: 42 }, lines: reversedLines, reduceri: stornoDiscounts(invoice.document, reversedLines), data: '2025-09-15',
      order: null, updateOrder: false, storno: { invoice: original, document: invoice.document },
    }), holder);
    const row = { ...created(note.ops[1]), created_at: now, updated_at: now } as Invoice;
    return { ...note, row, refusal: invoicesTable.check?.({ row, previous: null, parent: { ...series, ultimul_numar: 43 }, deleting: false, clientId: holder })?.message ?? null };
  };

  it('issues the invoice with its discounts, the amount split across both rates to the ban', () => {
    expect(reduceri.reduce((a, d) => a + d.suma, 0)).toBe(2500);
    expect(invoice.document.reduceri).toEqual(reduceri);
    expect(invoice.document.totals).toEqual(invoiceTotals(lines, reduceri));
    const row = { ...created(invoice.ops[1]), created_at: now, updated_at: now } as Invoice;
    expect(invoicesTable.check?.({ row, previous: null, parent: { ...series, ultimul_numar: 42 }, deleting: false, clientId: holder })).toBeNull();
  });

  it('reverses all of it to exactly minus the invoice, discounts included', () => {
    const { document, refusal } = storno([[0, '3'], [1, '4'], [2, '1.5']]);
    expect(refusal).toBeNull();
    expect(document.linii.map((l) => l.reducere ?? null)).toEqual(lines.map((l) => l.reducere ? { ...l.reducere, suma: -l.reducere.suma } : null));
    expect(document.reduceri?.map((d) => [d.baza, d.suma])).toEqual(reduceri.map((d) => [-d.baza, -d.suma]));
    expect(document.totals.baza).toBe(-invoice.document.totals.baza);
    expect(document.totals.tva).toBe(-invoice.document.totals.tva);
    expect(document.totals.total).toBe(-invoice.document.totals.total);
    expect(remainingToReverse(invoice.document, [document])).toEqual(['0', '0', '0']);
    expect(overReversed(invoice.document, [document])).toBe(false);
  });

  it('reverses part of it: the percent on the reversed gross, an amount and the document discount in proportion', () => {
    const { document, refusal } = storno([[0, '1'], [1, '1']]);
    expect(refusal).toBeNull();
    const [brakes, tyre] = document.linii;
    // 1 × 123.4567 lei = 123.46 lei gross, 10% of it.
    expect(brakes?.reducere).toEqual({ procent: '10', suma: -1235, motiv: 'Discount fidelitate' });
    // A quarter of the 10.01 lei taken off four tyres, rounded once half away from zero.
    expect(tyre?.reducere).toEqual({ procent: null, suma: -250, motiv: 'Discount' });
    const group21 = reduceri.find((d) => d.cota === '21');
    const reversed21 = (brakes?.valoare ?? 0) + (tyre?.valoare ?? 0);
    expect(document.reduceri).toEqual([{ ...group21, baza: reversed21, suma: proportionOf(group21?.suma ?? 0, reversed21, group21?.baza ?? 1) }]);
    expect(remainingToReverse(invoice.document, [document])).toEqual(['2', '3', '1.5']);
  });

  it('matches a discounted line only with the same discount', () => {
    const full = { linii: [{ ...plain('Plăcuțe frână', '-1', 12345.67, '21') }] } as InvoiceDocument;
    expect(remainingToReverse(invoice.document, [full])).toEqual(['3', '4', '1.5']);
    expect(overReversed(invoice.document, [full])).toBe(true);
  });

  it('has nothing to reverse on a returned part', () => {
    const withReturn = { linii: [plain('Filtru', '2', 4550, '21'), plain('Filtru returnat', '-1', 4550, '21')] } as InvoiceDocument;
    expect(remainingToReverse(withReturn, [])).toEqual(['2', '0']);
  });
});

describe('splitDocumentDiscount and invoiceTotals (property)', () => {
  const group = fc.record({
    cota: fc.constantFrom('21', '11', '9', '5', '0'),
    baza: fc.integer({ min: 1, max: 50_000_000 }),
  });
  it('splits an amount into parts that add up to it, each within its group, and totals are the sum of their groups', () => {
    fc.assert(fc.property(
      fc.uniqueArray(group, { minLength: 1, maxLength: 5, selector: (g) => g.cota }), fc.integer({ min: 1, max: 100_000_000 }), fc.boolean(),
      (raw, amount, negative) => {
        const sign = negative ? -1 : 1;
        const groups = raw.map((g) => {
          const categorie: VatCategory = g.cota === '0' ? 'Z' : 'S';
          return { categorie, cota: g.cota, motivScutire: null, baza: sign * g.baza };
        });
        const total = groups.reduce((a, g) => a + g.baza, 0);
        const suma = Math.min(amount, Math.abs(total));
        const parts = splitDocumentDiscount(groups, { suma });
        expect(parts.reduce((a, d) => a + d.suma, 0)).toBe(sign * suma);
        for (const d of parts) {
          expect(Math.sign(d.suma)).toBe(sign);
          expect(Math.abs(d.suma)).toBeLessThanOrEqual(Math.abs(d.baza));
        }
        const lines = groups.map((g): InvoiceLine => ({
          descriere: 'x', um: 'buc', cantitate: negative ? '-1' : '1', pretUnitar: Math.abs(g.baza), categorie: g.categorie, cota: g.cota, motivScutire: null, valoare: g.baza,
        }));
        const t = invoiceTotals(lines, parts);
        expect(t.baza).toBe(t.grupe.reduce((a, g) => a + g.baza, 0));
        expect(t.tva).toBe(t.grupe.reduce((a, g) => a + g.tva, 0));
        expect(t.baza).toBe(total - sign * suma);
        expect(t.total).toBe(t.baza + t.tva);
      },
    ), { seed: 20261206, numRuns: 200 });
  });
});
