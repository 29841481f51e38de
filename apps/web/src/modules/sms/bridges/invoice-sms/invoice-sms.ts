import type { InvoiceDocument } from '@roaauto/shared';
import { smsValues } from '../../sms';

/** The invoice columns the "invoice issued" SMS needs. */
export type InvoiceForSms = { id: string; tip: 'factura' | 'storno'; client_nume: string; nr_auto: string | null; total_general: number; document: string; order_id: string | null };

/** Who the SMS goes to and what fills its text, from an issued invoice (its buyer's phone as issued). */
export function invoiceSms(row: InvoiceForSms, company: { nume: string | null; telefon: string | null }) {
  return {
    phone: buyerPhone(row.document),
    orderId: row.order_id,
    values: smsValues({ client: row.client_nume, plate: row.nr_auto, company: company.nume, companyPhone: company.telefon, totalBani: row.total_general }),
  };
}

function buyerPhone(document: string): string | null {
  try {
    return (JSON.parse(document) as Pick<InvoiceDocument, 'cumparator'>).cumparator.telefon ?? null;
  } catch {
    return null;
  }
}
