import type { Kysely } from 'kysely';
import { enableTenantRls } from './lib';

/**
 * Reads scoped by role (src/sync/scope.ts): per user, the rows of the tables they read row by row
 * (a mechanic's orders, those orders' lines, vehicles and customers). `in_scope` 0 marks a row that
 * left the user's scope; `version` is the company version at which the row entered or left, so a pull
 * sends the rows that entered after its cursor and removes those that left. `pinned`: the user made
 * the row (a vehicle added at reception), so it stays theirs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_scope')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('in_scope', 'integer', (c) => c.notNull())
    .addColumn('pinned', 'integer', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sync_scope_pk', ['tenant_id', 'user_id', 'table_name', 'row_id'])
    .execute();
  await db.schema.createIndex('sync_scope_user_version_idx').on('sync_scope').columns(['tenant_id', 'user_id', 'version']).execute();
  await enableTenantRls(db, ['sync_scope']);
}
