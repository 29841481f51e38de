import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * Automatic due-date reminders: the company's choice (on, days before) in its SMS settings, and the
 * server's record of each reminder it wrote (server-only). A due date of a vehicle is the key, so a
 * reminder is written once however many server processes sweep at the same moment. See docs/sms.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sms_settings').addColumn('remindere', 'integer').execute();
  await db.schema.alterTable('sms_settings').addColumn('remindere_zile', 'integer').execute();
  await db.schema
    .createTable('sms_reminders')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('vehicle_id', 'text', (c) => c.notNull())
    /** itp, rca or revizie. */
    .addColumn('tip', 'text', (c) => c.notNull())
    /** The due date the reminder is about (YYYY-MM-DD). */
    .addColumn('data', 'text', (c) => c.notNull())
    /** The message written for it (sms_messages.id). */
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sms_reminders_pk', ['tenant_id', 'vehicle_id', 'tip', 'data'])
    .execute();
  await enableTenantRls(db, ['sms_reminders']);
}
