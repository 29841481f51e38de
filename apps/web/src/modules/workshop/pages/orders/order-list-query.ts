import { orderStatuses, searchKey, type OrderStatus, type SqlValue } from '@roaauto/shared';
import type { LocationQuery } from 'vue-router';

export type OrderSort = 'date' | 'number' | 'total';

/** The list's periods, as its chips offer them. */
export const orderPeriods = ['today', 'month', 'lastMonth', 'all', 'range'] as const;
export type OrderPeriod = (typeof orderPeriods)[number];

/**
 * The filter a link asks for in the address (`/orders?status=DRAFT`, `/orders?period=today`, both), as the
 * list's status and period with every other filter cleared, so the list shows what the link counted; null
 * when the address asks for none (the list stays as it was left).
 */
export function orderFilterFromQuery(query: LocationQuery): { status: OrderStatus | null; period: OrderPeriod } | null {
  const one = (v: LocationQuery[string] | undefined) => (typeof v === 'string' ? v : null);
  const status = orderStatuses.find((s) => s === one(query.status)) ?? null;
  const period = orderPeriods.find((p) => p === one(query.period) && p !== 'range') ?? null;
  if (!status && !period) return null;
  return { status, period: period ?? 'all' };
}

/**
 * The home page's order figures, each counted as the list filtered by its link lists it: the orders
 * of `today` (`/orders?period=today`) and those awaiting the customer's approval (`awaitingApproval`).
 * Each count is read from an index alone ((data_comanda), (status, data_comanda)).
 */
export function orderFiguresQuery(today: string): { sql: string; params: SqlValue[] } {
  return {
    sql: 'SELECT (SELECT COUNT(*) FROM orders WHERE data_comanda = ?) AS today, (SELECT COUNT(*) FROM orders WHERE status = ?) AS awaiting',
    params: [today, awaitingApproval],
  };
}
export type OrderFigures = { today: number; awaiting: number };

/**
 * The stage where an order waits for the customer's approval: the estimate (deviz) is a draft until it
 * is validated, and the customer approves it meanwhile (by phone or on the client portal). The workflow
 * has no separate status for it.
 */
export const awaitingApproval: OrderStatus = 'DRAFT';

export type OrderListFilter = {
  status: OrderStatus | null;
  /** Inclusive YYYY-MM-DD bounds of data_comanda, or null. */
  from: string | null;
  to: string | null;
  search: string;
  sort: OrderSort;
  /** A mechanic's id, `unassignedOrders` for orders assigned to nobody, or null/absent for every order. */
  mechanic?: string | null;
  /** Orders with the chosen status, and all orders (from `orderStatusCountsSql`): which index serves "by number". */
  statusRows?: number;
  allRows?: number;
};

/** The mechanic filter's value for orders assigned to nobody (ids are UUIDs, so it names no mechanic). */
export const unassignedOrders = 'none';

/** Orders per status, read from the (status, data_comanda) index alone. */
export const orderStatusCountsSql = 'SELECT status, COUNT(*) AS n FROM orders GROUP BY status';

/** A row of the list (and of the dashboard's lists). */
export type OrderListRow = {
  id: string;
  nr_comanda: number | null;
  data_comanda: string;
  status: OrderStatus;
  nr_auto: string | null;
  client_nume: string | null;
  marca_denumire: string | null;
  model_denumire: string | null;
  total_general: number;
  mecanic_id: string | null;
};

export const orderListColumns = 'id, nr_comanda, data_comanda, status, nr_auto, client_nume, marca_denumire, model_denumire, total_general, mecanic_id';

const phoneLike = /^[\d\s+().-]+$/;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What was typed, as conditions on orders' `_search` (number, plate with and without spaces, customer
 * without diacritics, phone digits), every word to be found, in any order ("stefanescu 1777" finds
 * "Client 1777 Ștefănescu"):
 * - a phone or a number typed with spaces or dashes is one word of digits ("0722 123 456");
 * - a word with digits matches anywhere (the end of a phone number, part of a plate);
 * - a word of letters matches the start of a word (a name, a county code);
 * - a space after the last word ends it ("client 42 " is not "Client 420").
 * Each condition is `<expr> LIKE ? ESCAPE '\'` on `_search` alone, so the `_search` index answers it.
 */
export function orderSearchTerms(typed: string): { sql: string; params: string[] } {
  const key = searchKey(typed);
  const phone = phoneLike.test(key);
  const words = (phone ? [key.replace(/\D/g, '')] : key.split(' ')).filter(Boolean);
  if (!words.length) return { sql: '', params: [] };
  const wholeLast = !phone && /\s$/.test(typed);
  const sql: string[] = [];
  const params: string[] = [];
  words.forEach((w, i) => {
    const e = escapeLike(w);
    if (wholeLast && i === words.length - 1) {
      sql.push(`' ' || _search || ' ' LIKE ? ESCAPE '\\'`);
      params.push(`% ${e} %`);
    } else if (/\d/.test(w)) {
      sql.push(`_search LIKE ? ESCAPE '\\'`);
      params.push(`%${e}%`);
    } else {
      sql.push(`' ' || _search LIKE ? ESCAPE '\\'`);
      params.push(`% ${e}%`);
    }
  });
  return { sql: sql.join(' AND '), params };
}

const orderBy: Record<OrderSort, string> = {
  // (status, data_comanda) or (data_comanda) walks in date order; the number only orders a day's orders.
  date: 'data_comanda DESC, nr_comanda DESC',
  number: 'nr_comanda DESC',
  total: 'total_general DESC, data_comanda DESC',
};

/**
 * The list's query, every filter served by an index:
 * - status and period: (status, data_comanda) or (data_comanda), walked in date order, newest first;
 * - a mechanic: the (mecanic_id) index, then their orders sorted (one mechanic's share of the orders);
 *   orders assigned to nobody (every order from before assignments) are tested per row of the sort's walk;
 * - search: the rows whose `_search` matches are found by reading the `_search` index alone (never the
 *   table), and the walk of the sort's index only tests its rowids against them (`+rowid` keeps SQLite
 *   walking the sort's index): a rare match does not read 20,000 rows, a common one stops at the limit;
 * - by number with a status most orders have (at least 1 in 20): the number index, testing the status
 *   per row (the limit is reached within ~20 × limit rows); with a rarer status its index, then those
 *   few rows sorted.
 * "Load more" asks again with a larger limit, so the live list stays one query.
 */
export function orderListQuery(f: OrderListFilter, limit: number): { sql: string; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.status) {
    const common = (f.statusRows ?? 0) * 20 >= (f.allRows ?? Infinity);
    where.push(f.sort === 'number' && common ? '+status = ?' : 'status = ?');
    params.push(f.status);
  }
  if (f.from) {
    where.push('data_comanda >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('data_comanda <= ?');
    params.push(f.to);
  }
  if (f.mechanic === unassignedOrders) where.push('+mecanic_id IS NULL');
  else if (f.mechanic) {
    where.push('mecanic_id = ?');
    params.push(f.mechanic);
  }
  const terms = orderSearchTerms(f.search);
  if (terms.sql) {
    // Sorted by value there is no index to walk: then the matching rows are looked up one by one.
    where.push(`${f.sort === 'total' ? '' : '+'}rowid IN (SELECT rowid FROM orders WHERE ${terms.sql})`);
    params.push(...terms.params);
  }
  params.push(limit);
  const sql = `SELECT ${orderListColumns} FROM orders${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${orderBy[f.sort]} LIMIT ?`;
  return { sql, params };
}

/** The open orders (draft and validated), newest first: each status walked on its index, then merged. */
export function openOrdersQuery(limit: number): string {
  const part = (status: string) =>
    `SELECT * FROM (SELECT ${orderListColumns} FROM orders WHERE status = '${status}' ORDER BY data_comanda DESC, nr_comanda DESC LIMIT ${limit})`;
  return `SELECT * FROM (${part('DRAFT')} UNION ALL ${part('VALIDAT')}) ORDER BY data_comanda DESC, nr_comanda DESC LIMIT ${limit}`;
}
