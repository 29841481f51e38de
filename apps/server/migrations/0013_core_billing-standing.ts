import type { Kysely } from 'kysely';

/**
 * What billing needs beyond the entitlements: when the company fell back to Free (its server data is
 * kept 90 days from then, shared `dataRetentionDays`), when that data was deleted, and the customer
 * the billing provider knows it by (Stripe's `cus_…`), so events that name only the customer find it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tenants').addColumn('free_since', 'text').execute();
  await db.schema.alterTable('tenants').addColumn('data_deleted_at', 'text').execute();
  await db.schema.alterTable('tenants').addColumn('billing_customer_id', 'text').execute();
  await db.schema.createIndex('tenants_billing_customer_idx').on('tenants').column('billing_customer_id').execute();
}
