import type { Kysely } from 'kysely';

/** The customer's decision on an order line (client portal): 'aprobat', 'respins' or none. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('order_lines').addColumn('decizie_client', 'text').execute();
}
