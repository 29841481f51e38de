import type { InvoiceDocument, ReceiptDocument, ReceivedDocument } from '@roaauto/shared';

/**
 * An invoice's files, made in the browser, offline, by the code the server uses: the PDF (its engine
 * and fonts, about 2 MB, load on first use) and the e-Factura XML.
 */
export async function invoicePdf(doc: InvoiceDocument, logo: string | null): Promise<Blob> {
  const [{ invoiceDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(invoiceDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

export async function invoiceXml(doc: InvoiceDocument): Promise<Blob> {
  const { efacturaXml } = await import('@roaauto/shared/efactura');
  return new Blob([efacturaXml(doc)], { type: 'application/xml' });
}

/** A receipt's PDF, made in the browser like the invoice's. */
export async function receiptPdf(doc: ReceiptDocument, logo: string | null): Promise<Blob> {
  const [{ receiptDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(receiptDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

/** A supplier's invoice received through e-Factura, printed from its synced reading (offline too). */
export async function receivedInvoicePdf(doc: ReceivedDocument): Promise<Blob> {
  const [{ receivedInvoiceDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(receivedInvoiceDefinition(doc))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

/** "factura-primita-<supplier CUI>-<number>.pdf", safe for every file system. */
export function receivedInvoiceFileName(doc: ReceivedDocument): string {
  const part = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return `factura-primita-${[doc.supplier.cui ?? '', doc.number].map(part).filter(Boolean).join('-')}.pdf`;
}
