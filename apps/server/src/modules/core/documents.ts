import { currentProfile, newId, type CompanyProfile, type DocumentAction } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { TenantTx } from '../../core/tenancy/tenant-scope';

/** The company's profile (the oldest live row, as on every device), or null while it has none. */
export async function companyProfile(tx: TenantTx): Promise<CompanyProfile | null> {
  return currentProfile(await tx.db.selectFrom('company_profile').selectAll().where('deleted_at', 'is', null).execute());
}

/** One line of the documents' audit trail, written by the server (client_id null): a row for `serverWrite`. */
export function documentEvent(auth: UserAuth, document: 'factura' | 'deviz', documentId: string, actiune: DocumentAction, descriere: string) {
  return { table: 'document_events', isNew: true, row: { id: newId(), document, document_id: documentId, actiune, descriere, user_id: auth.userId, client_id: null } };
}
