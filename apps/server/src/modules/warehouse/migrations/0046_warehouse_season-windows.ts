import type { Kysely } from 'kysely';

/**
 * The company's tyre season-change windows (docs/tyre-hotel.md), as month-day pairs on the warehouse
 * settings; null on every row already there (the defaults apply).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['iarna_de_la', 'iarna_pana_la', 'vara_de_la', 'vara_pana_la']) {
    await db.schema.alterTable('warehouse_settings').addColumn(column, 'text').execute();
  }
}
