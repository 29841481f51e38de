import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/** Photos of a stored tyre set or one of its wheels (docs/tyre-hotel.md): the rows; the files live in the storage. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'tyre_set_photos')
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('wheel_id', 'text')
    .addColumn('caption', 'text')
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('uploaded', 'integer', (c) => c.notNull())
    .execute();
  await indexSyncedTable(db, 'tyre_set_photos');
  await db.schema.createIndex('tyre_set_photos_tenant_set_idx').on('tyre_set_photos').columns(['tenant_id', 'set_id']).execute();
  await enableTenantRls(db, ['tyre_set_photos']);
}
