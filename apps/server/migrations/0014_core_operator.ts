import type { Kysely } from 'kysely';

/**
 * The operator console.
 * - billing_events.duplicates: how many times an event already in the inbox was delivered again (the
 *   console shows each event's outcome: applied, stale, and how often it came back as a duplicate).
 * - An index on the audit trail by time alone, for the platform's trail across every company.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('billing_events').addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('billing_events_tenant_idx').on('billing_events').columns(['tenant_id', 'received_at']).execute();
  await db.schema.createIndex('audit_log_created_idx').on('audit_log').column('created_at').execute();
}
