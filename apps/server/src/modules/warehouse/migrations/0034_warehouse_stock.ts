import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  warehouse_settings: [['stoc_negativ', 'text', 'not null'], ['evaluare', 'text', 'not null']],
  products: [
    ['tip', 'text', 'not null'], ['cod', 'text', 'not null'], ['nume', 'text', 'not null'], ['um', 'text', 'not null'],
    ['categorie_tva', 'text', 'not null'], ['cota_tva', 'text', 'not null'], ['pret_vanzare', 'bigint', 'not null'], ['cod_bare', 'text'],
    ['anv_dimensiune', 'text'], ['anv_cheie', 'text'], ['anv_indice_sarcina', 'integer'], ['anv_indice_viteza', 'text'], ['anv_sezon', 'text'],
    ['anv_marca', 'text'], ['anv_dot', 'text'], ['stoc_minim', 'text'], ['activ', 'integer', 'not null'],
  ],
  product_supplier_codes: [['product_id', 'text', 'not null'], ['furnizor_cui', 'text'], ['furnizor_nume', 'text'], ['cod', 'text', 'not null']],
  product_costs: [['product_id', 'text', 'not null'], ['pret_achizitie', 'bigint', 'not null']],
  stock_locations: [['nume', 'text', 'not null'], ['cod', 'text'], ['activ', 'integer', 'not null']],
  stock_movements: [
    ['tip', 'text', 'not null'], ['product_id', 'text', 'not null'], ['location_id', 'text', 'not null'], ['cantitate', 'text', 'not null'],
    ['data', 'text', 'not null'], ['transfer_id', 'text'], ['doc_tip', 'text'], ['doc_id', 'text'], ['user_id', 'text'], ['nota', 'text'],
  ],
  stock_movement_costs: [['movement_id', 'text', 'not null'], ['cost_unitar', 'bigint', 'not null']],
};

/** The warehouse's synced tables: settings, products (their supplier codes and costs), locations, the stock ledger and its costs. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // Matching an invoice's lines to products (the NIR), the stock of one product, a movement's cost.
  await db.schema.createIndex('product_supplier_codes_tenant_cod_idx').on('product_supplier_codes').columns(['tenant_id', 'cod']).execute();
  await db.schema.createIndex('products_tenant_cod_idx').on('products').columns(['tenant_id', 'cod']).execute();
  await db.schema.createIndex('products_tenant_cod_bare_idx').on('products').columns(['tenant_id', 'cod_bare']).execute();
  await db.schema.createIndex('stock_movements_tenant_product_idx').on('stock_movements').columns(['tenant_id', 'product_id', 'location_id']).execute();
  await db.schema.createIndex('stock_movement_costs_tenant_movement_idx').on('stock_movement_costs').columns(['tenant_id', 'movement_id']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
