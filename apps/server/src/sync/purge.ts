import { sql, type Transaction } from 'kysely';
import { syncTables } from '@roaauto/shared';
import type { Database } from '../core/db';

/**
 * Removes tombstones (soft-deleted rows) older than `before`, for every company. A device whose cursor
 * is below the newest purged tombstone's version could miss a delete, so the company's
 * `purged_before` moves up to that version and such a cursor is answered 410 (download everything again).
 * Platform work: runs on the owner connection, across companies.
 */
export async function purgeTombstones(database: Database, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  let removed = 0;
  await database.db.transaction().execute(async (trx) => {
    const loose = trx as unknown as Transaction<Record<string, Record<string, unknown>>>;
    const newest = new Map<string, number>();
    for (const t of syncTables) {
      const rows = await loose.selectFrom(t.name).select(['tenant_id', (eb) => eb.fn.max('version').as('v')])
        .where('deleted_at', 'is not', null).where('deleted_at', '<', cutoff).groupBy('tenant_id').execute();
      for (const r of rows) newest.set(String(r.tenant_id), Math.max(newest.get(String(r.tenant_id)) ?? 0, Number(r.v)));
      const result = await loose.deleteFrom(t.name).where('deleted_at', 'is not', null).where('deleted_at', '<', cutoff).executeTakeFirst();
      removed += Number(result.numDeletedRows);
    }
    for (const [tenantId, version] of newest) {
      await trx.updateTable('sync_tenant_state')
        .set({ purged_before: sql`CASE WHEN purged_before > ${version} THEN purged_before ELSE ${version} END` })
        .where('tenant_id', '=', tenantId).execute();
    }
  });
  return removed;
}
