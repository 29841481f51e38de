import { clientParty, normalizeCui, searchKey, type ClientDetails, type Party } from '@roaauto/shared';
import { buyerOfParty, type BuyerForm } from './pages/invoices/invoice-form';
import type { InvoiceSource } from './slots';

/**
 * Invoices and customers. An invoice copies its buyer at issue (the law wants the document as it was); a
 * new invoice takes that buyer from the customer row (name, CUI, trade-register number, VAT status,
 * address), and a customer's page lists the invoices whose buyer is them: by CUI for a company, by name
 * for a customer without one.
 */
export function buyerOfClient(c: ClientDetails): BuyerForm {
  return buyerOfParty(clientParty(c));
}

/** `/invoices/new?client=<id>`: a new invoice for a customer of this device. */
export const clientInvoiceSource: InvoiceSource = {
  param: 'client',
  async load(db, id) {
    const [c] = await db.query<ClientDetails & { id: string }>('SELECT * FROM clients WHERE id = ?', [id]);
    if (!c) return null;
    return {
      caption: { key: 'accounting.customer.forCustomer', params: { name: c.nume }, testId: 'invoice-for-customer' },
      buyer: buyerOfClient(c),
      lines: [],
      order: null,
      telefon: c.telefon,
    };
  },
};

/** The invoices of a customer, newest first. */
export function customerInvoicesQuery(c: { nume: string; cod_fiscal: string | null }, limit = 100): { sql: string; params: string[] } {
  const cui = c.cod_fiscal ? normalizeCui(c.cod_fiscal) : '';
  const columns = 'id, serie_factura, nr_factura, tip, data_factura, total_general';
  if (cui) {
    return {
      sql: `SELECT ${columns} FROM invoices WHERE client_cod_fiscal IN (?, ?) ORDER BY data_factura DESC, nr_factura DESC LIMIT ${limit}`,
      params: [cui, `RO${cui}`],
    };
  }
  return {
    sql: `SELECT ${columns} FROM invoices WHERE client_cod_fiscal IS NULL AND LOWER(TRIM(client_nume)) = LOWER(?) ORDER BY data_factura DESC, nr_factura DESC LIMIT ${limit}`,
    params: [c.nume.trim()],
  };
}

/** The company's customers whose name has every word typed (diacritics aside), as buyers. */
export function customerBuyersQuery(typed: string, limit = 4): { sql: string; params: string[] } | null {
  const words = searchKey(typed).split(' ').filter(Boolean);
  if (words.join('').length < 2) return null;
  return {
    sql: `SELECT * FROM clients WHERE ${words.map(() => `_search LIKE ? ESCAPE '\\'`).join(' AND ')} ORDER BY _search LIMIT ${limit}`,
    params: words.map((w) => `%${w.replace(/[\\%_]/g, (x) => `\\${x}`)}%`),
  };
}

/** The buyers offered as a name is typed: the customers first, then earlier buyers, each name once. */
export function buyerSuggestions(customers: readonly Party[], earlier: readonly Party[], typed: string, limit = 6): Party[] {
  const seen = new Set([searchKey(typed)]);
  const out: Party[] = [];
  for (const p of [...customers, ...earlier]) {
    const key = searchKey(p.nume);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}
