import { DomainError, invoiceDocument, invoiceTitle, syncTables, type DocumentAction, type InvoiceDocument } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { Database } from '../../core/db';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import { canRead } from '../../sync/scope';
import { companyProfile, documentEvent } from '../core/documents';

export type InvoiceForPrint = { doc: InvoiceDocument; logo: string | null; replyTo: string | null };

/** An issued invoice as stored (the document it was issued with). Another company's id is simply not found. */
async function loadInvoice(tx: TenantTx, auth: UserAuth, id: string): Promise<InvoiceForPrint> {
  const invoice = await tx.db.selectFrom('invoices').select(['document', 'deleted_at']).where('id', '=', id).executeTakeFirst();
  // A row the user's role does not read is answered like one that does not exist (sync/scope.ts).
  if (!invoice || invoice.deleted_at || !(await canRead(tx, auth, syncTables, 'invoices', id))) throw new DomainError('not_found', 'This invoice does not exist');
  const profile = await companyProfile(tx);
  return { doc: invoiceDocument(invoice), logo: profile?.logo ?? null, replyTo: profile?.email ?? null };
}

/** An issued invoice to print or export, recording the print or export in the audit trail in the same transaction. */
export async function invoiceForPrint(sync: SyncService, auth: UserAuth, id: string, action: DocumentAction): Promise<InvoiceForPrint> {
  return sync.serverWrite(auth.tenantId, async ({ tx }) => {
    const invoice = await loadInvoice(tx, auth, id);
    return { rows: [documentEvent(auth, 'factura', id, action, invoiceTitle(invoice.doc))], result: invoice };
  });
}

/** An issued invoice to send (the sending is recorded once it went out: `recordDocumentMail`). */
export async function invoiceToSend(database: Database, auth: UserAuth, id: string): Promise<InvoiceForPrint> {
  return withTenant(database, auth.tenantId, (tx) => loadInvoice(tx, auth, id));
}
