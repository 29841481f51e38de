import type { Kysely } from 'kysely';

/**
 * Due dates (docs/workshop.md, "Due dates"): a vehicle's ITP and RCA expiry, its next service as typed
 * (date and km) and, per item, the due date the customer was last reminded about (the due list's mark);
 * an order type's service interval in months and/or km, from which the next service is computed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['itp_expira', 'rca_expira', 'revizie_data', 'itp_anuntat', 'rca_anuntat', 'revizie_anuntat']) {
    await db.schema.alterTable('vehicles').addColumn(column, 'text').execute();
  }
  await db.schema.alterTable('vehicles').addColumn('revizie_km', 'integer').execute();
  await db.schema.alterTable('catalog_tipuri_deviz').addColumn('interval_luni', 'integer').execute();
  await db.schema.alterTable('catalog_tipuri_deviz').addColumn('interval_km', 'integer').execute();
}
