import type { Kysely } from 'kysely';
import { syncTables } from '@roaauto/shared';
import type { DatabaseSchema } from '../db-schema';

export type TenantStats = { documentsThisMonth: number; lastActivityAt: string | null; storageRows: number };

/**
 * What the operator's list shows of each company besides its plan: documents issued this month (the
 * documents' trail), the newest activity (audit trail or a device's sync) and how many live rows it keeps
 * on the server. A handful of grouped queries for the whole page, never one per company.
 */
export async function tenantStats(db: Kysely<DatabaseSchema>, tenantIds: readonly string[], now: Date): Promise<Map<string, TenantStats>> {
  const out = new Map<string, TenantStats>(tenantIds.map((id) => [id, { documentsThisMonth: 0, lastActivityAt: null, storageRows: 0 }]));
  if (!tenantIds.length) return out;
  const ids = [...tenantIds];
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();

  const docs = await db.selectFrom('document_events').select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('n')])
    .where('tenant_id', 'in', ids).where('actiune', '=', 'emitere').where('created_at', '>=', monthStart).where('deleted_at', 'is', null)
    .groupBy('tenant_id').execute();
  for (const r of docs) {
    const s = out.get(r.tenant_id);
    if (s) s.documentsThisMonth = Number(r.n);
  }

  const newest = (id: string, at: string | null) => {
    const s = out.get(id);
    if (s && at && (!s.lastActivityAt || at > s.lastActivityAt)) s.lastActivityAt = at;
  };
  const audits = await db.selectFrom('audit_log').select((eb) => ['tenant_id', eb.fn.max('created_at').as('at')])
    .where('tenant_id', 'in', ids).groupBy('tenant_id').execute();
  for (const r of audits) if (r.tenant_id) newest(r.tenant_id, r.at);
  const devices = await db.selectFrom('sync_clients').select((eb) => ['tenant_id', eb.fn.max('last_seen_at').as('at')])
    .where('tenant_id', 'in', ids).groupBy('tenant_id').execute();
  for (const r of devices) newest(r.tenant_id, r.at);

  for (const t of syncTables) {
    const rows = await db.selectFrom(t.name as 'document_events').select((eb) => ['tenant_id', eb.fn.countAll<string | number>().as('n')])
      .where('tenant_id', 'in', ids).where('deleted_at', 'is', null).groupBy('tenant_id').execute();
    for (const r of rows) {
      const s = out.get(r.tenant_id);
      if (s) s.storageRows += Number(r.n);
    }
  }
  return out;
}
