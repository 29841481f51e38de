import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables } from '@roaauto/shared';
import { receivableFigures, receivables, receivablesSql, type ReceivableRow } from './receivables';

/** What is to be collected, and the home page's figures of it, on SQLite with the device's own tables. */
let db: Database.Database;
function insert(table: string, row: Record<string, unknown>): void {
  const def = syncTables.find((t) => t.name === table);
  if (!def) throw new Error(table);
  const full: Record<string, unknown> = { created_at: '2026-01-01', updated_at: '2026-01-01', ...Object.fromEntries(Object.keys(def.columns).map((c) => [c, null])), ...row };
  // A table with a search column fills it as the device does.
  if (def.search) full._search = def.search(full as never);
  const columns = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(full);
}

const invoice = (id: string, total: number, due: string | null, extra: Record<string, unknown> = {}) => ({
  id, serie_id: 's', serie_factura: 'ROA', nr_factura: Number(id.slice(1)), tip: 'factura', data_factura: '2026-11-02', data_livrare: '2026-11-02',
  data_scadenta: due, modalitate_plata: 'numerar', client_nume: `Client ${id}`, client_cod_fiscal: null, total_fara_tva: total, tva: 0, total_general: total,
  document: '{}', ...extra,
});
const payment = (id: string, invoiceId: string, suma: number, cancelled = false) => ({
  id, factura_id: invoiceId, suma, data: '2026-11-20', metoda: 'numerar', anulata_la: cancelled ? '2026-11-21T10:00:00.000Z' : null,
});

beforeAll(() => {
  db = new Database(':memory:');
  for (const name of ['invoices', 'payments']) {
    const def = syncTables.find((t) => t.name === name);
    if (def) for (const sql of localTableDdl(def)) db.exec(sql);
  }
  insert('invoices', invoice('i1', 100_000, '2026-11-15')); // overdue, nothing paid
  insert('invoices', invoice('i2', 50_000, '2026-11-15')); // overdue, 20 000 paid (and a cancelled payment)
  insert('invoices', invoice('i3', 30_000, '2026-12-31')); // not due yet
  insert('invoices', invoice('i4', 40_000, '2026-11-10')); // paid in full
  insert('invoices', invoice('i5', 25_000, '2026-11-10')); // cancelled by its credit note
  insert('invoices', invoice('i6', -25_000, null, { tip: 'storno', storno_de_id: 'i5' }));
  insert('invoices', invoice('i7', 12_345, null)); // no due date: unpaid, never overdue
  insert('payments', payment('p1', 'i2', 20_000));
  insert('payments', payment('p2', 'i2', 30_000, true));
  insert('payments', payment('p3', 'i4', 40_000));
});
afterAll(() => db.close());

describe("the home page's figures of what is to be collected", () => {
  const rows = () => db.prepare<[], ReceivableRow>(receivablesSql).all();

  it('count and sum the unpaid and the overdue invoices, net of payments and credit notes', () => {
    expect(receivableFigures(rows(), '2026-12-07')).toEqual({
      unpaid: { count: 4, left: 100_000 + 30_000 + 30_000 + 12_345 },
      overdue: { count: 2, left: 100_000 + 30_000 },
    });
    // Before the due dates nothing is overdue.
    expect(receivableFigures(rows(), '2026-11-05').overdue).toEqual({ count: 0, left: 0 });
  });

  it('are what "De încasat" lists: all of it, and overdue only', () => {
    const today = '2026-12-07';
    const figures = receivableFigures(rows(), today);
    const listed = (overdueOnly: boolean) => receivables(rows(), today, { overdueOnly, customer: null }).flatMap((g) => g.invoices);
    expect(listed(false)).toHaveLength(figures.unpaid.count);
    expect(listed(false).reduce((s, i) => s + i.balance.left, 0)).toBe(figures.unpaid.left);
    expect(listed(true)).toHaveLength(figures.overdue.count);
    expect(listed(true).reduce((s, i) => s + i.balance.left, 0)).toBe(figures.overdue.left);
  });
});
