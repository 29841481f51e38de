import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/** An order's photos (digital inspection): the rows; the files live in the storage (core/storage). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'order_photos')
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('line_id', 'text')
    .addColumn('reception_id', 'text')
    .addColumn('reception_side', 'text')
    .addColumn('caption', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded', 'integer', (c) => c.notNull())
    .execute();
  await indexSyncedTable(db, 'order_photos');
  await db.schema.createIndex('order_photos_tenant_order_idx').on('order_photos').columns(['tenant_id', 'order_id']).execute();
  await enableTenantRls(db, ['order_photos']);
}
