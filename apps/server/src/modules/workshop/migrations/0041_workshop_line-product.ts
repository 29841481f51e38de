import type { Kysely } from 'kysely';

/** A material line's product from the warehouse (the `order_stock` bridge); null on every line already there. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_lines').addColumn('product_id', 'text').execute();
  await db.schema.createIndex('order_lines_tenant_product_idx').on('order_lines').columns(['tenant_id', 'product_id']).execute();
}
