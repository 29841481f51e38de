import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

export async function up(db: Kysely<unknown>): Promise<void> {
  await createSyncedTable(db, 'vehicles')
    .addColumn('client_id', 'text')
    .addColumn('client_nume', 'text')
    .addColumn('client_telefon', 'text')
    .addColumn('client_email', 'text')
    .addColumn('client_cod_fiscal', 'text')
    .addColumn('client_adresa', 'text')
    .addColumn('nr_inmatriculare', 'text', (c) => c.notNull())
    .addColumn('marca_id', 'text')
    .addColumn('model_id', 'text')
    .addColumn('an_fabricatie', 'integer')
    .addColumn('serie_sasiu', 'text')
    .addColumn('tip_motor_id', 'text')
    .addColumn('oracle_id', 'integer')
    .execute();
  await indexSyncedTable(db, 'vehicles');
  await enableTenantRls(db, ['vehicles']);
}
