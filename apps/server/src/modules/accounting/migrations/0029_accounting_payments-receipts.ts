import { sql, type Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  payments: [
    ['factura_id', 'text', 'not null'], ['suma', 'bigint', 'not null'], ['data', 'text', 'not null'], ['metoda', 'text', 'not null'],
    ['referinta', 'text'], ['nota', 'text'], ['anulata_la', 'text'], ['motiv_anulare', 'text'], ['inregistrata_de', 'text'],
  ],
  receipts: [
    ['serie_id', 'text', 'not null'], ['serie', 'text', 'not null'], ['numar', 'bigint', 'not null'], ['payment_id', 'text', 'not null'],
    ['factura_id', 'text', 'not null'], ['data', 'text', 'not null'], ['suma', 'bigint', 'not null'], ['document', 'text', 'not null'],
    ['emisa_de', 'text'],
  ],
};

/**
 * Payments against invoices and receipts (chitanțe) for cash payments; a series says what it numbers
 * (`tip_document`: null for invoices, as every series made before, or 'chitanta').
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('invoice_series').addColumn('tip_document', 'text').execute();
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // A receipt number once per series (the devices' rules keep them continuous); one receipt per payment.
  await sql`CREATE UNIQUE INDEX receipts_tenant_series_number_uq ON receipts (tenant_id, serie_id, numar)`.execute(db);
  await sql`CREATE UNIQUE INDEX receipts_tenant_payment_uq ON receipts (tenant_id, payment_id)`.execute(db);
  await db.schema.createIndex('payments_tenant_invoice_idx').on('payments').columns(['tenant_id', 'factura_id']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
