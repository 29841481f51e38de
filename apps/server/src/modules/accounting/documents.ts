import { DomainError, invoiceDocument, invoiceTitle, syncTables, type DocumentAction, type InvoiceDocument } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { SyncService } from '../../sync/sync.service';
import { canRead } from '../../sync/scope';
import { companyProfile, documentEvent } from '../core/documents';

/**
 * An issued invoice as stored (the document it was issued with), recording the print or export in the
 * audit trail in the same transaction. Another company's id is simply not found.
 */
export async function invoiceForPrint(sync: SyncService, auth: UserAuth, id: string, action: DocumentAction): Promise<{ doc: InvoiceDocument; logo: string | null }> {
  return sync.serverWrite(auth.tenantId, async ({ tx }) => {
    const invoice = await tx.db.selectFrom('invoices').select(['document', 'deleted_at']).where('id', '=', id).executeTakeFirst();
    // A row the user's role does not read is answered like one that does not exist (sync/scope.ts).
    if (!invoice || invoice.deleted_at || !(await canRead(tx, auth, syncTables, 'invoices', id))) throw new DomainError('not_found', 'This invoice does not exist');
    const doc = invoiceDocument(invoice);
    const profile = await companyProfile(tx);
    return { rows: [documentEvent(auth, 'factura', id, action, invoiceTitle(doc))], result: { doc, logo: profile?.logo ?? null } };
  });
}
