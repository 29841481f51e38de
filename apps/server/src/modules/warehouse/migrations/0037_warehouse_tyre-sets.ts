import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  tyre_sets: [
    ['cod', 'text', 'not null'], ['client_id', 'text'], ['vehicle_id', 'text'], ['client_nume', 'text'], ['client_telefon', 'text'],
    ['nr_auto', 'text'], ['sezon', 'text', 'not null'], ['an', 'integer', 'not null'], ['status', 'text', 'not null'], ['dimensiune', 'text'],
    ['raft', 'text'], ['etaj', 'text'], ['pozitie', 'text'], ['primit_la', 'text', 'not null'], ['primit_de', 'text', 'not null'],
    ['predat_la', 'text'], ['predat_de', 'text'], ['tarif', 'bigint'], ['order_id', 'text'], ['observatii', 'text'],
  ],
  tyre_set_wheels: [
    ['set_id', 'text', 'not null'], ['pozitie', 'text', 'not null'], ['marca', 'text'], ['dimensiune', 'text'], ['dimensiune_cheie', 'text'],
    ['dot', 'text'], ['profil_mm', 'text'], ['pe_janta', 'integer', 'not null'], ['defecte', 'text'],
  ],
};

/** The tyre hotel's synced tables: the stored sets and their wheels (docs/tyre-hotel.md). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // The season reminders read a company's stored sets.
  await db.schema.createIndex('tyre_sets_tenant_status_idx').on('tyre_sets').columns(['tenant_id', 'status']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
