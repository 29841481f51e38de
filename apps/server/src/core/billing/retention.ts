import { lapsedAt, onFree, retainedUntil, syncTables } from '@roaauto/shared';
import { audit } from '../audit';
import type { Database } from '../db';
import { entitlementsFromRow } from '../tenancy/entitlements.repository';
import { withTenant } from '../tenancy/tenant-scope';

export type RetentionSweep = {
  /** Companies whose fall back to Free was recorded by this sweep (a trial or grace that ran out). */
  marked: string[];
  /** Companies that pay again: their date is cleared, nothing is deleted. */
  cleared: string[];
  /** Companies whose synced data was deleted. */
  deleted: string[];
};

/**
 * The daily sweep of companies on Free. It records when each fell back (a trial or a grace runs out
 * with no event), clears the date of those that pay again, and deletes the synced data of those on
 * Free for longer than `dataRetentionDays` (the company's row, its users and its audit trail stay, so
 * the owner can still sign in and upgrade; the trail gets a `tenant.data_deleted` line).
 */
export async function sweepRetention(database: Database, now: Date = new Date()): Promise<RetentionSweep> {
  const db = database.db;
  const result: RetentionSweep = { marked: [], cleared: [], deleted: [] };
  const rows = await db.selectFrom('tenants').selectAll().execute();
  for (const row of rows) {
    const e = entitlementsFromRow(row);
    if (!onFree(e, now)) {
      if (row.free_since !== null) {
        await db.updateTable('tenants').set({ free_since: null, data_deleted_at: null }).where('id', '=', row.id).where('free_since', '=', row.free_since).execute();
        result.cleared.push(row.id);
      }
      continue;
    }
    if (row.free_since === null) {
      const since = lapsedAt(e, now) ?? now.toISOString();
      await db.updateTable('tenants').set({ free_since: since }).where('id', '=', row.id).where('free_since', 'is', null).execute();
      result.marked.push(row.id);
      row.free_since = since;
    }
    if (row.data_deleted_at !== null || now.getTime() < Date.parse(retainedUntil(row.free_since))) continue;
    const freeSince = row.free_since;
    const removed = await withTenant(database, row.id, async (tx) => {
      // The same condition again under the company's lock: an upgrade that landed meanwhile wins.
      const current = await tx.db.selectFrom('tenants').select(['free_since', 'data_deleted_at']).where('id', '=', row.id).executeTakeFirst();
      if (current?.free_since !== freeSince || current.data_deleted_at !== null) return null;
      const counts: Record<string, number> = {};
      // Children before their parents.
      for (const table of [...syncTables].reverse()) {
        const r = await tx.db.deleteFrom(table.name as 'invoices').executeTakeFirst();
        counts[table.name] = Number(r.numDeletedRows);
      }
      await tx.db.deleteFrom('sync_scope').execute();
      await tx.db.updateTable('tenants').set({ data_deleted_at: now.toISOString() }).where('id', '=', row.id).execute();
      await audit(tx.db, {
        tenantId: row.id, actorKind: 'system', action: 'tenant.data_deleted', target: row.id,
        details: { freeSince, retainedUntil: retainedUntil(freeSince), rows: counts },
      });
      return counts;
    });
    if (removed) result.deleted.push(row.id);
  }
  return result;
}
