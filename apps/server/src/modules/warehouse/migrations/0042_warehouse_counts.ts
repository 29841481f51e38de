import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  stock_counts: [
    ['location_id', 'text', 'not null'], ['status', 'text', 'not null'], ['inceput_la', 'text', 'not null'], ['inceput_de', 'text'],
    ['terminat_la', 'text'], ['aplicat_la', 'text'], ['nota', 'text'],
  ],
  stock_count_lines: [
    ['count_id', 'text', 'not null'], ['product_id', 'text', 'not null'], ['cantitate', 'text', 'not null'], ['user_id', 'text'],
    ['numarat_la', 'text', 'not null'],
  ],
};

/** Counts (inventar) of a location and their counted lines (docs/warehouse.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // A count's lines; a location's ledger rows (the report reads them).
  await db.schema.createIndex('stock_count_lines_tenant_count_idx').on('stock_count_lines').columns(['tenant_id', 'count_id']).execute();
  await db.schema.createIndex('stock_movements_tenant_location_idx').on('stock_movements').columns(['tenant_id', 'location_id']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
