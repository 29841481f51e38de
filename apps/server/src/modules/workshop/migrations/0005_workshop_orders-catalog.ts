import { sql, type Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const catalogTables: Record<string, Column[]> = {
  catalog_marci: [['denumire', 'text', 'not null']],
  catalog_modele: [['marca_id', 'text', 'not null'], ['denumire', 'text', 'not null']],
  catalog_ansamble: [['denumire', 'text', 'not null']],
  catalog_norme: [['cod', 'text'], ['denumire', 'text', 'not null'], ['ore_normate', 'text', 'not null'], ['ansamblu_id', 'text']],
  catalog_preturi: [['denumire', 'text', 'not null'], ['pret', 'bigint', 'not null'], ['um', 'text', 'not null']],
  catalog_tipuri_deviz: [['denumire', 'text', 'not null']],
  catalog_tipuri_motoare: [['denumire', 'text', 'not null']],
  mecanici: [['user_id', 'text'], ['nume', 'text', 'not null'], ['prenume', 'text']],
};

const orders: Column[] = [
  ['nr_comanda', 'bigint'], ['data_comanda', 'text', 'not null'], ['vehicle_id', 'text'], ['tip_deviz_id', 'text'],
  ['status', 'text', 'not null'], ['km_intrare', 'integer'], ['observatii', 'text'], ['client_nume', 'text'],
  ['client_telefon', 'text'], ['client_email', 'text'], ['client_cod_fiscal', 'text'], ['client_adresa', 'text'],
  ['nr_auto', 'text'], ['serie_sasiu', 'text'], ['marca_denumire', 'text'], ['model_denumire', 'text'],
  ['total_manopera', 'bigint', 'not null'], ['total_materiale', 'bigint', 'not null'], ['total_general', 'bigint', 'not null'],
  ['token_client', 'text'], ['created_by', 'text'], ['oracle_id', 'bigint'],
];

const orderLines: Column[] = [
  ['order_id', 'text', 'not null'], ['tip', 'text', 'not null'], ['descriere', 'text', 'not null'], ['norma_id', 'text'],
  ['ore', 'text'], ['pret_ora', 'bigint'], ['um', 'text'], ['cantitate', 'text'], ['pret_unitar', 'bigint'],
  ['total', 'bigint', 'not null'], ['mecanic_id', 'text'], ['ordine', 'integer', 'not null'], ['oracle_id', 'bigint'],
];

async function create(db: Kysely<unknown>, name: string, columns: Column[]): Promise<void> {
  let t = createSyncedTable(db, name);
  for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
  await t.execute();
  await indexSyncedTable(db, name);
}

/** The workshop's catalog, mechanics, repair orders and their lines. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(catalogTables)) {
    await create(db, name, [...columns, ['activ', 'integer', 'not null'], ['oracle_id', 'bigint']]);
  }
  await create(db, 'orders', orders);
  await create(db, 'order_lines', orderLines);
  // An order number is used once per company, deleted orders included (numbers are never reused).
  await sql`CREATE UNIQUE INDEX orders_tenant_number_uq ON orders (tenant_id, nr_comanda) WHERE nr_comanda IS NOT NULL`.execute(db);
  await db.schema.createIndex('order_lines_tenant_order_idx').on('order_lines').columns(['tenant_id', 'order_id']).execute();
  await db.schema.createIndex('orders_tenant_vehicle_idx').on('orders').columns(['tenant_id', 'vehicle_id']).execute();
  await enableTenantRls(db, [...Object.keys(catalogTables), 'orders', 'order_lines']);
}
