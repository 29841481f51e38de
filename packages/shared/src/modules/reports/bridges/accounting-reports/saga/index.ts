import type { InvoiceDocument } from '../../../../accounting/document';
import type { ReceivedDocument } from '../../../../accounting/received-invoices.table';
import { sagaInvoicesXml, sagaIssuedInvoice, sagaReceivedInvoice } from './invoices';
import { sagaReceiptsFile, type SagaPaymentInput } from './receipts';

export * from './format';
export * from './layout';
export * from './invoices';
export * from './receipts';
export { xmlDocument, type XmlNode } from './xml';

/** A file of the accountant's package: its path in the ZIP and its text. */
export type SagaFile = { name: string; content: string };

export type SagaMonthInput = {
  /** The month, YYYY-MM. */
  month: string;
  issued: readonly { id: string; document: InvoiceDocument }[];
  received: readonly { id: string; document: ReceivedDocument }[];
  payments: readonly SagaPaymentInput[];
};

/** The month's last day, YYYY-MM-DD. */
export function sagaMonthEnd(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/**
 * The month's SAGA import files: one XML per issued invoice or credit note (`iesiri/`), one per supplier invoice
 * received through e-Factura (`intrari/`), and the month's receipts (`I_<data>.xml`), each as the manual names it.
 */
export function sagaMonthFiles(input: SagaMonthInput): SagaFile[] {
  const files: SagaFile[] = [];
  for (const inv of input.issued) {
    const saga = sagaIssuedInvoice(inv.id, inv.document);
    files.push({ name: `iesiri/${saga.fileName}`, content: sagaInvoicesXml([saga]) });
  }
  for (const inv of input.received) {
    const saga = sagaReceivedInvoice(inv.id, inv.document, '');
    files.push({ name: `intrari/${saga.fileName}`, content: sagaInvoicesXml([saga]) });
  }
  if (input.payments.length > 0) files.push(sagaReceiptsFile(input.payments, sagaMonthEnd(input.month)));
  return files;
}

/** The largest package the server sends the accountant by e-mail (mail providers commonly refuse 20–25 MB once encoded). */
export const accountantPackageMaxBytes = 12 * 1024 * 1024;
