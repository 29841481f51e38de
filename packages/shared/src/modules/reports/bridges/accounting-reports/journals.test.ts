import { describe, expect, it } from 'vitest';
import { invoiceTotals, lineDiscount, lineValue, splitDocumentDiscount, lineGroups, type InvoiceLine } from '../../../accounting/document';
import type { ReceivedDocument } from '../../../accounting/received-invoices.table';
import { invoicesTable } from '../../../accounting/invoices.tables';
import { glanceTestDb } from '../../glance-test-db';
import { journalColumns } from './journal-columns';
import { amountToBani, monthRange, purchaseJournal, salesJournal, salesJournalSource, salesJournalSql, type SalesJournalSource, type PurchaseJournalSource } from './journals';

// Issued documents are built with the accounting module's own totals; the expected figures are worked out
// by hand in the comments beside them.

type LineInput = Pick<InvoiceLine, 'cantitate' | 'pretUnitar' | 'categorie' | 'cota' | 'motivScutire'> & { procent?: string };

function issued(tip: 'factura' | 'storno', nr: number, data: string, client: string, cui: string | null, input: LineInput[], docDiscount?: string, tvaLaIncasare = false): SalesJournalSource {
  const linii = input.map((l) => {
    const { procent, ...line } = l;
    const reducere = procent ? lineDiscount(line, { procent }) : null;
    return { ...line, descriere: 'x', um: 'buc', reducere, valoare: lineValue({ ...line, reducere }) };
  });
  const reduceri = docDiscount ? splitDocumentDiscount(lineGroups(linii), { procent: docDiscount }) : [];
  const totals = invoiceTotals(linii, reduceri);
  return salesJournalSource({
    tip, serie_factura: 'ROA', nr_factura: nr, data_factura: data, client_nume: client, client_cod_fiscal: cui, total_general: totals.total,
  }, { totals, tvaLaIncasare });
}

const s21 = { categorie: 'S', cota: '21', motivScutire: null } as const;

describe('monthRange', () => {
  it('gives the first and last day, February of a leap year included', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2025-12')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(() => monthRange('2025-13')).toThrow();
  });
});

describe('salesJournal', () => {
  const sources = [
    // 2 × 100,00 less 10% = 180,00, plus 1,5 h × 150,00 = 225,00: 405,00; less 5% on the document (20,25) = 384,75;
    // VAT 21% of 384,75 = 80,7975 → 80,80; total 465,55.
    issued('factura', 7, '2025-08-05', 'Ion Pop SRL', 'RO123', [{ ...s21, cantitate: '2', pretUnitar: 10000, procent: '10' }, { ...s21, cantitate: '1.5', pretUnitar: 15000 }], '5'),
    // A credit note of one of the discounted parts: -100,00 less 10% = -90,00, VAT -18,90, total -108,90.
    issued('storno', 9, '2025-08-20', 'Ion Pop SRL', 'RO123', [{ ...s21, cantitate: '-1', pretUnitar: 10000, procent: '10' }]),
    // Supplied in July, invoiced in August at July's 19%: 100,00 + 19,00.
    issued('factura', 8, '2025-08-01', 'Maria Ionescu', '1850101123456', [{ categorie: 'S', cota: '19', motivScutire: null, cantitate: '1', pretUnitar: 10000 }]),
    // Reverse charge (art. 331): 1.000,00, no VAT on the seller's invoice.
    issued('factura', 10, '2025-08-25', 'Fier Vechi SA', 'RO999', [{ categorie: 'AE', cota: '0', motivScutire: 'Taxare inversă', cantitate: '1', pretUnitar: 100000 }]),
    // Exempt without the right to deduct (art. 292): 50,00.
    issued('factura', 11, '2025-08-31', 'Ana', null, [{ categorie: 'E', cota: '0', motivScutire: 'art. 292', cantitate: '1', pretUnitar: 5000 }], undefined, true),
    // Outside the month.
    issued('factura', 6, '2025-07-31', 'Ion Pop SRL', 'RO123', [{ ...s21, cantitate: '1', pretUnitar: 99900 }]),
    issued('factura', 12, '2025-09-01', 'Ion Pop SRL', 'RO123', [{ ...s21, cantitate: '1', pretUnitar: 99900 }]),
  ];
  const j = salesJournal('2025-08', sources);

  it('lists the month\'s documents by date, numbered from 1', () => {
    expect(j.rows.map((r) => [r.nr, r.numar, r.data])).toEqual([
      [1, 'ROA 8', '2025-08-01'], [2, 'ROA 7', '2025-08-05'], [3, 'ROA 9', '2025-08-20'], [4, 'ROA 10', '2025-08-25'], [5, 'ROA 11', '2025-08-31'],
    ]);
  });

  it('takes each document\'s VAT groups, discounts included, and a credit note negative', () => {
    expect(j.rows[1]).toMatchObject({ total: 46555, cote: { 21: { baza: 38475, tva: 8080 } } });
    expect(j.rows[2]).toMatchObject({ tip: 'storno', total: -10890, cote: { 21: { baza: -9000, tva: -1890 } } });
    expect(j.rows[0]).toMatchObject({ total: 11900, cote: { 19: { baza: 10000, tva: 1900 } }, cui: '1850101123456' });
    expect(j.rows[3]).toMatchObject({ total: 100000, taxareInversa: { baza: 100000, tva: 0 }, cote: {} });
    expect(j.rows[4]).toMatchObject({ total: 5000, scutitFaraDrept: 5000, tvaLaIncasare: true });
  });

  it('has a column for each rate in force in the month and each rate a document carries', () => {
    // August 2025: 21% and 11% (Legea 141/2025), and the 19% of a July supply.
    expect(j.rates).toEqual(['21', '19', '11']);
    expect(salesJournal('2025-07', []).rates).toEqual(['19', '9', '5']);
  });

  it('adds up the totals', () => {
    // 465,55 - 108,90 + 119,00 + 1.000,00 + 50,00 = 1.525,65; VAT 80,80 - 18,90 + 19,00 = 80,90.
    expect(j.totals).toMatchObject({
      total: 152565, tvaTotal: 8090, scutitFaraDrept: 5000, scutitCuDrept: 0, neimpozabil: 0,
      taxareInversa: { baza: 100000, tva: 0 }, cote: { 21: { baza: 29475, tva: 6190 }, 19: { baza: 10000, tva: 1900 } },
    });
    expect(j.totals.total).toBe(j.rows.reduce((a, r) => a + r.total, 0));
    expect(j.foreign).toBe(0);
  });

  it('reads the same rows from the device\'s table, the whole document stored, only its figures taken out', async () => {
    const t = glanceTestDb([invoicesTable]);
    try {
      for (const s of sources) {
        const { grupe, total, tva_la_incasare: onReceipt, ...row } = s;
        // The document as issued, with more than the journal reads.
        const document = JSON.stringify({ tip: s.tip, linii: [{ descriere: 'x' }], totals: { baza: 1, tva: 2, total, grupe: JSON.parse(grupe) as unknown }, tvaLaIncasare: Boolean(onReceipt), observatii: 'a;b' });
        t.insert('invoices', { ...row, document });
      }
      const rows = await t.query<SalesJournalSource>(salesJournalSql, [monthRange('2025-08').from, monthRange('2025-08').to]);
      expect(rows).toHaveLength(5);
      expect(salesJournal('2025-08', rows)).toEqual(j);
    } finally {
      t.close();
    }
  });

  it('gives the sales journal no self-assessed VAT column', () => {
    const ids = journalColumns(j).map((c) => (c.rate ? `${c.id}${c.rate}` : c.id));
    expect(ids).toEqual(['nr', 'data', 'numar', 'partener', 'cui', 'total', 'baza21', 'tva21', 'baza19', 'tva19', 'baza11', 'tva11', 'scutitCuDrept', 'scutitFaraDrept', 'tiBaza', 'neimpozabil']);
  });
});

function received(tip: 'factura' | 'storno', numar: string, data: string, vat: ReceivedDocument['vat'], total: string, extra: Partial<PurchaseJournalSource> = {}, notes: string[] = []): PurchaseJournalSource {
  const doc = { kind: tip === 'storno' ? 'credit_note' : 'invoice', vat, totals: { net: '0', vat: '0', total, payable: total }, notes };
  return {
    tip, furnizor_nume: 'Piese Auto SRL', furnizor_cui: 'RO555', numar, data_emitere: data, moneda: 'RON', total: amountToBani(total),
    duplicat: 0, document: JSON.stringify(doc), ...extra,
  };
}

describe('purchaseJournal', () => {
  const sources = [
    received('factura', 'PA-100', '2025-09-02', [
      { category: 'S', percent: '21', base: '1000.00', amount: '210.00' }, { category: 'S', percent: '11', base: '100.00', amount: '11.00' },
    ], '1321.00'),
    // A UBL credit note's amounts are positive: listed negative.
    received('storno', 'PA-101', '2025-09-10', [{ category: 'S', percent: '21', base: '200.00', amount: '42.00' }], '242.00'),
    // Reverse charge: the company self-assesses 21% of 500,00 = 105,00.
    received('factura', 'FV-1', '2025-09-15', [{ category: 'AE', percent: '0', base: '500.00', amount: '0.00' }], '500.00'),
    received('factura', 'X-3', '2025-09-16', [{ category: 'E', percent: '0', base: '30.00', amount: '0' }], '30.00', {}, ['TVA la încasare']),
    received('factura', 'PA-100', '2025-09-02', [{ category: 'S', percent: '21', base: '1000.00', amount: '210.00' }], '1210.00', { duplicat: 1 }),
    received('factura', 'DE-7', '2025-09-20', [{ category: 'S', percent: '21', base: '10.00', amount: '2.10' }], '12.10', { moneda: 'EUR' }),
    received('factura', 'PA-99', '2025-08-31', [{ category: 'S', percent: '21', base: '1.00', amount: '0.21' }], '1.21'),
  ];
  const j = purchaseJournal('2025-09', sources);

  it('lists the month\'s documents once, credit notes negative, reverse charge self-assessed', () => {
    expect(j.rows.map((r) => r.numar)).toEqual(['PA-100', 'PA-101', 'FV-1', 'X-3', 'DE-7']);
    expect(j.rows[1]).toMatchObject({ total: -24200, cote: { 21: { baza: -20000, tva: -4200 } } });
    expect(j.rows[2]).toMatchObject({ total: 50000, taxareInversa: { baza: 50000, tva: 10500 } });
    expect(j.rows[3]).toMatchObject({ scutitFaraDrept: 3000, tvaLaIncasare: true });
  });

  it('leaves documents in another currency out of the totals', () => {
    // 1.321,00 - 242,00 + 500,00 + 30,00 = 1.609,00; VAT 210,00 + 11,00 - 42,00 + 105,00 = 284,00.
    expect(j.foreign).toBe(1);
    expect(j.totals).toMatchObject({ total: 160900, tvaTotal: 28400, cote: { 21: { baza: 80000, tva: 16800 }, 11: { baza: 10000, tva: 1100 } } });
    expect(journalColumns(j).some((c) => c.id === 'tiTva')).toBe(true);
  });
});

describe('amountToBani', () => {
  it('rounds half away from zero', () => {
    expect([amountToBani('12.345'), amountToBani('-0.005'), amountToBani('7'), amountToBani(''), amountToBani(null)]).toEqual([1235, -1, 700, 0, 0]);
  });
});

describe('journalDefinition', () => {
  it('prints A4 landscape with the header row repeated, the totals last and page numbers', async () => {
    const { journalDefinition } = await import('./journal-pdf');
    const j = salesJournal('2025-08', [issued('factura', 1, '2025-08-02', 'Ion', null, [{ ...s21, cantitate: '1', pretUnitar: 10000 }])]);
    const company = {
      tip: 'pj', nume: 'Service SRL', codFiscal: 'RO123', cnp: null, regCom: null, adresa: 'Str. 1', localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null,
      tara: 'RO', iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
    } as const;
    const def = journalDefinition(j, company);
    expect([def.pageSize, def.pageOrientation]).toEqual(['A4', 'landscape']);
    const table = def.content.find((c) => typeof c === 'object' && 'table' in c);
    if (!table || typeof table !== 'object' || !('table' in table)) throw new Error('no table');
    expect(table.table.headerRows).toBe(1);
    expect(table.table.body).toHaveLength(1 + j.rows.length + 1);
    expect(JSON.stringify(table.table.body.at(-1))).toContain('121,00');
    expect(JSON.stringify(def.footer?.(2, 3))).toContain('Pagina 2 din 3');
  });
});
