import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTableDdl, syncTables, ordersTable, type OrderStatus, type SqlValue } from '@roaauto/shared';
import type { OrderRow } from '../../order-rows';
import {
  awaitingApproval, openOrdersQuery, orderFilterFromQuery, orderFiguresQuery, orderListQuery, orderSearchTerms, orderStatusCountsSql, unassignedOrders,
  type OrderFigures, type OrderListFilter, type OrderListRow,
} from './order-list-query';

/** The list's queries run on SQLite with the browser's own table and indexes. */
let db: Database.Database;

type Seed = { nr: number | null; date: string; status: OrderStatus; plate: string | null; client: string | null; phone?: string | null; total: number; mechanic?: string };
const seeds: Seed[] = [
  { nr: 1, date: '2026-01-05', status: 'FACTURAT', plate: 'B 123 ABC', client: 'Ion Popescu', phone: '0722 123 456', total: 50000, mechanic: 'm-ana' },
  { nr: 2, date: '2026-02-10', status: 'VALIDAT', plate: 'CJ 10 XYZ', client: 'Client 1777 Ștefănescu', total: 120000, mechanic: 'm-dan' },
  { nr: 3, date: '2026-02-10', status: 'DRAFT', plate: 'CT 99 AAA', client: 'Maria 50%_ Ionescu', total: 9900, mechanic: 'm-ana' },
  { nr: 43, date: '2026-03-01', status: 'DRAFT', plate: null, client: 'Client 420', total: 0 },
  { nr: null, date: '2026-03-02', status: 'DRAFT', plate: 'IS 01 BBB', client: 'Client 42', total: 30000 },
];

function orderRow(s: Seed, i: number): OrderRow {
  return {
    id: `o${i}`, created_at: '2026-01-01', updated_at: '2026-01-01', nr_comanda: s.nr, data_comanda: s.date, vehicle_id: null, tip_deviz_id: null, status: s.status,
    km_intrare: null, observatii: null, client_nume: s.client, client_telefon: s.phone ?? null, client_email: null, client_cod_fiscal: null, client_adresa: null,
    nr_auto: s.plate, serie_sasiu: null, marca_denumire: null, model_denumire: null, total_manopera: 0, total_materiale: 0, total_general: s.total,
    token_client: null, created_by: null, oracle_id: null, factura_id: null, mecanic_id: s.mechanic ?? null, client_id: null,
  };
}

beforeAll(() => {
  db = new Database(':memory:');
  // The table as the device makes it (its declaration, as the sync registry lists it).
  const declared = syncTables.find((t) => t.name === 'orders');
  if (!declared) throw new Error('orders is not a synced table');
  for (const sql of localTableDdl(declared)) db.exec(sql);
  seeds.forEach((s, i) => {
    const row = orderRow(s, i);
    const columns = Object.keys(row);
    db.prepare(`INSERT INTO orders (${columns.join(', ')}, _search) VALUES (${columns.map((c) => `@${c}`).join(', ')}, @_search)`).run({ ...row, _search: ordersTable.search?.(row) ?? null });
  });
});
afterAll(() => db.close());

const base: OrderListFilter = { status: null, from: null, to: null, search: '', sort: 'date' };
function numbers(f: Partial<OrderListFilter>, limit = 50): (number | null)[] {
  const { sql, params } = orderListQuery({ ...base, ...f }, limit);
  return db.prepare<SqlValue[], { nr_comanda: number | null }>(sql).all(...params).map((r) => r.nr_comanda);
}

describe('the orders list query', () => {
  it('newest first by date, then by number; by number; by total', () => {
    expect(numbers({})).toEqual([null, 43, 3, 2, 1]);
    expect(numbers({ sort: 'number' })).toEqual([43, 3, 2, 1, null]);
    expect(numbers({ sort: 'total' })).toEqual([2, 1, null, 3, 43]);
    expect(numbers({}, 2)).toEqual([null, 43]);
  });

  it('filters by status and by an inclusive period', () => {
    expect(numbers({ status: 'DRAFT' })).toEqual([null, 43, 3]);
    expect(numbers({ from: '2026-02-10', to: '2026-03-01' })).toEqual([43, 3, 2]);
    expect(numbers({ status: 'DRAFT', sort: 'number', statusRows: 3, allRows: 5 })).toEqual([43, 3, null]);
    expect(numbers({ status: 'VALIDAT', sort: 'number', statusRows: 1, allRows: 100 })).toEqual([2]);
  });

  it('finds every typed word in any order: names without diacritics, plates with or without spaces, phones by their digits', () => {
    expect(numbers({ search: 'stefanescu 1777' })).toEqual([2]);
    expect(numbers({ search: 'cj10' })).toEqual([2]);
    expect(numbers({ search: 'CJ 10' })).toEqual([2]);
    expect(numbers({ search: '0722 123 456' })).toEqual([1]);
    expect(numbers({ search: '123456' })).toEqual([1]);
    expect(numbers({ search: 'pop' })).toEqual([1]);
    expect(numbers({ search: 'opescu' })).toEqual([]);
    expect(numbers({ search: 'client 42' })).toEqual([null, 43]);
    expect(numbers({ search: 'client 42 ' })).toEqual([null]);
    expect(numbers({ search: 'client 42', sort: 'total' })).toEqual([null, 43]);
  });

  it('takes % and _ as they are typed', () => {
    expect(numbers({ search: '50%_' })).toEqual([3]);
    expect(numbers({ search: '5_' })).toEqual([]);
    expect(orderSearchTerms('  ')).toEqual({ sql: '', params: [] });
  });

  it('a search is answered from the _search index, never by reading the table', () => {
    const { sql, params } = orderListQuery({ ...base, search: 'popescu' }, 50);
    const plan = db.prepare<SqlValue[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/orders__search_idx/);
    expect(plan).not.toMatch(/SCAN orders(?! USING)/);
  });

  it("filters by mechanic: one mechanic's orders, or those assigned to nobody, with the other filters", () => {
    expect(numbers({ mechanic: 'm-ana' })).toEqual([3, 1]);
    expect(numbers({ mechanic: 'm-ana', status: 'DRAFT' })).toEqual([3]);
    expect(numbers({ mechanic: 'm-ana', search: 'popescu' })).toEqual([1]);
    expect(numbers({ mechanic: 'm-ana', sort: 'total' })).toEqual([1, 3]);
    expect(numbers({ mechanic: 'm-nobody' })).toEqual([]);
    expect(numbers({ mechanic: unassignedOrders })).toEqual([null, 43]);
    expect(numbers({ mechanic: unassignedOrders, from: '2026-03-02' })).toEqual([null]);
    expect(numbers({ mechanic: null })).toEqual(numbers({}));
  });

  it("a mechanic's orders come from the mecanic_id index; unassigned ones walk the date index, stopping at the limit", () => {
    const plan = (f: Partial<OrderListFilter>) => {
      const { sql, params } = orderListQuery({ ...base, ...f }, 50);
      return db.prepare<SqlValue[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail).join('\n');
    };
    expect(plan({ mechanic: 'm-ana' })).toMatch(/orders_mecanic_id_idx/);
    expect(plan({ mechanic: unassignedOrders })).toMatch(/orders_data_comanda_idx/);
    // Only the day's orders are sorted by number ("LAST TERM"), never the whole list.
    expect(plan({ mechanic: unassignedOrders })).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  });

  it('each row says its mechanic', () => {
    const { sql, params } = orderListQuery({ ...base, search: 'cj10' }, 50);
    const [row] = db.prepare<SqlValue[], OrderListRow>(sql).all(...params);
    expect(row).toMatchObject({ nr_comanda: 2, mecanic_id: 'm-dan' });
  });

  it('open orders are drafts and validated ones, newest first; counts are per status', () => {
    expect(db.prepare<[], { nr_comanda: number | null }>(openOrdersQuery(10)).all().map((r) => r.nr_comanda)).toEqual([null, 43, 3, 2]);
    expect(db.prepare<[], { nr_comanda: number | null }>(openOrdersQuery(2)).all()).toHaveLength(2);
    const counts = Object.fromEntries(db.prepare<[], { status: string; n: number }>(orderStatusCountsSql).all().map((r) => [r.status, r.n]));
    expect(counts).toEqual({ DRAFT: 3, VALIDAT: 1, FACTURAT: 1 });
  });
});

describe("the home page's order figures", () => {
  const figures = (today: string) => {
    const { sql, params } = orderFiguresQuery(today);
    return db.prepare<SqlValue[], OrderFigures>(sql).get(...params);
  };

  it('count what the list shows behind each figure: the day\'s orders, and those awaiting approval', () => {
    for (const day of ['2026-02-10', '2026-03-02', '2026-04-01']) {
      const listed = orderFilterFromQuery({ period: 'today' });
      expect(listed).toEqual({ status: null, period: 'today' });
      expect(figures(day)?.today).toBe(numbers({ status: listed?.status ?? null, from: day, to: day }).length);
    }
    const awaiting = orderFilterFromQuery({ status: awaitingApproval });
    expect(awaiting).toEqual({ status: awaitingApproval, period: 'all' });
    const drafts = numbers({ status: awaiting?.status ?? null });
    expect(drafts.length).toBeGreaterThan(0);
    expect(figures('2026-02-10')).toEqual({ today: 2, awaiting: drafts.length });
  });

  it('reads each count from an index, never the table', () => {
    const { sql, params } = orderFiguresQuery('2026-02-10');
    const plan = db.prepare<SqlValue[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/COVERING INDEX/);
    expect(plan).not.toMatch(/SCAN orders(?! USING)/);
  });
});

describe('a filter in the address of the orders list', () => {
  it('takes a known status and period, the other filters cleared; ignores anything else', () => {
    expect(orderFilterFromQuery({ status: 'VALIDAT' })).toEqual({ status: 'VALIDAT', period: 'all' });
    expect(orderFilterFromQuery({ status: 'DRAFT', period: 'month' })).toEqual({ status: 'DRAFT', period: 'month' });
    expect(orderFilterFromQuery({ status: 'draft' })).toBeNull();
    expect(orderFilterFromQuery({ period: 'range' })).toBeNull();
    expect(orderFilterFromQuery({ status: ['DRAFT', 'VALIDAT'] })).toBeNull();
    expect(orderFilterFromQuery({})).toBeNull();
  });
});
