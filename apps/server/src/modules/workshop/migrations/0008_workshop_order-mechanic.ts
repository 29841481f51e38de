import type { Kysely } from 'kysely';

/** The mechanic an order is assigned to (a row of `mecanici`, linked to the mechanic's account). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('mecanic_id', 'text').execute();
  await db.schema.createIndex('orders_tenant_mechanic_idx').on('orders').columns(['tenant_id', 'mecanic_id']).execute();
  await db.schema.createIndex('mecanici_tenant_user_idx').on('mecanici').columns(['tenant_id', 'user_id']).execute();
}
