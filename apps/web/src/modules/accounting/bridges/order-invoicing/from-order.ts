import { defaultVat, euCountryOfVatNumber, invoiceLinesFromOrder, isValidCnp, type ClientDetails, type InvoiceLine } from '@roaauto/shared';
import { buyerOfClient } from '../../customer-invoices';
import type { OrderLineRow, OrderRow } from '@/modules/workshop/order-rows';
import type { InvoiceSource, InvoiceStart } from '../../slots';

/**
 * The invoice of an order: its customer as the buyer and its lines, labour first, on the given VAT. The
 * buyer is the order's customer row when the device has it (name, codes, trade-register number, VAT
 * status and address as they are now); else the details copied on the order (a valid CNP makes a person,
 * any other code a company, in the EU state its VAT number names).
 */
export function invoiceStartFromOrder(
  order: OrderRow,
  lines: readonly OrderLineRow[],
  vat: Pick<InvoiceLine, 'categorie' | 'cota' | 'motivScutire'>,
  customer: (ClientDetails & { id: string }) | null = null,
): InvoiceStart {
  const code = order.client_cod_fiscal?.trim() ?? '';
  const asCnp = isValidCnp(code);
  const company = Boolean(code) && !asCnp;
  return {
    caption: { key: 'accounting.issue.forOrder', params: { n: order.nr_comanda ?? '—' }, testId: 'invoice-for-order' },
    buyer: customer && customer.id === order.client_id ? buyerOfClient(customer) : {
      tip: company ? 'pj' : 'pf', nume: order.client_nume ?? '', codFiscal: company ? code.toUpperCase() : '', cnp: asCnp ? code : '',
      adresa: order.client_adresa ?? '',
      tara: (company && euCountryOfVatNumber(code)) || 'RO',
    },
    lines: invoiceLinesFromOrder([...lines].sort(labourFirst), vat),
    order: { id: order.id, nr_comanda: order.nr_comanda, nr_auto: order.nr_auto },
    telefon: customer?.telefon ?? order.client_telefon,
  };
}

/** Labour, then materials, each in the order's own order. */
function labourFirst(a: OrderLineRow, b: OrderLineRow): number {
  return Number(a.tip === 'material') - Number(b.tip === 'material') || a.ordine - b.ordine;
}

/** `/invoices/new?order=<id>`: the order on this device. */
export const orderInvoiceSource: InvoiceSource = {
  param: 'order',
  async load(db, id, { seller, dataLivrare }) {
    const [order] = await db.query<OrderRow>(`SELECT * FROM orders WHERE id = ?`, [id]);
    if (!order) return null;
    const lines = await db.query<OrderLineRow>(`SELECT * FROM order_lines WHERE order_id = ? ORDER BY tip = 'material', ordine, created_at`, [id]);
    const [customer] = order.client_id ? await db.query<ClientDetails & { id: string }>(`SELECT * FROM clients WHERE id = ?`, [order.client_id]) : [];
    return invoiceStartFromOrder(order, lines, defaultVat(seller, dataLivrare), customer ?? null);
  },
};
