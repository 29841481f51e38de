import { sql, type Transaction } from 'kysely';
import type { Database } from '../db';
import type { DatabaseSchema } from '../db-schema';
import { TenantScopePlugin } from './tenant-scope.plugin';

/** A transaction bound to one company. Repositories of tenant data receive this, never the raw database. */
export type TenantTx = {
  readonly tenantId: string;
  readonly db: Transaction<DatabaseSchema>;
  /** PostgreSQL NOTIFY, delivered to listeners only if this transaction commits (no-op on SQLite). */
  notify(channel: string, payload: string): Promise<void>;
};

/**
 * Runs `fn` in a transaction scoped to one company, on two independent locks:
 * - the query builder it hands out carries TenantScopePlugin, which adds the company filter to every
 *   query over a tenant table and refuses writes for another company or raw SQL (both engines; the
 *   only isolation SQLite has);
 * - on PostgreSQL the transaction also switches to the non-owner role `roaauto_app` and sets
 *   `app.tenant_id`, so row-level security limits every statement whatever reaches the database.
 */
export async function withTenant<T>(
  database: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
): Promise<T> {
  return database.db.transaction().execute(async (trx) => {
    if (database.engine === 'postgres') {
      await sql`SET LOCAL ROLE roaauto_app`.execute(trx);
      await sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    }
    const notify = async (channel: string, payload: string): Promise<void> => {
      if (database.engine === 'postgres') await sql`SELECT pg_notify(${channel}, ${payload})`.execute(trx);
    };
    return fn({ tenantId, db: trx.withPlugin(new TenantScopePlugin(tenantId)), notify });
  });
}
