import type { Kysely } from 'kysely';

/**
 * Customers in full: a person's CNP, a company's trade-register number and VAT status, the locality and
 * Bucharest's sector beside the county and street, and marketing consent (its channel and date). Every
 * new column is nullable: the rows already there keep working as they are.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('clients').addColumn('cnp', 'text').execute();
  await db.schema.alterTable('clients').addColumn('reg_com', 'text').execute();
  await db.schema.alterTable('clients').addColumn('platitor_tva', 'integer').execute();
  await db.schema.alterTable('clients').addColumn('localitate', 'text').execute();
  await db.schema.alterTable('clients').addColumn('sector', 'integer').execute();
  await db.schema.alterTable('clients').addColumn('marketing_canal', 'text').execute();
  await db.schema.alterTable('clients').addColumn('marketing_data', 'text').execute();
  await db.schema.createIndex('clients_tenant_cod_fiscal_idx').on('clients').columns(['tenant_id', 'cod_fiscal']).execute();
}
