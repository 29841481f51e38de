import type { Kysely } from 'kysely';
import { createSyncedTable, enableTenantRls, indexSyncedTable } from '../../../../migrations/lib';

type Column = [name: string, type: 'text' | 'integer' | 'bigint', notNull?: 'not null'];

const tables: Record<string, Column[]> = {
  sms_settings: [['expeditor', 'text']],
  sms_templates: [['cheie', 'text', 'not null'], ['text', 'text', 'not null']],
  sms_optouts: [['telefon', 'text', 'not null'], ['client_id', 'text'], ['sursa', 'text', 'not null']],
  sms_messages: [
    ['client_id', 'text'], ['order_id', 'text'], ['telefon', 'text', 'not null'], ['text', 'text', 'not null'], ['template', 'text'],
    ['status', 'text', 'not null'], ['motiv', 'text'], ['segmente', 'integer', 'not null'], ['codare', 'text', 'not null'], ['cost', 'bigint'],
    ['provider_id', 'text'], ['eroare', 'text'], ['trimis_la', 'text'], ['livrat_la', 'text'],
  ],
};

/** The SMS module's synced tables: settings, templates, numbers that want no SMS, messages. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of Object.entries(tables)) {
    let t = createSyncedTable(db, name);
    for (const [column, type, notNull] of columns) t = t.addColumn(column, type, (c) => (notNull ? c.notNull() : c));
    await t.execute();
    await indexSyncedTable(db, name);
  }
  await db.schema.createIndex('sms_optouts_tenant_phone_idx').on('sms_optouts').columns(['tenant_id', 'telefon']).execute();
  await db.schema.createIndex('sms_messages_tenant_created_idx').on('sms_messages').columns(['tenant_id', 'created_at']).execute();
  await enableTenantRls(db, Object.keys(tables));
}
