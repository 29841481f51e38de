import { sql, type Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/** The client portal: an order's public links (their tokens' hashes) and the customer's decisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'portal_links')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('expira_la', 'text', (c) => c.notNull())
    .addColumn('revocat_la', 'text')
    .addColumn('created_by', 'text')
    .execute();
  await indexSyncedTable(db, 'portal_links');
  // A page is found by its token's hash alone, across companies: one index probe.
  await sql`CREATE UNIQUE INDEX portal_links_token_hash_uq ON portal_links (token_hash)`.execute(db);
  await db.schema.createIndex('portal_links_tenant_order_idx').on('portal_links').columns(['tenant_id', 'order_id']).execute();

  await createSyncedTable(db, 'portal_decisions')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('link_id', 'text', (c) => c.notNull())
    .addColumn('versiune', 'text', (c) => c.notNull())
    .addColumn('nume_client', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('decis_la', 'text', (c) => c.notNull())
    .addColumn('aprobate', 'integer', (c) => c.notNull())
    .addColumn('respinse', 'integer', (c) => c.notNull())
    .addColumn('linii', 'text', (c) => c.notNull())
    .execute();
  await indexSyncedTable(db, 'portal_decisions');
  // Decisions are final per version of the estimate: one per order and version.
  await sql`CREATE UNIQUE INDEX portal_decisions_version_uq ON portal_decisions (tenant_id, order_id, versiune)`.execute(db);
  await enableTenantRls(db, ['portal_links', 'portal_decisions']);
}
