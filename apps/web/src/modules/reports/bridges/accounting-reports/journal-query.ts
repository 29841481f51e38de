import { monthRange, purchaseJournal, salesJournal, salesJournalSql, type Journal, type JournalMonth, type PurchaseJournalSource, type SalesJournalSource, type SqlValue } from '@roaauto/shared';

/** Which journal a page shows. */
export type JournalKind = Journal['kind'];

/** The tables each journal reads (its live query re-runs when one changes). */
export const journalTables: Record<JournalKind, readonly string[]> = { sales: ['invoices'], purchases: ['received_invoices'] };

/** The month's documents of a journal, by the index on their date. */
export function journalQuery(kind: JournalKind, month: JournalMonth): { sql: string; params: SqlValue[] } {
  const { from, to } = monthRange(month);
  const sql = kind === 'sales'
    ? salesJournalSql
    : 'SELECT tip, furnizor_nume, furnizor_cui, numar, data_emitere, moneda, total, duplicat, document FROM received_invoices WHERE data_emitere BETWEEN ? AND ?';
  return { sql, params: [from, to] };
}

/** The journal of the rows `journalQuery` read. */
export function journalOf(kind: JournalKind, month: JournalMonth, rows: readonly unknown[]): Journal {
  return kind === 'sales' ? salesJournal(month, rows as readonly SalesJournalSource[]) : purchaseJournal(month, rows as readonly PurchaseJournalSource[]);
}

/** "YYYY-MM" of a date (the shop's today by default) shifted by `delta` months. */
export function monthOf(date: string, delta = 0): JournalMonth {
  const [y, m] = date.split('-').map(Number);
  const d = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
