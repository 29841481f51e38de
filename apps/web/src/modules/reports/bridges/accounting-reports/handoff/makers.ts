import { apiFetch } from '@/app/api';
import { invoicePdf, invoiceXml } from '@/modules/accounting/documents';
import type { DocumentMakers } from './handoff';

/**
 * ANAF's ZIP of an invoice from the server (`GET /api/invoices/:id/efactura.zip`, accounting's route), or null
 * when ANAF has not answered for it (404) or the invoice was never sent.
 */
export function anafZipFetcher(token: string): (invoiceId: string) => Promise<Uint8Array | null> {
  return async (invoiceId) => {
    const res = await fetch(`/api/invoices/${invoiceId}/efactura.zip`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status === 404) return null;
    if (!res.ok) await apiFetch(`/api/invoices/${invoiceId}/efactura.zip`, { token });
    return new Uint8Array(await res.arrayBuffer());
  };
}

/** The invoice's PDF and e-Factura XML made on the device, by the accounting module's code; ANAF's answers from the server when given. */
export function documentMakers(anafZip: DocumentMakers['anafZip']): DocumentMakers {
  return {
    pdf: async (doc, logo) => new Uint8Array(await (await invoicePdf(doc, logo)).arrayBuffer()),
    xml: async (doc) => (await invoiceXml(doc)).text(),
    anafZip,
  };
}
