import { sql, type Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

/**
 * Supplier invoices received through e-Factura (synced: the owner sees the inbox offline), and how far
 * each company's message list has been read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'received_invoices')
    .addColumn('anaf_id', 'text', (c) => c.notNull())
    .addColumn('tip', 'text', (c) => c.notNull())
    .addColumn('furnizor_nume', 'text', (c) => c.notNull())
    .addColumn('furnizor_cui', 'text')
    .addColumn('numar', 'text', (c) => c.notNull())
    .addColumn('data_emitere', 'text', (c) => c.notNull())
    .addColumn('data_scadenta', 'text')
    .addColumn('moneda', 'text', (c) => c.notNull())
    .addColumn('total_fara_tva', 'bigint', (c) => c.notNull())
    .addColumn('tva', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('duplicat', 'integer', (c) => c.notNull())
    .addColumn('platita', 'integer', (c) => c.notNull())
    .addColumn('platita_la', 'text')
    .execute();
  await indexSyncedTable(db, 'received_invoices');
  await db.schema.createIndex('received_invoices_anaf_idx').on('received_invoices').columns(['tenant_id', 'anaf_id']).unique().execute();
  await db.schema.createIndex('received_invoices_supplier_idx').on('received_invoices').columns(['tenant_id', 'furnizor_cui', 'numar']).execute();
  await enableTenantRls(db, ['received_invoices']);
  await sql`ALTER TABLE efactura_connections ADD COLUMN received_until text`.execute(db);
}
