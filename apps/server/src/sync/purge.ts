import { sql } from 'kysely';
import { syncedTableNames } from '@roaauto/shared';
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
    const newest = new Map<string, number>();
    for (const table of syncedTableNames) {
      const rows = await trx.selectFrom(table).select(['tenant_id', (eb) => eb.fn.max('version').as('v')])
        .where('deleted_at', 'is not', null).where('deleted_at', '<', cutoff).groupBy('tenant_id').execute();
      for (const r of rows) newest.set(r.tenant_id, Math.max(newest.get(r.tenant_id) ?? 0, r.v));
      const result = await trx.deleteFrom(table).where('deleted_at', 'is not', null).where('deleted_at', '<', cutoff).executeTakeFirst();
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
