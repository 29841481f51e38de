import { sql, type Kysely } from 'kysely';

/**
 * A vehicle's make and model as text (any make, also one the catalog does not list). Rows that have only
 * catalog ids get the catalog's names, as the browser's local migration 7 does with its copy; their sync
 * version does not change (every device fills its own copy the same way).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('vehicles').addColumn('marca', 'text').execute();
  await db.schema.alterTable('vehicles').addColumn('model', 'text').execute();
  await sql`UPDATE vehicles SET marca = (SELECT c.denumire FROM catalog_marci c WHERE c.id = vehicles.marca_id AND c.tenant_id = vehicles.tenant_id)
    WHERE marca IS NULL AND marca_id IS NOT NULL`.execute(db);
  await sql`UPDATE vehicles SET model = (SELECT c.denumire FROM catalog_modele c WHERE c.id = vehicles.model_id AND c.tenant_id = vehicles.tenant_id)
    WHERE model IS NULL AND model_id IS NOT NULL`.execute(db);
}
