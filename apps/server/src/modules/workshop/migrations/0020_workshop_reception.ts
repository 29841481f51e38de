import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/** The vehicle reception sheet of an order (intake and hand-back). */
export async function up(db: Kysely<unknown>): Promise<void> {
  let t = createSyncedTable(db, 'vehicle_receptions').addColumn('order_id', 'text', (c) => c.notNull());
  for (const side of ['intake', 'handback'] as const) {
    t = t.addColumn(`${side}_km`, 'integer').addColumn(`${side}_fuel`, 'integer');
    if (side === 'intake') {
      t = t.addColumn('damage_marks', 'text', (c) => c.notNull()).addColumn('customer_requests', 'text');
    }
    t = t.addColumn(`${side}_notes`, 'text')
      .addColumn(`${side}_signature`, 'text')
      .addColumn(`${side}_signed_by`, 'text')
      .addColumn(`${side}_signed_at`, 'text');
  }
  await t.execute();
  await indexSyncedTable(db, 'vehicle_receptions');
  await db.schema.createIndex('vehicle_receptions_tenant_order_idx').on('vehicle_receptions').columns(['tenant_id', 'order_id']).execute();
  await enableTenantRls(db, ['vehicle_receptions']);
}
