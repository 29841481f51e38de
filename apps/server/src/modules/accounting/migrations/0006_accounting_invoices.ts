import { sql, type Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  company_profile: [
    ['nume', 'text', 'not null'], ['cui', 'text'], ['platitor_tva', 'integer', 'not null'], ['tva_la_incasare', 'integer', 'not null'],
    ['reg_com', 'text'], ['capital_social', 'text'], ['adresa', 'text'], ['localitate', 'text'], ['judet', 'text'], ['cod_postal', 'text'],
    ['iban', 'text'], ['banca', 'text'], ['telefon', 'text'], ['email', 'text'], ['logo', 'text'], ['serie_implicita', 'text'],
    ['zile_scadenta', 'integer'],
  ],
  invoice_series: [
    ['serie', 'text', 'not null'], ['numar_start', 'bigint', 'not null'], ['ultimul_numar', 'bigint', 'not null'],
    ['client_id', 'text', 'not null'], ['descriere', 'text'], ['activa', 'integer', 'not null'],
  ],
  invoices: [
    ['serie_id', 'text', 'not null'], ['serie_factura', 'text', 'not null'], ['nr_factura', 'bigint', 'not null'], ['tip', 'text', 'not null'],
    ['data_factura', 'text', 'not null'], ['data_livrare', 'text', 'not null'], ['data_scadenta', 'text'], ['modalitate_plata', 'text', 'not null'],
    ['order_id', 'text'], ['storno_de_id', 'text'], ['client_nume', 'text', 'not null'], ['client_cod_fiscal', 'text'], ['nr_auto', 'text'],
    ['total_fara_tva', 'bigint', 'not null'], ['tva', 'bigint', 'not null'], ['total_general', 'bigint', 'not null'],
    ['document', 'text', 'not null'], ['emis_de', 'text'],
  ],
  document_events: [
    ['document', 'text', 'not null'], ['document_id', 'text', 'not null'], ['actiune', 'text', 'not null'], ['descriere', 'text', 'not null'],
    ['user_id', 'text'], ['client_id', 'text'],
  ],
};

/** The fiscal profile, invoice series, invoices and credit notes, the documents' audit trail; orders name their invoice. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // A series name once per company; a number once per series (the devices' rules keep them continuous).
  await sql`CREATE UNIQUE INDEX invoice_series_tenant_name_uq ON invoice_series (tenant_id, serie)`.execute(db);
  await sql`CREATE UNIQUE INDEX invoices_tenant_series_number_uq ON invoices (tenant_id, serie_id, nr_factura)`.execute(db);
  await db.schema.createIndex('invoices_tenant_order_idx').on('invoices').columns(['tenant_id', 'order_id']).execute();
  await db.schema.createIndex('document_events_tenant_document_idx').on('document_events').columns(['tenant_id', 'document_id']).execute();
  await db.schema.alterTable('orders').addColumn('factura_id', 'text').execute();
  await enableTenantRls(db, Object.keys(tables));
}
