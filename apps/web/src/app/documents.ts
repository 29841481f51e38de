import type { DevizDocument, DocumentAction, InvoiceDocument } from '@roaauto/shared';
export { documentFileName } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';
import { useSession } from './session';

/**
 * Documents made in the browser, offline: PDFs by the same code the server uses (loaded on first
 * use: the PDF engine and its fonts are about 2 MB), e-Factura XML, and the ways to hand them over
 * (download, the phone's share sheet, a WhatsApp link).
 */
export async function invoicePdf(doc: InvoiceDocument, logo: string | null): Promise<Blob> {
  const [{ invoiceDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(invoiceDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

export async function devizPdf(doc: DevizDocument, logo: string | null): Promise<Blob> {
  const [{ devizDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(devizDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}

export async function invoiceXml(doc: InvoiceDocument): Promise<Blob> {
  const { efacturaXml } = await import('@roaauto/shared/efactura');
  return new Blob([efacturaXml(doc)], { type: 'application/xml' });
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The phone's share sheet with the file (WhatsApp, e-mail…), where the browser can share files;
 * elsewhere the file is downloaded. 'cancelled' when the person closed the sheet.
 */
export async function share(blob: Blob, filename: string, text: string): Promise<'shared' | 'downloaded' | 'cancelled'> {
  const file = new File([blob], filename, { type: blob.type });
  if (typeof navigator.canShare === 'function' && navigator.canShare({ files: [file] })) {
    try {
      await navigator.share({ files: [file], title: filename, text });
      return 'shared';
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return 'cancelled';
      throw err;
    }
  }
  download(blob, filename);
  return 'downloaded';
}

/** A wa.me link with the text (Romanian numbers: 07xx… → 407xx…); without a number WhatsApp asks for a contact. */
export function whatsappLink(phone: string | null, text: string): string {
  let digits = (phone ?? '').replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `4${digits}`;
  return `https://wa.me/${digits}?text=${encodeURIComponent(text)}`;
}


/** One line of the documents' audit trail, written locally (and synced like any change). */
export async function recordDocumentEvent(
  db: LocalDatabase,
  event: { document: 'factura' | 'deviz'; documentId: string; action: DocumentAction; description: string },
): Promise<void> {
  await db.create('document_events', {
    document: event.document, document_id: event.documentId, actiune: event.action, descriere: event.description,
    user_id: useSession().account?.user.id ?? null, client_id: await db.clientId(),
  });
}
