import {
  DomainError, currentProfile, devizDocument, invoiceDocument, invoiceTitle, sellerOrBlank, type CompanyProfile, type DocumentAction,
  type Invoice, type InvoiceDocument, type DevizDocument, newId,
} from '@roaauto/shared';
import type { Kysely } from 'kysely';
import type { UserAuth } from '../../core/auth/guards';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import type { Row } from '../../sync/sync.store';

type Loose = Kysely<Record<string, Record<string, unknown>>>;

/** All live rows of a small synced table (the profile, the mechanics) within the transaction's company. */
async function liveRows(tx: TenantTx, table: string): Promise<Row[]> {
  return (await (tx.db as unknown as Loose).selectFrom(table).selectAll().where('deleted_at', 'is', null).execute()) as Row[];
}

/** One line of the documents' audit trail, written by the server (client_id null). */
function event(auth: UserAuth, document: 'factura' | 'deviz', documentId: string, actiune: DocumentAction, descriere: string) {
  return { table: 'document_events', isNew: true, row: { id: newId(), document, document_id: documentId, actiune, descriere, user_id: auth.userId, client_id: null } };
}

/**
 * An issued invoice as stored (the document it was issued with), recording the print or export in the
 * audit trail in the same transaction. Another company's id is simply not found.
 */
export async function invoiceForPrint(sync: SyncService, auth: UserAuth, id: string, action: DocumentAction): Promise<{ doc: InvoiceDocument; logo: string | null }> {
  return sync.serverWrite(auth.tenantId, async ({ tx, load }) => {
    const [invoice] = await load('invoices', [id]);
    if (!invoice || invoice.deleted_at) throw new DomainError('not_found', 'This invoice does not exist');
    const doc = invoiceDocument(invoice as unknown as Invoice);
    const profile = currentProfile((await liveRows(tx, 'company_profile')) as unknown as CompanyProfile[]);
    return { rows: [event(auth, 'factura', id, action, invoiceTitle(doc))], result: { doc, logo: profile?.logo ?? null } };
  });
}

/** A repair order as its estimate, from the stored order, lines, mechanics and the company profile. */
export async function devizForPrint(sync: SyncService, auth: UserAuth, id: string): Promise<{ doc: DevizDocument; logo: string | null }> {
  return sync.serverWrite(auth.tenantId, async ({ tx, load, children }) => {
    const [order] = await load('orders', [id]);
    if (!order || order.deleted_at) throw new DomainError('not_found', 'This order does not exist');
    const lines = await children('order_lines', 'order_id', [id]);
    const mechanics = new Map((await liveRows(tx, 'mecanici')).map((m) => [m.id, [m.nume, m.prenume].filter(Boolean).join(' ')]));
    const [tip] = typeof order.tip_deviz_id === 'string' ? await load('catalog_tipuri_deviz', [order.tip_deviz_id]) : [];
    const profile = currentProfile((await liveRows(tx, 'company_profile')) as unknown as CompanyProfile[]);
    const doc = devizDocument(
      order as never,
      lines.map((l) => ({ ...(l as never as Parameters<typeof devizDocument>[1][number]), mecanic: typeof l.mecanic_id === 'string' ? (mechanics.get(l.mecanic_id) ?? null) : null })),
      sellerOrBlank(profile),
      { tipDeviz: typeof tip?.denumire === 'string' ? tip.denumire : null },
    );
    return { rows: [event(auth, 'deviz', id, 'tiparire', typeof order.nr_comanda === 'number' ? `Deviz ${order.nr_comanda}` : 'Deviz')], result: { doc, logo: profile?.logo ?? null } };
  });
}
