import { DomainError, receptionDocument, sellerOrBlank, syncTables, type ReceptionDocument } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import { canRead } from '../../sync/scope';
import type { SyncService } from '../../sync/sync.service';
import { companyProfile, documentEvent } from '../core/documents';

/**
 * An order's vehicle reception sheet on the server: for its PDF and for the client portal, which shows
 * the sheet on the customer's page. An order has one sheet; should two devices each have started one
 * offline, the one made first counts.
 */

/** The order's reception sheet as a document (with the company as the shop), or null when it has none. */
export async function receptionForOrder(tx: TenantTx, orderId: string): Promise<{ doc: ReceptionDocument; logo: string | null } | null> {
  const order = await tx.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirst();
  if (!order || order.deleted_at) return null;
  const reception = await tx.db.selectFrom('vehicle_receptions').selectAll()
    .where('order_id', '=', orderId).where('deleted_at', 'is', null)
    .orderBy('created_at').orderBy('id').executeTakeFirst();
  if (!reception) return null;
  const photos = await tx.db.selectFrom('order_photos').select('reception_side')
    .where('reception_id', '=', reception.id).where('deleted_at', 'is', null).where('uploaded', '=', 1).execute();
  const profile = await companyProfile(tx);
  const doc = receptionDocument(order, reception, sellerOrBlank(profile), {
    intake: photos.filter((p) => p.reception_side === 'intake').length,
    handback: photos.filter((p) => p.reception_side === 'hand-back').length,
  });
  return { doc, logo: profile?.logo ?? null };
}

/** The sheet for a user who reads the order, the print recorded in the audit trail; not found otherwise. */
export async function receptionForPrint(sync: SyncService, auth: UserAuth, orderId: string): Promise<{ doc: ReceptionDocument; logo: string | null }> {
  return sync.serverWrite(auth.tenantId, async ({ tx }) => {
    const found = (await canRead(tx, auth, syncTables, 'orders', orderId)) ? await receptionForOrder(tx, orderId) : null;
    if (!found) throw new DomainError('not_found', 'This order has no reception sheet');
    const title = found.doc.comanda.numar === null ? 'Fișă de recepție' : `Fișă de recepție ${found.doc.comanda.numar}`;
    return { rows: [documentEvent(auth, 'deviz', orderId, 'tiparire', title)], result: found };
  });
}
