import { invoiceTotals, type InvoiceDocument } from '../../../accounting/document';
import { invoiceBalance } from '../../../accounting/payments';
import type { GlanceCompute, GlanceRow, Period } from '../../glance';
import { inPeriod } from '../../glance';

/**
 * Accounting's figures for a period, by invoice date (`data_factura`): the revenue is the issued
 * documents' total without VAT, credit notes (storno, negative amounts) included, so it is what was
 * invoiced; the VAT collected per category and rate is each document's breakdown as `invoiceTotals`
 * makes it (line and document discounts applied, negative on a credit note). Unpaid and overdue are the
 * amounts left on the period's invoices at its end (or today, for a period not over yet): their total
 * less their credit notes and the payments recorded by then (`invoiceBalance`).
 */
export const accountingRevenuePriority = 2;

export function accountingGlanceSql(p: Period, asOf: string) {
  const when = inPeriod('i.data_factura', p);
  return {
    totals: {
      sql: `SELECT COALESCE(SUM(i.total_fara_tva), 0) AS revenue,
          COALESCE(SUM(CASE WHEN i.tip = 'factura' THEN 1 ELSE 0 END), 0) AS invoices,
          COALESCE(SUM(CASE WHEN i.tip = 'storno' THEN 1 ELSE 0 END), 0) AS credit_notes
        FROM invoices i WHERE ${when.sql}`,
      params: when.params,
    },
    byDay: {
      sql: `SELECT i.data_factura AS date, SUM(i.total_fara_tva) AS value FROM invoices i WHERE ${when.sql}
        GROUP BY i.data_factura ORDER BY i.data_factura`,
      params: when.params,
    },
    documents: { sql: `SELECT i.document FROM invoices i WHERE ${when.sql}`, params: when.params },
    balances: {
      sql: `SELECT i.total_general, i.data_scadenta,
          COALESCE((SELECT SUM(c.total_general) FROM invoices c WHERE c.storno_de_id = i.id AND c.data_factura <= ?), 0) AS stornat,
          COALESCE((SELECT SUM(p.suma) FROM payments p WHERE p.factura_id = i.id AND p.anulata_la IS NULL AND p.data <= ?), 0) AS platit
        FROM invoices i WHERE i.tip = 'factura' AND ${when.sql}`,
      params: [asOf, asOf, ...when.params],
    },
  };
}

/** The VAT breakdown of a set of documents, summed per category and rate (base and VAT), in rate order. */
export function vatByRate(docs: readonly Pick<InvoiceDocument, 'linii' | 'reduceri'>[]): GlanceRow[] {
  const rows = new Map<string, GlanceRow>();
  for (const doc of docs) {
    for (const g of invoiceTotals(doc.linii, doc.reduceri ?? []).grupe) {
      const key = `${g.categorie} ${g.cota}`;
      const row = rows.get(key) ?? rows.set(key, { key, label: g.categorie === 'S' ? `${g.cota}%` : `${g.categorie} ${g.cota}%`, value: 0, base: 0 }).get(key);
      if (!row) continue;
      row.value += g.tva;
      row.base = (row.base ?? 0) + g.baza;
    }
  }
  return [...rows.values()].sort((a, b) => Number(b.key.split(' ')[1]) - Number(a.key.split(' ')[1]) || a.key.localeCompare(b.key));
}

type Totals = { revenue: number; invoices: number; credit_notes: number };

export const accountingGlance: GlanceCompute = async (query, period, today) => {
  const asOf = today < period.to ? today : period.to;
  const q = accountingGlanceSql(period, asOf);
  const [t] = await query<Totals>(q.totals.sql, q.totals.params);
  const days = await query<{ date: string; value: number }>(q.byDay.sql, q.byDay.params);
  const docs = await query<{ document: string }>(q.documents.sql, q.documents.params);
  const vat = vatByRate(docs.map((d) => JSON.parse(d.document) as InvoiceDocument));
  const balances = await query<{ total_general: number; data_scadenta: string | null; stornat: number; platit: number }>(q.balances.sql, q.balances.params);
  let unpaid = 0;
  let overdue = 0;
  for (const b of balances) {
    const balance = invoiceBalance(b, [{ total_general: b.stornat }], [{ suma: b.platit, anulata_la: null }], asOf);
    unpaid += balance.left;
    if (balance.state === 'overdue') overdue += balance.left;
  }
  return {
    revenueBasis: 'invoices',
    figures: [
      { id: 'revenue', unit: 'bani', value: t?.revenue ?? 0, priority: accountingRevenuePriority },
      { id: 'invoicesIssued', unit: 'count', value: t?.invoices ?? 0 },
      { id: 'creditNotes', unit: 'count', value: t?.credit_notes ?? 0 },
      { id: 'vatCollected', unit: 'bani', value: vat.reduce((s, r) => s + r.value, 0) },
      { id: 'unpaid', unit: 'bani', value: unpaid },
      { id: 'overdue', unit: 'bani', value: overdue },
    ],
    breakdowns: [{ id: 'vatByRate', unit: 'bani', rows: vat }],
    series: [{ id: 'revenue', priority: accountingRevenuePriority, points: days }],
  };
};
