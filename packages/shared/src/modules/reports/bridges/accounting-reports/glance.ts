import { invoiceBalance } from '../../../accounting/payments';
import type { GlanceCompute, GlanceRow, Period } from '../../glance';
import { inPeriod } from '../../glance';

/**
 * Accounting's figures for a period, by invoice date (`data_factura`): the revenue is the issued
 * documents' total without VAT, credit notes (storno, negative amounts) included, so it is what was
 * invoiced; the VAT collected per category and rate is each document's breakdown as issued
 * (`totals.grupe`, as `invoiceTotals` made it: line and document discounts applied, negative on a credit note). Unpaid and overdue are the
 * amounts left on the period's invoices at its end (or today, for a period not over yet): their total
 * less their credit notes and the payments recorded by then (`invoiceBalance`).
 */
export const accountingRevenuePriority = 2;

/**
 * The period's invoices in one read: their amounts and, for an invoice, what its credit notes and
 * payments took off it by `asOf`. The documents themselves stay in the database (`accountingVatSql`).
 */
export function accountingGlanceSql(p: Period, asOf: string) {
  const when = inPeriod('i.data_factura', p);
  return {
    sql: `SELECT i.tip, i.data_factura, i.total_fara_tva, i.total_general, i.data_scadenta,
        CASE WHEN i.tip = 'factura' THEN COALESCE((SELECT SUM(c.total_general) FROM invoices c WHERE c.storno_de_id = i.id AND c.data_factura <= ?), 0) END AS stornat,
        CASE WHEN i.tip = 'factura' THEN COALESCE((SELECT SUM(p.suma) FROM payments p WHERE p.factura_id = i.id AND p.anulata_la IS NULL AND p.data <= ?), 0) END AS platit
      FROM invoices i WHERE ${when.sql}`,
    params: [asOf, asOf, ...when.params],
  };
}

/**
 * The VAT collected in the period per category and rate: each issued document's own VAT breakdown
 * (`totals.grupe`, made by `invoiceTotals` when it was issued: line and document discounts applied,
 * negative on a credit note), summed by the engine, which reads only those paths of the documents.
 */
export function accountingVatSql(p: Period) {
  const when = inPeriod('i.data_factura', p);
  return {
    sql: `SELECT json_extract(g.value, '$.categorie') AS categorie, json_extract(g.value, '$.cota') AS cota,
        SUM(json_extract(g.value, '$.baza')) AS baza, SUM(json_extract(g.value, '$.tva')) AS tva
      FROM invoices i, json_each(i.document, '$.totals.grupe') g WHERE ${when.sql} GROUP BY 1, 2`,
    params: when.params,
  };
}

/** The VAT breakdown's rows (`accountingVatSql`), in rate order. */
export function vatByRate(groups: readonly { categorie: string; cota: string; baza: number; tva: number }[]): GlanceRow[] {
  const rows = new Map<string, GlanceRow>();
  for (const g of groups) {
    const key = `${g.categorie} ${g.cota}`;
    const row = rows.get(key) ?? rows.set(key, { key, label: g.categorie === 'S' ? `${g.cota}%` : `${g.categorie} ${g.cota}%`, value: 0, base: 0 }).get(key);
    if (!row) continue;
    row.value += g.tva;
    row.base = (row.base ?? 0) + g.baza;
  }
  return [...rows.values()].sort((a, b) => Number(b.key.split(' ')[1]) - Number(a.key.split(' ')[1]) || a.key.localeCompare(b.key));
}

type InvoiceRow = {
  tip: string; data_factura: string; total_fara_tva: number; total_general: number; data_scadenta: string | null;
  stornat: number | null; platit: number | null;
};

export const accountingGlance: GlanceCompute = async (query, period, today) => {
  const asOf = today < period.to ? today : period.to;
  const q = accountingGlanceSql(period, asOf);
  const rows = await query<InvoiceRow>(q.sql, q.params);
  let revenue = 0;
  let invoices = 0;
  let creditNotes = 0;
  let unpaid = 0;
  let overdue = 0;
  const byDay = new Map<string, number>();
  for (const r of rows) {
    revenue += r.total_fara_tva;
    byDay.set(r.data_factura, (byDay.get(r.data_factura) ?? 0) + r.total_fara_tva);
    if (r.tip === 'storno') creditNotes++;
    if (r.tip !== 'factura') continue;
    invoices++;
    const balance = invoiceBalance(r, [{ total_general: r.stornat ?? 0 }], [{ suma: r.platit ?? 0, anulata_la: null }], asOf);
    unpaid += balance.left;
    if (balance.state === 'overdue') overdue += balance.left;
  }
  const days = [...byDay].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([date, value]) => ({ date, value }));
  const v = accountingVatSql(period);
  const vat = vatByRate(await query<{ categorie: string; cota: string; baza: number; tva: number }>(v.sql, v.params));
  return {
    revenueBasis: 'invoices',
    figures: [
      { id: 'revenue', unit: 'bani', value: revenue, priority: accountingRevenuePriority },
      { id: 'invoicesIssued', unit: 'count', value: invoices },
      { id: 'creditNotes', unit: 'count', value: creditNotes },
      { id: 'vatCollected', unit: 'bani', value: vat.reduce((s, r) => s + r.value, 0) },
      { id: 'unpaid', unit: 'bani', value: unpaid },
      { id: 'overdue', unit: 'bani', value: overdue },
    ],
    breakdowns: [{ id: 'vatByRate', unit: 'bani', rows: vat }],
    series: [{ id: 'revenue', priority: accountingRevenuePriority, points: days }],
  };
};
