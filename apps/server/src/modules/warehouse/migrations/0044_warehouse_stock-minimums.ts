import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/** A product's minimum stock per location (docs/warehouse.md): one row per product and location. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'stock_minimums')
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('location_id', 'text', (c) => c.notNull())
    .addColumn('minim', 'text')
    .execute();
  await indexSyncedTable(db, 'stock_minimums');
  await db.schema.createIndex('stock_minimums_tenant_product_location_uq').on('stock_minimums').columns(['tenant_id', 'product_id', 'location_id']).unique().execute();
  await enableTenantRls(db, ['stock_minimums']);
}
