import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * `tyre_set_reminders`: each season-change reminder written, keyed by the set and the season change
 * ("iarna-2026"), so a set's customer is texted once per season however many processes sweep.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tyre_set_reminders')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('set_id', 'text', (c) => c.notNull())
    .addColumn('sezon', 'text', (c) => c.notNull())
    /** The message written for it (sms_messages.id). */
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tyre_set_reminders_pk', ['tenant_id', 'set_id', 'sezon'])
    .execute();
  await enableTenantRls(db, ['tyre_set_reminders']);
}
