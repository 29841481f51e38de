import { sql, type Transaction } from 'kysely';
import type { Database } from '../db';
import type { DatabaseSchema } from '../db-schema';

/** A transaction bound to one company. Repositories of tenant data receive this, never the raw database. */
export type TenantTx = {
  readonly tenantId: string;
  readonly db: Transaction<DatabaseSchema>;
};

/**
 * Runs `fn` in a transaction scoped to one company. On PostgreSQL the transaction switches to the
 * non-owner role `roaauto_app` and sets `app.tenant_id`, so row-level security limits every statement
 * to that company whatever the query says. On SQLite the scope is this API: tenant repositories take a
 * TenantTx and filter by its tenantId; the tenant-isolation tests run the same matrix on both engines.
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
    return fn({ tenantId, db: trx });
  });
}
