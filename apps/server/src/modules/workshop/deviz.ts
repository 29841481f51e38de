import { DomainError, devizDocument, sellerOrBlank, syncTables, type DevizDocument } from '@roaauto/shared';
import { canRead } from '../../sync/scope';
import type { UserAuth } from '../../core/auth/guards';
import type { Database } from '../../core/db';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import { companyProfile, documentEvent } from '../core/documents';

export type DevizForPrint = { doc: DevizDocument; logo: string | null; title: string; replyTo: string | null };

/**
 * A repair order as its estimate, from the stored order, lines, mechanics and the company profile.
 * Another company's id, or an order the user's role does not read, is not found.
 */
async function loadDeviz(tx: TenantTx, auth: UserAuth, id: string): Promise<DevizForPrint> {
  const order = await tx.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
  // A row the user's role does not read is answered like one that does not exist (sync/scope.ts).
  if (!order || order.deleted_at || !(await canRead(tx, auth, syncTables, 'orders', id))) throw new DomainError('not_found', 'This order does not exist');
  const lines = await tx.db.selectFrom('order_lines').selectAll().where('order_id', '=', id).where('deleted_at', 'is', null).execute();
  const mechanics = new Map((await tx.db.selectFrom('mecanici').select(['id', 'nume', 'prenume']).where('deleted_at', 'is', null).execute())
    .map((m) => [m.id, [m.nume, m.prenume].filter(Boolean).join(' ')]));
  const tip = order.tip_deviz_id === null ? undefined
    : await tx.db.selectFrom('catalog_tipuri_deviz').select('denumire').where('id', '=', order.tip_deviz_id).executeTakeFirst();
  const profile = await companyProfile(tx);
  const doc = devizDocument(
    order,
    lines.map((l) => ({ ...l, mecanic: l.mecanic_id === null ? null : (mechanics.get(l.mecanic_id) ?? null) })),
    sellerOrBlank(profile),
    { tipDeviz: tip?.denumire ?? null },
  );
  const title = order.nr_comanda === null ? 'Deviz' : `Deviz ${order.nr_comanda}`;
  return { doc, logo: profile?.logo ?? null, title, replyTo: profile?.email ?? null };
}

/** The estimate to print, recording the print in the audit trail in the same transaction. */
export async function devizForPrint(sync: SyncService, auth: UserAuth, id: string): Promise<DevizForPrint> {
  return sync.serverWrite(auth.tenantId, async ({ tx }) => {
    const deviz = await loadDeviz(tx, auth, id);
    return { rows: [documentEvent(auth, 'deviz', id, 'tiparire', deviz.title)], result: deviz };
  });
}

/** The estimate to send (the sending is recorded once it went out: `recordDocumentMail`). */
export async function devizToSend(database: Database, auth: UserAuth, id: string): Promise<DevizForPrint> {
  return withTenant(database, auth.tenantId, (tx) => loadDeviz(tx, auth, id));
}
