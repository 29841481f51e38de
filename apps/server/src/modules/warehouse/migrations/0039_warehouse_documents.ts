import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  warehouse_series: [
    ['tip_document', 'text', 'not null'], ['serie', 'text', 'not null'], ['numar_start', 'integer', 'not null'], ['ultimul_numar', 'integer', 'not null'],
    ['client_id', 'text', 'not null'], ['descriere', 'text'], ['activa', 'integer', 'not null'],
  ],
  stock_receipts: [
    ['serie_id', 'text', 'not null'], ['serie', 'text', 'not null'], ['numar', 'integer', 'not null'], ['data', 'text', 'not null'],
    ['location_id', 'text', 'not null'], ['furnizor_nume', 'text', 'not null'], ['furnizor_cui', 'text'], ['factura_numar', 'text', 'not null'],
    ['factura_data', 'text', 'not null'], ['received_invoice_id', 'text'], ['total_fara_tva', 'bigint', 'not null'], ['tva', 'bigint', 'not null'],
    ['total', 'bigint', 'not null'], ['document', 'text', 'not null'], ['emis_de', 'text'],
  ],
  delivery_notes: [
    ['serie_id', 'text', 'not null'], ['serie', 'text', 'not null'], ['numar', 'integer', 'not null'], ['data', 'text', 'not null'],
    ['location_id', 'text', 'not null'], ['to_location_id', 'text'], ['destinatar_nume', 'text', 'not null'], ['document', 'text', 'not null'], ['emis_de', 'text'],
  ],
};

/**
 * The warehouse's numbered documents (docs/warehouse.md): its device-held series, the goods-received notes
 * (NIR) and the delivery notes (aviz). A number is taken once per series; a received e-Factura invoice
 * makes at most one NIR.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  await db.schema.createIndex('warehouse_series_tenant_serie_uq').on('warehouse_series').columns(['tenant_id', 'serie']).unique().execute();
  await db.schema.createIndex('stock_receipts_tenant_number_uq').on('stock_receipts').columns(['tenant_id', 'serie_id', 'numar']).unique().execute();
  await db.schema.createIndex('delivery_notes_tenant_number_uq').on('delivery_notes').columns(['tenant_id', 'serie_id', 'numar']).unique().execute();
  await db.schema.createIndex('stock_receipts_tenant_invoice_uq').on('stock_receipts').columns(['tenant_id', 'received_invoice_id']).unique()
    .where(sql.ref('received_invoice_id'), 'is not', null).execute();
  await enableTenantRls(db, Object.keys(tables));
}
