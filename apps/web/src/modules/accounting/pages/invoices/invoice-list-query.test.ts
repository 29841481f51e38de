import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicesTable, localTableDdl, syncTables, type Invoice, type SqlValue } from '@roaauto/shared';
import { invoiceListQuery, type InvoiceListRow } from './invoice-list-query';

/** The invoices list runs on SQLite with the browser's own table and indexes. */
let db: Database.Database;

const seeds = [
  { serie: 'ROA', nr: 1, tip: 'factura', date: '2026-03-01', client: 'Ion Popescu', cui: null, plate: 'B 123 ABC' },
  { serie: 'ROA', nr: 2, tip: 'factura', date: '2026-03-02', client: 'Șerban 100% SRL', cui: 'RO14399840', plate: null },
  { serie: 'ROA', nr: 3, tip: 'storno', date: '2026-03-02', client: 'Ion Popescu', cui: null, plate: 'B 123 ABC' },
  { serie: 'BV', nr: 7, tip: 'factura', date: '2026-03-02', client: 'Maria', cui: null, plate: 'BV 01 XYZ' },
] as const;

function invoiceRow(s: (typeof seeds)[number], i: number): Invoice {
  return {
    id: `i${i}`, created_at: '2026-03-01', updated_at: '2026-03-01', serie_id: 's', serie_factura: s.serie, nr_factura: s.nr, tip: s.tip, data_factura: s.date,
    data_livrare: s.date, data_scadenta: null, modalitate_plata: 'numerar', order_id: null, storno_de_id: null, client_nume: s.client, client_cod_fiscal: s.cui,
    nr_auto: s.plate, total_fara_tva: 0, tva: 0, total_general: 100, document: '{}', emis_de: null,
  };
}

beforeAll(() => {
  db = new Database(':memory:');
  // The table as the device makes it (its declaration, as the sync registry lists it).
  const declared = syncTables.find((t) => t.name === 'invoices');
  if (!declared) throw new Error('invoices is not a synced table');
  for (const sql of localTableDdl(declared)) db.exec(sql);
  seeds.forEach((s, i) => {
    const row = invoiceRow(s, i);
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO invoices (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`).run({ ...row, _search: invoicesTable.search?.(row) ?? null });
  });
});
afterAll(() => db.close());

function found(typed: string, limit = 50): string[] {
  const { sql, params } = invoiceListQuery(typed, limit);
  return db.prepare<SqlValue[], InvoiceListRow>(sql).all(...params).map((r) => `${r.serie_factura} ${r.nr_factura}`);
}

describe('the invoices list query', () => {
  it("newest first, a day's invoices by series and then by number, highest first", () => {
    expect(found('')).toEqual(['BV 7', 'ROA 3', 'ROA 2', 'ROA 1']);
    expect(found('   ', 2)).toEqual(['BV 7', 'ROA 3']);
  });

  it('finds by number, customer without diacritics, tax id and plate without spaces', () => {
    expect(found('roa2')).toEqual(['ROA 2']);
    expect(found('SERBAN')).toEqual(['ROA 2']);
    expect(found('14399840')).toEqual(['ROA 2']);
    expect(found('b123')).toEqual(['ROA 3', 'ROA 1']);
    expect(found('popescu')).toEqual(['ROA 3', 'ROA 1']);
  });

  it('takes % and _ as typed', () => {
    expect(found('100%')).toEqual(['ROA 2']);
    expect(found('%')).toEqual(['ROA 2']);
    expect(found('_')).toEqual([]);
  });
});
