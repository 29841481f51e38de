import { sql, type Kysely } from 'kysely';

/**
 * The customer an order was made for, so a customer's page lists their orders after the vehicle changed
 * hands. Orders already there take their vehicle's customer, as the browser's local migration 9 does with
 * its copy; their sync version does not change (every device fills its own copy the same way).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('orders').addColumn('client_id', 'text').execute();
  await sql`UPDATE orders SET client_id = (SELECT v.client_id FROM vehicles v WHERE v.id = orders.vehicle_id AND v.tenant_id = orders.tenant_id)
    WHERE client_id IS NULL AND vehicle_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('orders_tenant_client_idx').on('orders').columns(['tenant_id', 'client_id']).execute();
}
