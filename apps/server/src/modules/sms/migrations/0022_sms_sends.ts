import type { Kysely } from 'kysely';
import { enableTenantRls } from '../../../../migrations/lib';

/**
 * The server's claim on each message it is to send (server-only): the message id is the key, so a
 * message is claimed once whatever pushes it and however many server processes see it. A process sends
 * a claim while it holds its lease (`lease_until`); one that died mid-way leaves a lease that runs out,
 * and the sweeper of another (or the same, restarted) process takes it again. See docs/sms.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sms_sends')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    /** pending: to send; sent: the provider took it; failed: the provider refused it. */
    .addColumn('state', 'text', (c) => c.notNull())
    /** The number it goes to (international digits): a STOP answer finds the companies that wrote to it. */
    .addColumn('telefon', 'text', (c) => c.notNull())
    /** The shop's calendar month it was claimed in (YYYY-MM): what maxSmsPerMonth counts. */
    .addColumn('luna', 'text', (c) => c.notNull())
    .addColumn('lease_until', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('provider_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sms_sends_state_lease_idx').on('sms_sends').columns(['state', 'lease_until']).execute();
  await db.schema.createIndex('sms_sends_provider_idx').on('sms_sends').columns(['provider_id']).execute();
  await db.schema.createIndex('sms_sends_phone_idx').on('sms_sends').columns(['telefon']).execute();
  await db.schema.createIndex('sms_sends_tenant_month_idx').on('sms_sends').columns(['tenant_id', 'luna']).execute();
  await enableTenantRls(db, ['sms_sends']);
}
