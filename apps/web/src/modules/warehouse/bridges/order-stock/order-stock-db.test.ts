import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, orderLinesTable, stockLocationsTable, stockMovementsTable, type SqlRow, type SqlValue } from '@roaauto/shared';
import { orderStockWrites, stockAction, type Reader } from './order-stock-db';

/** The bridge's reads on SQLite with the device's own tables: what a validation and a reopen write. */
let db: Database.Database;
const reader: Reader = {
  query: <T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []) => Promise.resolve(db.prepare(sql).all(...params) as T[]),
};
const insert = (table: string, row: Record<string, SqlValue>) => {
  const full = { created_at: '2026-12-01T10:00:00Z', updated_at: '2026-12-01T10:00:00Z', ...row };
  const cols = Object.keys(full);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(full);
};
/** Writes the planned creates as the device would. */
const apply = (ops: Awaited<ReturnType<typeof orderStockWrites>>) => {
  for (const op of ops) if (op.op === 'create') insert(op.table, op.data as Record<string, SqlValue>);
};

beforeAll(() => {
  db = new Database(':memory:');
  for (const t of [orderLinesTable, stockLocationsTable, stockMovementsTable]) for (const sql of localTableDdl(t)) db.exec(sql);
  insert('stock_locations', { id: 'L-old', nume: 'Magazie', cod: null, activ: 1, created_at: '2026-01-01T00:00:00Z' });
  insert('stock_locations', { id: 'L-new', nume: 'Dubă', cod: null, activ: 1, created_at: '2026-06-01T00:00:00Z' });
  insert('stock_locations', { id: 'L-off', nume: 'Veche', cod: null, activ: 0, created_at: '2025-01-01T00:00:00Z' });
  const line = (id: string, tip: string, product: string | null, qty: string | null, ordine: number) => insert('order_lines', {
    id, order_id: 'o1', tip, descriere: id, norma_id: null, ore: tip === 'manopera' ? '1' : null, pret_ora: null, um: 'buc', cantitate: qty,
    pret_unitar: 100, total: 100, mecanic_id: null, ordine, oracle_id: null, decizie_client: null, product_id: product,
  });
  line('a', 'material', 'p1', '2', 0);
  line('b', 'material', 'p1', '0.5', 1);
  line('c', 'material', null, '1', 2);
  line('d', 'manopera', null, null, 3);
  line('e', 'material', 'p2', '1', 4);
});
afterAll(() => db.close());

describe('the order-stock bridge on the device', () => {
  it('says what a status change does to the stock', () => {
    expect(stockAction('DRAFT', 'VALIDAT')).toBe('issue');
    expect(stockAction('VALIDAT', 'DRAFT')).toBe('return');
    expect(stockAction('VALIDAT', 'FACTURAT')).toBeNull();
  });

  it('issues the product lines from the oldest active location, once; a reopen returns them', async () => {
    const issue = await orderStockWrites(reader, { orderId: 'o1', action: 'issue', userId: 'u1', date: '2026-12-06' });
    expect(issue.map((op) => (op.op === 'create' ? [op.data.tip, op.data.product_id, op.data.location_id, op.data.cantitate, op.data.doc_id] : null))).toEqual([
      ['iesire', 'p1', 'L-old', '-2.5', 'o1'],
      ['iesire', 'p2', 'L-old', '-1', 'o1'],
    ]);
    apply(issue);
    expect(await orderStockWrites(reader, { orderId: 'o1', action: 'issue', userId: 'u1', date: '2026-12-06' })).toEqual([]);
    const back = await orderStockWrites(reader, { orderId: 'o1', action: 'return', userId: 'u1', date: '2026-12-07' });
    expect(back.map((op) => (op.op === 'create' ? [op.data.tip, op.data.product_id, op.data.cantitate] : null))).toEqual([['retur', 'p1', '2.5'], ['retur', 'p2', '1']]);
    apply(back);
    const sum = db.prepare(`SELECT product_id, SUM(CAST(cantitate AS REAL)) AS q FROM stock_movements GROUP BY product_id ORDER BY product_id`).all();
    expect(sum).toEqual([{ product_id: 'p1', q: 0 }, { product_id: 'p2', q: 0 }]);
  });
});
