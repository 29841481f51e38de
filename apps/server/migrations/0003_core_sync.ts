import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from './lib';

/** Sync bookkeeping (per-company version, per-client last mutation) and the core module's clients table. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_tenant_state')
    .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
    .addColumn('version', 'bigint', (c) => c.notNull())
    // The newest purged tombstone's version: a cursor below it must re-bootstrap (410).
    .addColumn('purged_before', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sync_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('last_mutation_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  await createSyncedTable(db, 'clients')
    .addColumn('tip', 'text', (c) => c.notNull())
    .addColumn('nume', 'text', (c) => c.notNull())
    .addColumn('telefon', 'text')
    .addColumn('email', 'text')
    .addColumn('cod_fiscal', 'text')
    .addColumn('adresa', 'text')
    .addColumn('judet', 'text')
    .addColumn('observatii', 'text')
    .execute();
  await indexSyncedTable(db, 'clients');

  await enableTenantRls(db, ['sync_tenant_state', 'sync_clients', 'clients']);
}
