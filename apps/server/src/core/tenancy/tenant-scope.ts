import { sql, type Transaction } from 'kysely';
import { transactionExtras, type Database, type TransactionExtras } from '../db';
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
 *   `app.tenant_id` (both local to it), so row-level security limits every statement whatever reaches
 *   the database.
 * `snapshot`: every statement sees the same data (PostgreSQL REPEATABLE READ; a SQLite transaction
 * always does), for reads that must agree with each other.
 */
export async function withTenant<T>(
  database: Database,
  tenantId: string,
  fn: (tx: TenantTx) => Promise<T>,
  options: { snapshot?: boolean } = {},
): Promise<T> {
  // On PostgreSQL the role and the company travel with BEGIN, and NOTIFYs with COMMIT (db.ts), when
  // their text can be written as plain literals (company ids are UUIDs); else they are statements.
  const extras: TransactionExtras | undefined = database.engine === 'postgres' && plainText.test(tenantId)
    ? { begin: `SELECT set_config('role', 'roaauto_app', true), set_config('app.tenant_id', '${tenantId}', true)`, commit: [] }
    : undefined;
  const begin = database.db.transaction();
  const run = () => (options.snapshot && database.engine === 'postgres' ? begin.setIsolationLevel('repeatable read') : begin).execute(async (trx) => {
    if (database.engine === 'postgres' && !extras?.connection) {
      // `role` is the setting SET LOCAL ROLE changes: both in one statement.
      await sql`SELECT set_config('role', 'roaauto_app', true), set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    }
    const notify = async (channel: string, payload: string): Promise<void> => {
      if (database.engine !== 'postgres') return;
      if (extras?.connection && plainText.test(channel) && plainText.test(payload)) extras.commit.push(`SELECT pg_notify('${channel}', '${payload}')`);
      else await sql`SELECT pg_notify(${channel}, ${payload})`.execute(trx);
    };
    return fn({ tenantId, db: trx.withPlugin(new TenantScopePlugin(tenantId)), notify });
  });
  return extras ? transactionExtras.run(extras, run) : run();
}

/** Text that is the same inside a SQL string literal: nothing to escape, nothing to end it. */
const plainText = /^[0-9A-Za-z_:-]{1,100}$/;
