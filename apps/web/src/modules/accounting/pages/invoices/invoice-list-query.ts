import { searchKey, type SqlValue } from '@roaauto/shared';

/** A row of the invoices list. */
export type InvoiceListRow = {
  id: string;
  serie_factura: string;
  nr_factura: number;
  tip: string;
  data_factura: string;
  client_nume: string;
  nr_auto: string | null;
  total_general: number;
};

/**
 * Issued invoices and credit notes, newest first (a day's by series and number, highest first), the
 * ones whose number, customer, tax id or plate contains what was typed (without case or diacritics;
 * `%` and `_` taken as typed). "Load more" asks again with a larger limit.
 */
export function invoiceListQuery(typed: string, limit: number): { sql: string; params: SqlValue[] } {
  const term = searchKey(typed);
  const where = term ? ` WHERE _search LIKE ? ESCAPE '\\'` : '';
  const params: SqlValue[] = term ? [`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit] : [limit];
  return {
    sql: `SELECT id, serie_factura, nr_factura, tip, data_factura, client_nume, nr_auto, total_general FROM invoices${where} ORDER BY data_factura DESC, serie_factura, nr_factura DESC LIMIT ?`,
    params,
  };
}
