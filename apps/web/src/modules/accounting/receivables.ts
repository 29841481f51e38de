import { invoiceBalance, normalizeCui, type InvoiceBalance } from '@roaauto/shared';

/**
 * What is to be collected ("De încasat"): every invoice with something left to pay, from one query over
 * the local tables (its credit notes' and its payments' sums), grouped by customer.
 */
const receivablesSelect = `SELECT i.id, i.serie_factura, i.nr_factura, i.data_factura, i.data_scadenta, i.client_nume, i.client_cod_fiscal, i.total_general,
  COALESCE((SELECT SUM(c.total_general) FROM invoices c WHERE c.storno_de_id = i.id), 0) AS stornat,
  COALESCE((SELECT SUM(p.suma) FROM payments p WHERE p.factura_id = i.id AND p.anulata_la IS NULL), 0) AS platit
FROM invoices i WHERE i.tip = 'factura'`;
const receivablesOrder = ' ORDER BY i.data_factura, i.serie_factura, i.nr_factura';
export const receivablesSql = receivablesSelect + receivablesOrder;

/** One customer's invoices for their balance, matched as the customer's invoice list matches them (customer-invoices.ts). */
export function customerReceivablesQuery(c: { nume: string; cod_fiscal: string | null }): { sql: string; params: string[] } {
  const cui = c.cod_fiscal ? normalizeCui(c.cod_fiscal) : '';
  if (cui) return { sql: `${receivablesSelect} AND i.client_cod_fiscal IN (?, ?)${receivablesOrder}`, params: [cui, `RO${cui}`] };
  return { sql: `${receivablesSelect} AND i.client_cod_fiscal IS NULL AND LOWER(TRIM(i.client_nume)) = LOWER(?)${receivablesOrder}`, params: [c.nume.trim()] };
}

export type ReceivableRow = {
  id: string; serie_factura: string; nr_factura: number; data_factura: string; data_scadenta: string | null;
  client_nume: string; client_cod_fiscal: string | null; total_general: number; stornat: number; platit: number;
};

export type Receivable = ReceivableRow & { balance: InvoiceBalance; customer: string };
export type CustomerReceivables = { customer: string; name: string; invoices: Receivable[]; left: number; overdue: number };

/** A customer's key: the tax id when there is one (names are written differently), else the name. */
const customerKey = (r: Pick<ReceivableRow, 'client_nume' | 'client_cod_fiscal'>) => r.client_cod_fiscal?.replace(/^RO/i, '').trim() || r.client_nume.trim().toLowerCase();

/** The invoices with something left on `today`, optionally only overdue ones or one customer's, by customer, the largest first. */
export function receivables(rows: readonly ReceivableRow[], today: string, filter: { overdueOnly: boolean; customer: string | null }): CustomerReceivables[] {
  const groups = new Map<string, CustomerReceivables>();
  for (const row of rows) {
    const balance = invoiceBalance(row, [{ total_general: row.stornat }], [{ suma: row.platit, anulata_la: null }], today);
    if (balance.left === 0 || (filter.overdueOnly && balance.state !== 'overdue')) continue;
    const customer = customerKey(row);
    if (filter.customer && filter.customer !== customer) continue;
    const g = groups.get(customer) ?? groups.set(customer, { customer, name: row.client_nume, invoices: [], left: 0, overdue: 0 }).get(customer);
    if (!g) continue;
    g.invoices.push({ ...row, balance, customer });
    g.left += balance.left;
    if (balance.state === 'overdue') g.overdue += balance.left;
  }
  return [...groups.values()].sort((a, b) => b.left - a.left || a.name.localeCompare(b.name, 'ro'));
}

/** Every customer with something left (for the filter), by name. */
export function receivableCustomers(rows: readonly ReceivableRow[], today: string): { customer: string; name: string }[] {
  return receivables(rows, today, { overdueOnly: false, customer: null }).map(({ customer, name }) => ({ customer, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'ro'));
}

/** A home figure: how many invoices, and what is left on them (bani). */
export type ReceivableFigure = { count: number; left: number };

/**
 * The home page's figures of what is to be collected on `today`: every invoice with something left, and
 * the overdue ones, counted as "De încasat" lists them (all, and "overdue only").
 */
export function receivableFigures(rows: readonly ReceivableRow[], today: string): { unpaid: ReceivableFigure; overdue: ReceivableFigure } {
  const unpaid = { count: 0, left: 0 };
  const overdue = { count: 0, left: 0 };
  for (const g of receivables(rows, today, { overdueOnly: false, customer: null })) {
    unpaid.count += g.invoices.length;
    unpaid.left += g.left;
    overdue.count += g.invoices.filter((i) => i.balance.state === 'overdue').length;
    overdue.left += g.overdue;
  }
  return { unpaid, overdue };
}
