import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * Server-only tables of the appointments module (docs/appointments-feed.md):
 * - `calendar_feeds`: the secret addresses of the shop's (or a mechanic's) calendar feed, by the SHA-256
 *   of their token (the token itself is shown once and never stored);
 * - `appointment_reminders`: each day-before reminder written, keyed by the appointment and its start
 *   time, so it is written once however many server processes sweep at the same moment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    /** Hex SHA-256 of the token. */
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    /** The mechanic (mecanici row) whose appointments it lists; none: the whole shop. */
    .addColumn('mecanic_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('calendar_feeds_tenant_idx').on('calendar_feeds').columns(['tenant_id', 'revoked_at']).execute();
  await db.schema
    .createTable('appointment_reminders')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('appointment_id', 'text', (c) => c.notNull())
    /** The start time the reminder was about: a moved appointment is reminded again for its new time. */
    .addColumn('inceput', 'text', (c) => c.notNull())
    /** The message written for it (sms_messages.id). */
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('appointment_reminders_pk', ['tenant_id', 'appointment_id', 'inceput'])
    .execute();
  await enableTenantRls(db, ['calendar_feeds', 'appointment_reminders']);
}
