import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  appointment_settings: [
    ['suprapuneri', 'text', 'not null'], ['confirmare_auto', 'integer', 'not null'], ['rezervari_online', 'integer', 'not null'],
    ['pas_minute', 'integer', 'not null'], ['orizont_zile', 'integer', 'not null'], ['avans_minute', 'integer', 'not null'],
    ['inchis_sarbatori', 'integer', 'not null'], ['reminder_ora', 'integer'],
  ],
  appointment_hours: [['zi', 'integer', 'not null'], ['de_la', 'text', 'not null'], ['pana_la', 'text', 'not null']],
  appointment_closures: [['de_la', 'text', 'not null'], ['pana_la', 'text', 'not null'], ['motiv', 'text']],
  appointment_bays: [['nume', 'text', 'not null'], ['ordine', 'integer', 'not null'], ['activ', 'integer', 'not null']],
  appointment_services: [
    ['nume', 'text', 'not null'], ['durata_minute', 'integer', 'not null'], ['tip_deviz_id', 'text'], ['online', 'integer', 'not null'],
    ['activ', 'integer', 'not null'],
  ],
  appointment_campaigns: [
    ['nume', 'text', 'not null'], ['service_id', 'text', 'not null'], ['de_la', 'text', 'not null'], ['pana_la', 'text', 'not null'],
    ['zile', 'text', 'not null'], ['ora_start', 'text', 'not null'], ['ora_sfarsit', 'text', 'not null'], ['slot_minute', 'integer', 'not null'],
    ['posturi', 'text', 'not null'], ['activ', 'integer', 'not null'],
  ],
  appointments: [
    ['inceput', 'text', 'not null'], ['sfarsit', 'text', 'not null'], ['data', 'text', 'not null'], ['post_id', 'text'], ['mecanic_id', 'text'],
    ['service_id', 'text'], ['campaign_id', 'text'], ['client_id', 'text'], ['vehicle_id', 'text'], ['client_nume', 'text'],
    ['client_telefon', 'text'], ['client_email', 'text'], ['nr_auto', 'text'], ['observatii', 'text'], ['status', 'text', 'not null'],
    ['sursa', 'text', 'not null'], ['order_id', 'text'],
  ],
};

/** The appointments module's synced tables: settings, hours, closed days, bays, services, campaigns, appointments. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  // The booking page and the slot search read a company's appointments by day.
  await db.schema.createIndex('appointments_tenant_data_idx').on('appointments').columns(['tenant_id', 'data']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
